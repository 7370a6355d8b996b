import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

const MIN_REASON = 3;

/** Cancelling needs a short reason, which the doctor and the clinic see. */
export function CancelForm({ appointment, onDone, onClose }: { appointment: AppointmentView; onDone: (a: AppointmentView) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.cancel');
  const [reason, setReason] = useState('');

  const send = async () => {
    const done = await submit({ appointmentId: appointment.id, reason });
    if (done) onDone(done);
  };
  // The shared message for this key names a different minimum; say this form's own.
  const reasonError = fieldError('reason') && (reason.trim().length < MIN_REASON ? t('appointments.cancel.reasonShort') : fieldError('reason'));

  return (
    <Form label={t('appointments.cancel.title')} onSubmit={() => void send()}>
      <h4 className="appt-form__title">{t('appointments.cancel.title')}</h4>
      {error && <Notice kind="error">{error}</Notice>}
      <TextArea label={t('appointments.cancel.reason')} hint={t('appointments.cancel.reasonHint')} value={reason} onChange={setReason} maxLength={500} required error={reasonError} />
      <div className="form__actions">
        <Button kind="secondary" onClick={onClose}>{t('appointments.cancel.keep')}</Button>
        <Button type="submit" kind="danger" busy={busy}>{t('appointments.cancel.submit')}</Button>
      </div>
    </Form>
  );
}
