import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';

/** Lifts the lock that wrong passwords put on an address (at both windows) before its fifteen minutes are up. */
export function UnlockAccount() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.unlockAccount');

  async function unlock() {
    setDone(null);
    if (!(await submit({ email }))) return focusFirstInvalid();
    setDone(email.trim().toLowerCase());
    setEmail('');
  }

  return (
    <section aria-labelledby="unlock-account">
      <h2 id="unlock-account">{t('admin.staff.unlockTitle')}</h2>
      <p>{t('admin.staff.unlockIntro')}</p>
      {done && <Notice kind="success">{t('admin.staff.unlockDone', { email: done })}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={unlock} label={t('admin.staff.unlockTitle')}>
        <TextField label={t('admin.staff.resetEmail')} type="email" value={email} onChange={setEmail} autoComplete="off" required maxLength={254} error={fieldError('email')} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('admin.staff.unlock')}</Button>
        </div>
      </Form>
    </section>
  );
}
