import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult, CodeSent } from '../../../shared/contract';
import { ConfirmSignup } from '../session/ConfirmSignup';
import { publicInvoke } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { credentialsInput, emptyCredentials } from './credentialsDraft';
import { InvitationCodeField, useInvitation } from './InvitationCode';
import { DoctorCredentialsFields } from './DoctorCredentialsFields';
import { PasswordPair } from '../session/PasswordPair';

/** A doctor joins the clinic: an account plus credentials the administrator checks before patients see them. */
export function DoctorSignup({ onSignedIn, onCancel, invitationCode }: {
  onSignedIn: (login: LoginResult) => void;
  onCancel: () => void;
  /** From the window's address (?invite=CODE): looked up at once to fill in the email and name. */
  invitationCode?: string;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [credentials, setCredentials] = useState(emptyCredentials);
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'doctors.signup');
  const invitation = useInvitation(invitationCode, (found) => {
    setEmail(found.email);
    if (found.fullName) setCredentials((c) => ({ ...c, fullName: found.fullName! }));
  });

  const [sent, setSent] = useState<CodeSent | null>(null);

  async function send() {
    const mismatch = password !== confirm ? { confirmPassword: 'password_mismatch' } : undefined;
    const code = invitation.code.trim() ? { invitationCode: invitation.code } : {};
    return submit({ email, password, credentials: credentialsInput(credentials), ...code }, mismatch);
  }
  async function signUp() {
    // A code that does not work is explained before anything is sent.
    if (!(await invitation.check(invitation.code))) return focusFirstInvalid();
    const result = await send();
    if (result) setSent(result);
    else focusFirstInvalid();
  }

  if (sent) return <ConfirmSignup sent={sent} portal="clinic" onSignedIn={onSignedIn} onResend={send} onBack={() => setSent(null)} />;
  return (
    <main className="main main--wide">
      <Page title={t('doctor.signup.title')}>
        <p>{t('doctor.signup.intro')}</p>
        <Notice kind="info">{t('doctor.signup.verification')}</Notice>
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={signUp} label={t('doctor.signup.title')}>
          <Fieldset legend={t('doctor.signup.account')}>
            <InvitationCodeField state={invitation} serverError={fieldError('invitationCode')} />
            <TextField label={t('fields.email')} type="email" value={email} onChange={setEmail} autoComplete="username" autoFocus required maxLength={254} error={fieldError('email')} hint={t('doctor.signup.emailHint')} />
            <PasswordPair
              password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm}
              error={fieldError('password')} confirmError={fieldError('confirmPassword')}
            />
          </Fieldset>
          <Fieldset legend={t('doctor.signup.about')}>
            <DoctorCredentialsFields value={credentials} onChange={setCredentials} fieldError={fieldError} prefix="credentials." />
          </Fieldset>
          <div className="form__actions">
            <Button kind="secondary" onClick={onCancel}>{t('doctor.signup.cancel')}</Button>
            <Button type="submit" busy={busy}>{t('doctor.signup.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
