import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeSent, LoginResult } from '../../../shared/contract';
import type { Portal } from '../../../shared/roles';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { PasswordPair } from './PasswordPair';
import { publicInvoke } from './session';

/**
 * A forgotten password, from the sign-in screen: the address, then the code mailed to it and a new password.
 * The second step looks the same whether or not the address has an account.
 */
export function ForgotPassword({ portal, onSignedIn, onBack }: { portal: Portal; onSignedIn: (l: LoginResult) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const ask = useSubmit(publicInvoke, 'auth.forgotPassword');
  const reset = useSubmit(publicInvoke, 'auth.resetWithCode');

  async function sendCode() {
    const r = await ask.submit({ email, portal });
    if (!r) return focusFirstInvalid();
    setSent(r);
    setCode('');
  }

  async function choose() {
    const mismatch: Record<string, string> = confirm !== password ? { confirmPassword: 'password_mismatch' } : {};
    const login = await reset.submit({ email: sent!.email, code: code.trim(), newPassword: password, portal }, mismatch);
    if (login) onSignedIn(login);
    else focusFirstInvalid();
  }

  return (
    <main className="main main--narrow">
      <Page title={t('forgot.title')}>
        {!sent ? (
          <>
            <p className="lead">{t(portal === 'patient' ? 'forgot.introPatient' : 'forgot.introClinic')}</p>
            {ask.error && <Notice kind="error">{ask.error}</Notice>}
            <Form onSubmit={sendCode} label={t('forgot.title')}>
              <TextField label={t('fields.email')} type="email" value={email} onChange={setEmail} autoComplete="username" autoFocus required maxLength={254} error={ask.fieldError('email')} />
              <div className="form__actions">
                <Button kind="secondary" onClick={onBack}>{t('forgot.back')}</Button>
                <Button type="submit" busy={ask.busy}>{t('forgot.send')}</Button>
              </div>
            </Form>
          </>
        ) : (
          <>
            <p className="lead">{t('forgot.sent', { email: sent.email, until: dateTime(sent.expiresAt) })}</p>
            {reset.error && <Notice kind="error">{reset.error}</Notice>}
            <Form onSubmit={choose} label={t('forgot.chooseTitle')}>
              <TextField
                label={t('signupCode.code')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code"
                autoFocus required maxLength={6} error={reset.fieldError('code')}
              />
              <PasswordPair
                label={t('forgot.newPassword')} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm}
                error={reset.fieldError('newPassword')} confirmError={reset.fieldError('confirmPassword')}
              />
              <div className="form__actions">
                <Button kind="secondary" onClick={() => void sendCode()}>{t('signupCode.resend')}</Button>
                <Button type="submit" busy={reset.busy}>{t('forgot.choose')}</Button>
              </div>
            </Form>
          </>
        )}
      </Page>
    </main>
  );
}
