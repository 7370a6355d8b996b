import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { useRetry } from './useRetry';

/**
 * "Trying again in N seconds…" and a "Try again now" button. The button stays focusable while a try is on its
 * way (aria-disabled, not disabled), so keyboard focus is never dropped; the countdown is not announced every second.
 */
export const RetryLine = forwardRef<HTMLButtonElement, { retry: ReturnType<typeof useRetry> }>(function RetryLine({ retry }, ref) {
  const { t } = useTranslation();
  return (
    <div className="retry-line">
      <span className="retry-line__when">{retry.trying ? t('seat.retry.trying') : t('seat.retry.countdown', { count: retry.secondsLeft })}</span>
      <button
        ref={ref}
        type="button"
        className="btn btn--primary"
        aria-disabled={retry.trying || undefined}
        aria-busy={retry.trying || undefined}
        onClick={() => void retry.retryNow()}
      >
        {t('seat.retry.now')}
      </button>
    </div>
  );
});
