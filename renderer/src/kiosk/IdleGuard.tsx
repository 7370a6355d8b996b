import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { Button } from '../ui/Layout';

/** After the idle time, this many seconds of countdown on screen before the kiosk clears itself. */
export const COUNTDOWN_SECONDS = 15;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/**
 * Watches for a kiosk left alone: after `idleSeconds` without a touch or a key, a countdown asks whether
 * anyone is still there; when it runs out, `onTimeout` clears everything. `armed` false (the untouched home
 * screen) has nothing to clear.
 */
export function IdleGuard({ idleSeconds, armed, onTimeout }: { idleSeconds: number; armed: boolean; onTimeout: () => void }) {
  const { t } = useTranslation();
  const last = useRef(Date.now());
  const [left, setLeft] = useState<number | null>(null);
  const latest = useRef(onTimeout);
  latest.current = onTimeout;

  useEffect(() => {
    last.current = Date.now();
    setLeft(null);
    if (!armed) return;
    const touched = () => {
      last.current = Date.now();
      setLeft(null);
    };
    for (const e of ACTIVITY) window.addEventListener(e, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const idle = (Date.now() - last.current) / 1000;
      if (idle >= idleSeconds + COUNTDOWN_SECONDS) {
        window.clearInterval(timer);
        latest.current();
      } else if (idle >= idleSeconds) setLeft(Math.ceil(idleSeconds + COUNTDOWN_SECONDS - idle));
    }, 250);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, touched, { capture: true });
      window.clearInterval(timer);
    };
  }, [armed, idleSeconds]);

  if (left === null) return null;
  return (
    <Dialog title={t('kiosk.idle.title')} onClose={() => setLeft(null)}>
      <p className="kiosk-countdown" role="timer" aria-live="polite">{t('kiosk.idle.clearing', { count: left })}</p>
      <div className="form__actions">
        <Button onClick={() => setLeft(null)}>{t('kiosk.idle.stay')}</Button>
      </div>
    </Dialog>
  );
}
