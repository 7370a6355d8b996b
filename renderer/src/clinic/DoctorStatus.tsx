import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { credentialsFromView, credentialsInput } from './credentialsDraft';
import { CredentialsDetails } from './CredentialsDetails';
import { DoctorCredentialsFields } from './DoctorCredentialsFields';
import { StatusBadge } from './StatusBadge';

/** A doctor's own verification: where it stands, why, and (when refused) a way to correct and resubmit. */
export function DoctorStatus() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error, reload } = useLoad(invoke, 'doctors.me', {});
  const [resubmitted, setResubmitted] = useState(false);
  const [editing, setEditing] = useState(false);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;

  return (
    <Page title={t('doctor.status.title')}>
      {resubmitted && <Notice kind="success">{t('doctor.status.resubmitted')}</Notice>}
      <div className="card">
        <p className="status-line">
          <span>{t('doctor.status.label')}</span> <StatusBadge status={data.status} />
        </p>
        <p>{t(`doctor.status.explain.${data.status}`)}</p>
      </div>
      {data.status === 'rejected' && (
        <Rejected
          doctor={data}
          editing={editing}
          onEditing={setEditing}
          onResubmitted={async () => {
            setResubmitted(true);
            setEditing(false);
            await reload();
            document.getElementById('page-title')?.focus();
          }}
        />
      )}
      {!editing && (
        <>
          <h2>{t('doctor.status.submitted')}</h2>
          <div className="card">
            <CredentialsDetails doctor={data} />
          </div>
        </>
      )}
    </Page>
  );
}

function Rejected({ doctor, editing, onEditing, onResubmitted }: {
  doctor: DoctorView;
  editing: boolean;
  onEditing: (editing: boolean) => void;
  onResubmitted: () => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [draft, setDraft] = useState(() => credentialsFromView(doctor));
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'doctors.resubmit');

  async function resubmit() {
    if (await submit(credentialsInput(draft))) onResubmitted();
    else focusFirstInvalid();
  }

  return (
    <>
      <div className="reason" role="note" aria-labelledby="reject-reason">
        <h2 id="reject-reason">{t('doctor.status.reason')}</h2>
        <p className="details__text">{doctor.decisionReason ?? t('doctor.details.none')}</p>
      </div>
      {!editing ? (
        <p>
          <Button onClick={() => onEditing(true)}>{t('doctor.status.correct')}</Button>
        </p>
      ) : (
        <>
          <h2>{t('doctor.status.correct')}</h2>
          <p>{t('doctor.status.correctIntro')}</p>
          {error && <Notice kind="error">{error}</Notice>}
          <Form onSubmit={resubmit} label={t('doctor.status.correct')}>
            <DoctorCredentialsFields value={draft} onChange={setDraft} fieldError={fieldError} prefix="" autoFocus />
            <div className="form__actions">
              <Button kind="secondary" onClick={() => onEditing(false)}>{t('doctor.status.cancel')}</Button>
              <Button type="submit" busy={busy}>{t('doctor.status.resubmit')}</Button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
