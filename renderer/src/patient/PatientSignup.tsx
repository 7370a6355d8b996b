import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import { publicInvoke } from '../session/session';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { PasswordPair } from '../session/PasswordPair';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { PatientProfileFields } from './PatientProfileFields';
import { emptyProfileForm, profileFromForm } from './profileForm';

/** A new patient's own account: profile and password, signed in as soon as it is made. */
export function PatientSignup({ onSignedIn, onCancel }: { onSignedIn: (login: LoginResult) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState(() => emptyProfileForm(i18n.language));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'patients.signup');

  async function signUp() {
    const mismatch: Record<string, string> = confirm !== password ? { confirmPassword: 'password_mismatch' } : {};
    const result = await submit({ profile: profileFromForm(form), password }, mismatch);
    if (result) onSignedIn(result);
    else focusFirstInvalid();
  }

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
          <div className="form__actions">
            <Button kind="secondary" onClick={onCancel}>{t('patient.signup.cancel')}</Button>
            <Button type="submit" busy={busy}>{t('patient.signup.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
