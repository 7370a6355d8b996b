import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Layout';

/** A one-time password, shown once, with what to do with it. */
export function TemporaryPassword({ password, message, onDone }: { password: string; message: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--success temp-password" role="status">
      <p>{message}</p>
      <p className="temp-password__label">
        {t('admin.staff.temporaryPassword')} <code className="temp-password__value">{password}</code>
      </p>
      <p>{t('admin.staff.handOver')}</p>
      <Button kind="secondary" onClick={onDone}>{t('admin.staff.noted')}</Button>
    </div>
  );
}
