import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult, CodeSent } from '../../../shared/contract';
import type { Portal } from '../../../shared/roles';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { publicInvoke } from './session';

/**
 * The second step of every sign-up: the code mailed to the address. The same screen follows whether or not the
 * address already had an account (its owner got a note instead of a code), so nobody learns which addresses do.
 */
export function ConfirmSignup({ sent, portal, onSignedIn, onResend, onBack }: {
  sent: CodeSent;
  portal: Portal;
  onSignedIn: (login: LoginResult) => void;
  /** Sends the form again for a new code; resolves with where it went, or null when it was refused. */
  onResend: () => Promise<CodeSent | null>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [code, setCode] = useState('');
  const [resent, setResent] = useState<CodeSent | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'auth.confirmSignup');
  const current = resent ?? sent;

  async function confirm() {
    const login = await submit({ email: current.email, code: code.trim(), portal });
    if (login) onSignedIn(login);
    else focusFirstInvalid();
  }

  async function resend() {
    const again = await onResend();
    if (!again) return;
    setResent(again);
    setCode('');
  }

  return (
    <main className="main">
      <Page title={t('signupCode.title')}>
        <p className="lead">{t('signupCode.sent', { email: current.email, until: dateTime(current.expiresAt) })}</p>
        {resent && <Notice kind="success">{t('signupCode.resent')}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={confirm} label={t('signupCode.title')}>
          <TextField
            label={t('signupCode.code')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code"
            autoFocus required maxLength={6} error={fieldError('code')} hint={t('signupCode.hint')}
          />
          <div className="form__actions">
            <Button kind="secondary" onClick={onBack}>{t('signupCode.back')}</Button>
            <Button kind="secondary" onClick={() => void resend()}>{t('signupCode.resend')}</Button>
            <Button type="submit" busy={busy}>{t('signupCode.finish')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
