import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import type { Portal } from '../../../shared/roles';
import { TextField } from '../ui/Field';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { publicInvoke, takeSignOutNotice } from './session';

/**
 * `shared`: a screen in the waiting room (the kiosk), where nothing typed is offered again to the next person;
 * it passes no sign-up or forgotten-password step, and may pass `intro` (shown under the title) and `onBack`.
 */
export function Login({ portal, onSignedIn, onSignup, onForgot, shared, intro, onBack }: {
  portal: Portal;
  onSignedIn: (l: LoginResult) => void;
  onSignup?: () => void;
  onForgot?: () => void;
  shared?: boolean;
  intro?: ReactNode;
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState(takeSignOutNotice);
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'auth.login');

  async function signIn() {
    // Why the last session ended is old news once the person tries again.
    setNotice(null);
    const result = await submit({ email, password, portal });
    if (result) onSignedIn(result);
    else setPassword('');
  }

  return (
    <main className="main main--narrow">
      <Page title={t(portal === 'patient' ? 'login.patientTitle' : 'login.clinicTitle')}>
        {notice && notice !== 'signed_out' && <Notice kind="info">{t(`login.notice.${notice}`)}</Notice>}
        {notice === 'signed_out' && <Notice kind="success">{t('login.notice.signed_out')}</Notice>}
        {intro}
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={signIn} label={t(portal === 'patient' ? 'login.patientTitle' : 'login.clinicTitle')}>
          <TextField label={t('fields.email')} type="email" value={email} onChange={setEmail} autoComplete={shared ? 'off' : 'username'} autoFocus required error={fieldError('email')} />
          <TextField label={t('fields.password')} type="password" value={password} onChange={setPassword} autoComplete={shared ? 'off' : 'current-password'} required error={fieldError('password')} />
          <div className={`form__actions${onForgot ? ' form__actions--split' : ''}`}>
            {onForgot && <Button kind="link" onClick={onForgot}>{t('login.forgot')}</Button>}
            {onBack && <Button kind="secondary" onClick={onBack}>{t('app.back')}</Button>}
            <Button type="submit" busy={busy}>{t('login.submit')}</Button>
          </div>
        </Form>
        {onSignup && (
          <p className="aside">
            {t(portal === 'patient' ? 'login.newPatient' : 'login.newDoctor')}{' '}
            <Button kind="link" onClick={onSignup}>{t(portal === 'patient' ? 'login.patientSignup' : 'login.doctorSignup')}</Button>
          </p>
        )}
      </Page>
    </main>
  );
}
