import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { useDates } from '../ui/format';
import { CredentialsDetails } from './CredentialsDetails';
import { DocumentList } from './DocumentList';
import { StatusBadge } from './StatusBadge';

export type Decision = 'approve' | 'reject';

/** One application in the queue: everything submitted, then approve, or reject with a reason the doctor reads. */
export function PendingDoctor({ doctor, onDecided }: { doctor: DoctorView; onDecided: (d: DoctorView, decision: Decision) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.decideDoctor');
  const headingId = `doctor-${doctor.id}`;
  const { date } = useDates();

  async function approve() {
    const d = await submit({ doctorId: doctor.id, decision: 'approve' });
    if (d) onDecided(d, 'approve');
  }
  async function reject() {
    const d = await submit({ doctorId: doctor.id, decision: 'reject', reason });
    if (d) onDecided(d, 'reject');
    else focusFirstInvalid();
  }

  return (
    <article className="card" aria-labelledby={headingId}>
      <header className="card__header">
        <h2 id={headingId}>{doctor.fullName}</h2>
        <StatusBadge status={doctor.status} />
      </header>
      {error && <Notice kind="error">{error}</Notice>}
      {doctor.verifiedBefore && <Notice kind="info">{t('admin.queue.reverification', { date: date(doctor.verifiedBefore) })}</Notice>}
      <CredentialsDetails doctor={doctor} />
      <h3>{t('documents.title')}</h3>
      <DocumentList documents={doctor.documents} />
      {!rejecting ? (
        <div className="card__actions">
          <Button onClick={approve} busy={busy}>{t('admin.queue.approve')}</Button>
          <Button kind="danger" onClick={() => setRejecting(true)} disabled={busy}>{t('admin.queue.reject')}</Button>
        </div>
      ) : (
        <Form onSubmit={reject} label={t('admin.queue.rejectTitle', { name: doctor.fullName })}>
          <TextArea label={t('admin.queue.reason')} value={reason} onChange={setReason} rows={3} maxLength={1000} required error={fieldError('reason')} hint={t('admin.queue.reasonHint')} />
          <div className="form__actions">
            <Button kind="secondary" onClick={() => setRejecting(false)}>{t('admin.queue.cancel')}</Button>
            <Button kind="danger" type="submit" busy={busy}>{t('admin.queue.confirmReject')}</Button>
          </div>
        </Form>
      )}
    </article>
  );
}
