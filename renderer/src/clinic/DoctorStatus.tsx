import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Button, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { credentialsFromView, credentialsInput } from './credentialsDraft';
import { CredentialDocuments } from './CredentialDocuments';
import { CredentialsDetails } from './CredentialsDetails';
import { DoctorCredentialsFields } from './DoctorCredentialsFields';
import { StatusBadge } from './StatusBadge';

/**
 * A doctor's own verification: where it stands and why, their credentials (corrected and sent again when
 * refused; changed when verified, which sends them back to the queue) and the documents that prove them.
 */
export function DoctorStatus() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const { data, error, reload } = useLoad(invoke, 'doctors.me', {});
  const [sent, setSent] = useState<DoctorView['status'] | null>(null);
  const [editing, setEditing] = useState(false);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;

  return (
    <Page title={t('doctor.status.title')}>
      {sent && <Notice kind="success">{t(sent === 'verified' ? 'doctor.status.changed' : 'doctor.status.resubmitted')}</Notice>}
      <div className="card">
        <p className="status-line">
          <span>{t('doctor.status.label')}</span> <StatusBadge status={data.status} />
        </p>
        <p>{t(`doctor.status.explain.${data.status}`)}</p>
        {data.verifiedBefore && <p>{t('doctor.status.reverifying', { date: date(data.verifiedBefore) })}</p>}
      </div>
      {data.status === 'rejected' && (
        <div className="reason" role="note" aria-labelledby="reject-reason">
          <h2 id="reject-reason">{t('doctor.status.reason')}</h2>
          <p className="details__text">{data.decisionReason ?? t('doctor.details.none')}</p>
        </div>
      )}
      {editing ? (
        <EditCredentials
          doctor={data}
          onCancel={() => setEditing(false)}
          onSent={async () => {
            setSent(data.status);
            setEditing(false);
            await reload();
            document.getElementById('page-title')?.focus();
          }}
        />
      ) : (
        <>
          <p>
            <Button onClick={() => setEditing(true)}>{t(data.status === 'verified' ? 'doctor.status.change' : 'doctor.status.correct')}</Button>
          </p>
          <h2>{t('doctor.status.submitted')}</h2>
          <div className="card">
            <CredentialsDetails doctor={data} />
          </div>
        </>
      )}
      <CredentialDocuments documents={data.documents} onChanged={() => void reload()} />
    </Page>
  );
}

function EditCredentials({ doctor, onCancel, onSent }: { doctor: DoctorView; onCancel: () => void; onSent: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [draft, setDraft] = useState(() => credentialsFromView(doctor));
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'doctors.resubmit');
  const verified = doctor.status === 'verified';
  const title = t(verified ? 'doctor.status.change' : 'doctor.status.correct');

  async function send() {
    if (await submit(credentialsInput(draft))) onSent();
    else focusFirstInvalid();
  }

  return (
    <>
      <h2>{title}</h2>
      <p>{t(verified ? 'doctor.status.changeIntro' : 'doctor.status.correctIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={send} label={title}>
        <DoctorCredentialsFields value={draft} onChange={setDraft} fieldError={fieldError} prefix="" autoFocus />
        <div className="form__actions">
          <Button kind="secondary" onClick={onCancel}>{t('doctor.status.cancel')}</Button>
          <Button type="submit" busy={busy}>{t(verified ? 'doctor.status.saveChange' : 'doctor.status.resubmit')}</Button>
        </div>
      </Form>
    </>
  );
}
