import { useEffect } from 'react';

const EVERY_MS = 3000;

/**
 * Asks again every 3 seconds while `active` (a video link being made, a browser on Google's page), so the screen
 * shows the outcome without a reload. It stops as soon as the answer no longer needs it.
 */
export function useRefreshWhile(active: boolean, refresh: () => unknown): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => void refresh(), EVERY_MS);
    return () => window.clearInterval(timer);
  }, [active, refresh]);
}
