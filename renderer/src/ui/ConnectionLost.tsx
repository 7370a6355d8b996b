import { useTranslation } from 'react-i18next';
import { RetryLine } from './RetryLine';
import { useRetry } from './useRetry';

/** Shown above a signed-in screen while the clinic's database server cannot be reached; it checks again by itself. */
export function ConnectionLost({ check }: { check: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const retry = useRetry(check);
  return (
    <div className="connection-lost">
      <p role="alert">{t('seat.lost.message')}</p>
      <RetryLine retry={retry} />
    </div>
  );
}
