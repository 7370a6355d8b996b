import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry, RecordView } from '../../../shared/contract';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { SelectField } from '../ui/Field';
import { Button, Notice } from '../ui/Layout';

/** Whom one record is shared with: add a doctor, or stop sharing with one. */
export function ShareRecord({ record, doctors, onChanged, onClose }: { record: RecordView; doctors: DirectoryEntry[]; onChanged: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [doctorId, setDoctorId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shared, setShared] = useState(record.sharedWith);

  async function change(channel: 'records.share' | 'records.unshare', id: number) {
    setBusy(true);
    setError(null);
    const r = await invoke(channel, { recordId: record.id, doctorId: id });
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    setShared(r.data.sharedWith);
    setDoctorId('');
    onChanged();
  }

  const others = doctors.filter((d) => !shared.some((s) => s.doctorId === d.id));
  return (
    <Dialog title={t('records.shareTitle', { title: record.title })} onClose={onClose}>
      <p>{t('records.shareNote')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {shared.length === 0 ? (
        <p className="empty">{t('records.notSharedYet')}</p>
      ) : (
        <ul className="plain-list share-list">
          {shared.map((s) => (
            <li key={s.doctorId}>
              <span>{s.doctorName}</span>
              <Button kind="secondary" busy={busy} onClick={() => void change('records.unshare', s.doctorId)}>
                {t('records.unshare')}<span className="visually-hidden"> {s.doctorName}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="search-row">
        <SelectField
          label={t('records.shareWithDoctor')}
          value={doctorId}
          onChange={setDoctorId}
          options={others.map((d) => ({ value: String(d.id), label: d.fullName }))}
          placeholder={t('records.chooseDoctor')}
        />
        <Button busy={busy} disabled={!doctorId} onClick={() => void change('records.share', Number(doctorId))}>{t('records.shareButton')}</Button>
      </div>
      <div className="form__actions">
        <Button kind="secondary" onClick={onClose}>{t('preview.close')}</Button>
      </div>
    </Dialog>
  );
}
