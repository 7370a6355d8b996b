import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorDocument } from '../../../shared/contract';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/records';
import { useSession } from '../session/session';
import { errorText, fieldText } from '../ui/errors';
import { SelectField, TextField } from '../ui/Field';
import { uploadFile } from '../ui/files';
import { Button, Form, Notice } from '../ui/Layout';
import { DocumentList } from './DocumentList';

/**
 * The documents that prove a doctor's credentials (degree, registration certificate), attached to their
 * verification request: PDF, JPEG or PNG, uploaded and checked as patients' records are.
 */
export function CredentialDocuments({ documents, onChanged }: { documents: readonly DoctorDocument[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function add() {
    setError(null);
    setDone(null);
    const problems: Record<string, string> = {};
    if (!file) problems.file = 'file_required';
    if (!kind) problems.kind = 'document_kind_required';
    if (!title.trim()) problems.title = 'title_required';
    setFields(problems);
    if (!file || !kind || !title.trim()) return setError(t('errors.VALIDATION'));
    setProgress(0);
    const sent = await uploadFile(invoke, file, 'credential', setProgress).done;
    const kept = sent.ok ? await invoke('doctors.addDocument', { uploadId: sent.data, kind, title }) : sent;
    setProgress(null);
    if (!kept.ok) {
      setFields(kept.error.fields ?? {});
      return setError(errorText(t, kept.error));
    }
    setDone(t('documents.added', { title }));
    setFile(null);
    setTitle('');
    setKind('');
    onChanged();
  }

  async function remove(d: DoctorDocument) {
    const r = await invoke('doctors.removeDocument', { documentId: d.id });
    if (!r.ok) return setError(errorText(t, r.error));
    setDone(t('documents.removed', { title: d.title }));
    onChanged();
  }

  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents.title')}</h2>
      <p>{t('documents.intro')}</p>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <DocumentList documents={documents} onRemove={(d) => void remove(d)} />
      <Form onSubmit={() => void add()} label={t('documents.add')}>
        <div className={`field${fields.file ? ' field--invalid' : ''}`}>
          <div className="field__label">
            <label htmlFor={fileId}>{t('documents.file')}</label>
          </div>
          <input id={fileId} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {fields.file && <p className="field__error">{fieldText(t, fields.file)}</p>}
        </div>
        <div className="form__row">
          <SelectField
            label={t('documents.kind')}
            value={kind}
            onChange={(v) => setKind(v as DocumentKind)}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
            placeholder={t('patient.form.choose')}
            required
            error={fieldText(t, fields.kind)}
          />
          <TextField label={t('documents.docTitle')} value={title} onChange={setTitle} maxLength={150} required error={fieldText(t, fields.title)} />
        </div>
        {progress !== null && <progress max={1} value={progress} aria-label={t('records.upload.progress', { name: file?.name ?? '' })} />}
        <div className="form__actions">
          <Button type="submit" busy={progress !== null}>{t('documents.add')}</Button>
        </div>
      </Form>
    </section>
  );
}
