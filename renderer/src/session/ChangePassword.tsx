import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { PasswordPair } from './PasswordPair';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { useSession } from './session';

/**
 * Choosing a new password: from the top bar, or `forced` right after signing in with a temporary
 * password the clinic issued (nothing else is reachable until it is done).
 */
export function ChangePassword({ forced, onChanged }: { forced?: boolean; onChanged: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const { user, invoke } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState<SessionUser | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'auth.changePassword');
  const title = t(forced ? 'session.changePassword.forcedTitle' : 'session.changePassword.title');

  async function change() {
    const extra: Record<string, string> = {};
    if (!currentPassword) extra.currentPassword = 'password_required';
    if (confirm !== newPassword) extra.confirmPassword = 'password_mismatch';
    if (newPassword && newPassword === currentPassword) extra.newPassword = 'password_same';
    const result = await submit({ currentPassword, newPassword }, extra);
    if (result) setChanged(result);
    else focusFirstInvalid();
  }

  if (changed) {
    return (
      <main className="main main--narrow">
        <Page title={title}>
          <Notice kind="success">{t('session.changePassword.done')}</Notice>
          <div className="form__actions form__actions--start">
            {/* Focus moves here so that Enter continues at once. */}
            <button type="button" className="btn btn--primary" autoFocus onClick={() => onChanged(changed)}>
              {t('session.changePassword.continue')}
            </button>
          </div>
        </Page>
      </main>
    );
  }

  return (
    <main className="main main--narrow">
      <Page title={title}>
        {forced && <Notice kind="info">{t('session.changePassword.forcedIntro')}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <Form onSubmit={change} label={title}>
          {/* Tells a password manager which account the new password belongs to. */}
          <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <TextField
            label={t(forced ? 'session.changePassword.temporaryPassword' : 'fields.currentPassword')}
            type="password"
            value={currentPassword}
            onChange={setCurrent}
            autoComplete="current-password"
            autoFocus
            required
            maxLength={200}
            error={fieldError('currentPassword')}
          />
          <PasswordPair
            label={t('fields.newPassword')}
            password={newPassword} confirm={confirm} onPassword={setNew} onConfirm={setConfirm}
            error={fieldError('newPassword')} confirmError={fieldError('confirmPassword')}
          />
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('session.changePassword.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
