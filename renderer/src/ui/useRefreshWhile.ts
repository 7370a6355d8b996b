import { useEffect } from 'react';

/**
 * Asks again every `everyMs` while `active` (a video link being made, a browser on Google's page), so the screen
 * shows the outcome without a reload. It stops as soon as the answer no longer needs it.
 */
export function useRefreshWhile(active: boolean, refresh: () => unknown, everyMs = 3000): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => void refresh(), everyMs);
    return () => window.clearInterval(timer);
  }, [active, refresh, everyMs]);
}
