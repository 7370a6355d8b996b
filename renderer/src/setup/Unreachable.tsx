import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { errorText } from '../ui/errors';
import { Notice, Page } from '../ui/Layout';
import { RetryLine } from '../ui/RetryLine';
import { useRetry } from '../ui/useRetry';

/**
 * The window's start-up check failed: says why and asks again by itself until it succeeds (the caller then moves
 * on). While the seat cannot open the clinic's database, its own message names the server and what to check.
 */
export function Unreachable({ error, retry }: { error: AppError; retry: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const state = useRetry(retry);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <main className="main main--narrow">
      <Page title={t('seat.unreachable.title')}>
        <Notice kind="error">
          {/* The seat's own words (English) name the server and what to check; other refusals have the catalog's. */}
          {error.code === 'UNAVAILABLE' ? <span lang="en">{error.message}</span> : errorText(t, error)}
        </Notice>
        <RetryLine ref={button} retry={state} />
      </Page>
    </main>
  );
}
