import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Runs `attempt` every `everySeconds` (counting down for the screen) until it reports success, or at once from
 * `retryNow`. The screen showing the countdown goes away when the attempt succeeds, and with it the timer.
 */
export function useRetry(attempt: () => Promise<boolean>, everySeconds = 5) {
  const [secondsLeft, setSecondsLeft] = useState(everySeconds);
  const [trying, setTrying] = useState(false);
  const latest = useRef(attempt);
  latest.current = attempt;
  const running = useRef(false);

  const retryNow = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setTrying(true);
    try {
      if (!(await latest.current())) setSecondsLeft(everySeconds);
    } finally {
      running.current = false;
      setTrying(false);
    }
  }, [everySeconds]);

  useEffect(() => {
    if (trying) return;
    const timer = window.setTimeout(() => (secondsLeft <= 1 ? void retryNow() : setSecondsLeft(secondsLeft - 1)), 1000);
    return () => window.clearTimeout(timer);
  }, [secondsLeft, trying, retryNow]);

  return { secondsLeft, trying, retryNow };
}
