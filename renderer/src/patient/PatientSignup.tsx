import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult, CodeSent } from '../../../shared/contract';
import { ConfirmSignup } from '../session/ConfirmSignup';
import { publicInvoke } from '../session/session';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { PasswordPair } from '../session/PasswordPair';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { TextField } from '../ui/Field';
import { PatientProfileFields } from './PatientProfileFields';
import { emptyProfileForm, profileFromForm } from './profileForm';

/** A new patient's own account: profile and password, then the code mailed to the address. */
export function PatientSignup({ onSignedIn, onCancel }: { onSignedIn: (login: LoginResult) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState(() => emptyProfileForm(i18n.language));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [invitation, setInvitation] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'patients.signup');
  const [sent, setSent] = useState<CodeSent | null>(null);

  async function send() {
    const mismatch: Record<string, string> = confirm !== password ? { confirmPassword: 'password_mismatch' } : {};
    return submit({ profile: profileFromForm(form), password, ...(invitation.trim() ? { invitationCode: invitation } : {}) }, mismatch);
  }
  async function signUp() {
    const result = await send();
    if (result) setSent(result);
    else focusFirstInvalid();
  }

  if (sent) return <ConfirmSignup sent={sent} portal="patient" onSignedIn={onSignedIn} onResend={send} onBack={() => setSent(null)} />;
  return (
    <main className="main main--wide">
      <Page title={t('patient.signup.title')}>
        <p className="lead">{t('patient.signup.intro')}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={signUp} label={t('patient.signup.title')}>
          <PatientProfileFields value={form} onChange={setForm} fieldError={fieldError} pathPrefix="profile." />
          <Fieldset legend={t('patient.signup.passwordSection')}>
            <PasswordPair
              password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm}
              error={fieldError('password')} confirmError={fieldError('confirmPassword')}
            />
          </Fieldset>
          <TextField
            label={t('family.signup.code')} hint={t('family.signup.codeHint')} value={invitation} onChange={setInvitation}
            autoComplete="off" maxLength={40} error={fieldError('invitationCode')}
          />
          <div className="form__actions">
            <Button kind="secondary" onClick={onCancel}>{t('patient.signup.cancel')}</Button>
            <Button type="submit" busy={busy}>{t('patient.signup.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
