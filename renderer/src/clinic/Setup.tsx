import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import { publicInvoke } from '../session/session';
import { Checkbox, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { clinicInput, emptyClinic } from './clinicDraft';
import { ClinicFields } from './ClinicFields';
import { credentialsInput, emptyCredentials } from './credentialsDraft';
import { DoctorCredentialsFields } from './DoctorCredentialsFields';
import { PasswordPair } from '../session/PasswordPair';

/**
 * First run: the clinic, its administrator and, in a solo practice, the administrator's own credentials.
 * `onBack` returns to the first-run choice; `onServer` says the clinic is being set up on the clinic's database server.
 */
export function Setup({ onDone, onBack, onServer }: {
  onDone: (login: LoginResult, clinic: { name: string; timeZone: string }) => void;
  onBack?: () => void;
  onServer?: boolean;
}) {
  const { t } = useTranslation();
  const [clinic, setClinic] = useState(emptyClinic);
  const [admin, setAdmin] = useState({ fullName: '', email: '', phone: '' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isDoctor, setIsDoctor] = useState(false);
  const [credentials, setCredentials] = useState(emptyCredentials);
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'setup.complete');
  const setAdminField = (key: keyof typeof admin) => (v: string) => setAdmin({ ...admin, [key]: v });

  async function finish() {
    const mismatch = password !== confirm ? { 'admin.confirmPassword': 'password_mismatch' } : undefined;
    const input = clinicInput(clinic);
    const login = await submit({
      clinic: input,
      admin: { ...admin, password },
      // The doctor's name and mobile are the administrator's; the schema still wants them in place.
      doctor: isDoctor ? credentialsInput({ ...credentials, fullName: admin.fullName, phone: admin.phone }) : undefined,
    }, mismatch);
    if (login) onDone(login, { name: input.name.trim(), timeZone: input.timeZone });
    else focusFirstInvalid();
  }

  return (
    <main className="main main--wide">
      <Page title={t('setup.title')}>
        <p>{t('setup.intro')}</p>
        {onServer && <Notice kind="info">{t('seat.firstRun.onServer')}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={finish} label={t('setup.title')}>
          <Fieldset legend={t('setup.clinic')}>
            <ClinicFields value={clinic} onChange={setClinic} fieldError={fieldError} prefix="clinic." autoFocus />
          </Fieldset>
          <Fieldset legend={t('setup.admin')}>
            <p className="fieldset__intro">{t('setup.adminIntro')}</p>
            <div className="form__row">
              <TextField label={t('fields.fullName')} value={admin.fullName} onChange={setAdminField('fullName')} autoComplete="name" required maxLength={100} error={fieldError('admin.fullName')} />
              <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={admin.phone} onChange={setAdminField('phone')} autoComplete="tel" required maxLength={20} error={fieldError('admin.phone')} />
            </div>
            <TextField label={t('fields.email')} type="email" value={admin.email} onChange={setAdminField('email')} autoComplete="username" required maxLength={254} error={fieldError('admin.email')} hint={t('setup.emailHint')} />
            <PasswordPair
              password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm}
              error={fieldError('admin.password')} confirmError={fieldError('admin.confirmPassword')}
            />
          </Fieldset>
          <Fieldset legend={t('setup.solo')}>
            <Checkbox label={t('setup.isDoctor')} checked={isDoctor} onChange={setIsDoctor} />
            {isDoctor && (
              <>
                <p className="fieldset__intro">{t('setup.doctorIntro')}</p>
                <DoctorCredentialsFields value={credentials} onChange={setCredentials} fieldError={fieldError} prefix="doctor." withContact={false} />
              </>
            )}
          </Fieldset>
          <div className="form__actions">
            {onBack && <Button kind="secondary" onClick={onBack}>{t('app.back')}</Button>}
            <Button type="submit" busy={busy}>{t('setup.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
