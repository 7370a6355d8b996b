import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { TemporaryPassword } from './TemporaryPassword';

/** Gives any account a new one-time password (a forgotten password, a lost device); its sessions end. */
export function ResetPassword() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [email, setEmail] = useState('');
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.resetPassword');

  async function resetPassword() {
    const r = await submit({ email });
    if (!r) return focusFirstInvalid();
    setReset({ email: email.trim().toLowerCase(), password: r.temporaryPassword });
    setEmail('');
  }

  return (
    <section aria-labelledby="reset-password">
      <h2 id="reset-password">{t('admin.staff.resetTitle')}</h2>
      <p>{t('admin.staff.resetIntro')}</p>
      {reset && (
        <TemporaryPassword password={reset.password} message={t('admin.staff.resetDone', { email: reset.email })} onDone={() => setReset(null)} />
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={resetPassword} label={t('admin.staff.resetTitle')}>
        <TextField label={t('admin.staff.resetEmail')} type="email" value={email} onChange={setEmail} autoComplete="off" required maxLength={254} error={fieldError('email')} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('admin.staff.reset')}</Button>
        </div>
      </Form>
    </section>
  );
}
