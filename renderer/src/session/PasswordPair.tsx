import { useTranslation } from 'react-i18next';
import { TextField } from '../ui/Field';

/** A new password typed twice; `confirmError` (a mismatch) is shown under the second one. */
export function PasswordPair({
  label, password, confirm, onPassword, onConfirm, error, confirmError,
}: {
  /** Defaults to "Password"; the change-password screen says "New password". */
  label?: string;
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  error?: string;
  confirmError?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form__row">
      <TextField label={label ?? t('fields.password')} type="password" value={password} onChange={onPassword} autoComplete="new-password" required maxLength={200} error={error} hint={t('session.passwordRule')} />
      <TextField label={t('session.confirmPassword')} type="password" value={confirm} onChange={onConfirm} autoComplete="new-password" required maxLength={200} error={confirmError} />
    </div>
  );
}
