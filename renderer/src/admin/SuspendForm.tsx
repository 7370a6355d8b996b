import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDoctorEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/** The reason for suspending one doctor, asked for before anything changes. */
export function SuspendForm({ doctor, onDone, onCancel }: { doctor: AdminDoctorEntry; onDone: (d: AdminDoctorEntry) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.suspendDoctor');
  const title = t('suspend.formTitle', { name: doctor.fullName });

  async function confirm() {
    const r = await submit({ doctorId: doctor.id, reason });
    if (r) onDone(r);
    else focusFirstInvalid();
  }

  return (
    <section className="card" aria-labelledby="suspend-title">
      <h2 id="suspend-title">{title}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void confirm()} label={title}>
        <TextArea label={t('suspend.reason')} hint={t('suspend.reasonHint')} value={reason} onChange={setReason} rows={3} maxLength={1000} error={fieldError('reason')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onCancel}>{t('suspend.cancel')}</Button>
          <Button type="submit" kind="danger" busy={busy}>{t('suspend.confirm')}</Button>
        </div>
      </Form>
    </section>
  );
}
