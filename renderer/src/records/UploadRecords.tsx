import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../shared/contract';
import { RECORD_CATEGORIES, type RecordCategory } from '../../../shared/records';
import { useSession } from '../session/session';
import { errorText, fieldText } from '../ui/errors';
import { DateField } from '../ui/DateField';
import { SelectField, TextField } from '../ui/Field';
import { fileSize, uploadFile, type UploadHandle } from '../ui/files';
import { intlLocale, useDates } from '../ui/format';
import { Button, Fieldset, Form, Notice } from '../ui/Layout';

type State = 'waiting' | 'sending' | 'kept' | 'refused' | 'cancelled';
interface Item {
  key: number;
  file: File;
  title: string;
  progress: number;
  state: State;
  problem?: string;
  handle?: UploadHandle;
}

const titleOf = (name: string) => name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim().slice(0, 150) || name.slice(0, 150);

/**
 * The patient adds records: several files at once, each with its title and its own progress bar, sharing one
 * category, date and (optionally) a doctor. Each file is checked by its content on the server; a refusal says
 * why under that file, and the others are kept. `title`, `category` and `shareWith` suit it to another screen
 * (My health's lab report: its heading, lab_report, the monitoring doctor).
 */
export function UploadRecords({ doctors, onKept, title, category: initialCategory, shareWith }: {
  doctors: Pick<DirectoryEntry, 'id' | 'fullName'>[];
  onKept: () => void;
  title?: string;
  category?: RecordCategory;
  shareWith?: number;
}) {
  const { t, i18n } = useTranslation();
  const { invoke } = useSession();
  const { today } = useDates();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [category, setCategory] = useState<RecordCategory | ''>(initialCategory ?? '');
  const [recordDate, setRecordDate] = useState(today());
  const [doctorId, setDoctorId] = useState(shareWith ? String(shareWith) : '');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const nextKey = useRef(0);
  const busy = items.some((i) => i.state === 'sending');

  const update = (key: number, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  function choose(files: FileList | null) {
    if (!files) return;
    const added = [...files].map((file) => ({ key: nextKey.current++, file, title: titleOf(file.name), progress: 0, state: 'waiting' as State }));
    setItems((all) => [...all.filter((i) => i.state !== 'kept'), ...added]);
  }

  async function send(item: Item) {
    const handle = uploadFile(invoke, item.file, 'record', (share) => update(item.key, { progress: share }));
    update(item.key, { state: 'sending', progress: 0, problem: undefined, handle });
    const sent = await handle.done;
    const kept = sent.ok
      ? await invoke('records.add', { uploadId: sent.data, title: item.title, category: category as RecordCategory, recordDate, shareWith: doctorId ? [Number(doctorId)] : [] })
      : sent;
    if (kept.ok) return update(item.key, { state: 'kept', progress: 1, handle: undefined });
    const why = kept.error.fields ? Object.entries(kept.error.fields).map(([, key]) => fieldText(t, key)).join(' ') : errorText(t, kept.error);
    setItems((all) => all.map((i) => (i.key === item.key && i.state !== 'cancelled' ? { ...i, state: 'refused', problem: why, handle: undefined } : i)));
  }

  async function start() {
    setError(null);
    const waiting = items.filter((i) => i.state === 'waiting' || i.state === 'refused');
    const problems: Record<string, string> = {};
    if (!category) problems.category = 'category_required';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(recordDate) || recordDate > today()) problems.recordDate = 'record_date_invalid';
    if (waiting.some((i) => !i.title.trim())) problems.title = 'title_required';
    setFields(problems);
    if (Object.keys(problems).length > 0 || waiting.length === 0) {
      setError(waiting.length === 0 ? t('records.upload.nothing') : t('errors.VALIDATION'));
      return;
    }
    await Promise.all(waiting.map(send));
    onKept();
  }

  const locale = intlLocale(i18n.language);
  return (
    <section className="upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{title ?? t('records.upload.title')}</h2>
      <p className="form__note">{t('records.upload.note')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void start()} label={title ?? t('records.upload.title')}>
        <div className="field">
          <div className="field__label">
            <label htmlFor={inputId}>{t('records.upload.choose')}</label>
          </div>
          <input
            ref={input}
            id={inputId}
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,text/plain"
            onChange={(e) => {
              choose(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
        {items.length > 0 && (
          <ul className="upload__files">
            {items.map((item) => (
              <li key={item.key} className={`upload__file upload__file--${item.state}`}>
                <div className="upload__row">
                  <TextField
                    label={t('records.upload.fileTitle', { name: item.file.name })}
                    value={item.title}
                    maxLength={150}
                    required
                    onChange={(v) => update(item.key, { title: v })}
                    error={item.state !== 'kept' && !item.title.trim() && fields.title ? fieldText(t, 'title_required') : undefined}
                  />
                  <span className="upload__size">{fileSize(item.file.size, locale)}</span>
                  {item.state === 'sending' && (
                    <Button kind="secondary" onClick={() => {
                      item.handle?.cancel();
                      update(item.key, { state: 'cancelled', handle: undefined });
                    }}>
                      {t('records.upload.cancel')}<span className="visually-hidden"> {item.file.name}</span>
                    </Button>
                  )}
                  {(item.state === 'waiting' || item.state === 'refused' || item.state === 'cancelled') && (
                    <Button kind="link" onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))}>
                      {t('records.upload.remove')}<span className="visually-hidden"> {item.file.name}</span>
                    </Button>
                  )}
                </div>
                <progress max={1} value={item.progress} aria-label={t('records.upload.progress', { name: item.file.name })} />
                <p className={item.state === 'refused' ? 'field__error' : 'upload__state'} role={item.state === 'refused' ? 'alert' : undefined}>
                  {item.state === 'refused' ? item.problem : t(`records.upload.state.${item.state}`)}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Fieldset legend={t('records.upload.about')}>
          <div className="form__row">
            <SelectField
              label={t('records.category')}
              value={category}
              onChange={(v) => setCategory(v as RecordCategory)}
              options={RECORD_CATEGORIES.map((c) => ({ value: c, label: t(`records.categories.${c}`) }))}
              placeholder={t('records.upload.chooseCategory')}
              required
              error={fieldText(t, fields.category)}
            />
            <DateField label={t('records.date')} value={recordDate} onChange={setRecordDate} required error={fieldText(t, fields.recordDate)} />
          </div>
          <SelectField
            label={t('records.upload.shareWith')}
            value={doctorId}
            onChange={setDoctorId}
            options={doctors.map((d) => ({ value: String(d.id), label: d.fullName }))}
            placeholder={t('records.upload.shareNobody')}
            hint={t('records.upload.shareHint')}
          />
        </Fieldset>
        <div className="form__actions">
          <Button type="submit" busy={busy} disabled={items.every((i) => i.state === 'kept')}>{t('records.upload.send')}</Button>
        </div>
      </Form>
    </section>
  );
}
