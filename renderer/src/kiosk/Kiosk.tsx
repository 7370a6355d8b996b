import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import { Assistant, type ChatEntry } from '../assistant/Assistant';
import { setLanguage, UI_LANGUAGES } from '../i18n';
import { Login } from '../session/Login';
import { SessionProvider, takeSignOutNotice } from '../session/session';
import { Brand } from '../session/Shell';
import { transport } from '../transport';
import { Button } from '../ui/Layout';
import { CheckIn } from './CheckIn';
import { IdleGuard } from './IdleGuard';
import { KioskBooking } from './KioskBooking';
import { KioskHome, type KioskView } from './KioskHome';
import { StaffExit } from './StaffExit';
import './kiosk.css';

type View = 'home' | KioskView;

/**
 * Leaves nothing for the next person: the session ends, and the page loads afresh in place of itself, so what
 * the screens held (forms, answers, the booking flow) is gone and Back has no earlier state to show.
 */
function clearKiosk(token?: string) {
  const reload = () => {
    sessionStorage.clear();
    window.location.replace(window.location.pathname + window.location.search);
  };
  if (token) void transport.invoke('auth.logout', {}, token).finally(reload);
  else reload();
}

/** The waiting room's kiosk: large targets, the language first, check-in and booking, cleared when left alone. */
export function Kiosk({ clinicName, idleSeconds }: { clinicName: string | null; idleSeconds: number }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('home');
  const [login, setLogin] = useState<LoginResult | null>(null);
  const [chat, setChat] = useState<ChatEntry[]>([]);
  const clear = () => clearKiosk(login?.token);

  useEffect(() => {
    // A session that ended by itself reloads the page with a note for the sign-in screen: the kiosk starts clean.
    takeSignOutNotice();
    document.documentElement.classList.add('kiosk-mode');
    return () => document.documentElement.classList.remove('kiosk-mode');
  }, []);

  // Each new screen starts at its heading for a screen reader, unless it put the cursor in its first field
  // (the check-in code, where a scanner types); the first screen stays as it loads.
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current && !document.activeElement?.matches('input, select, textarea')) document.getElementById('page-title')?.focus();
    moved.current = true;
  }, [view, login]);

  let body;
  if (view === 'book' && login) {
    body = (
      <SessionProvider portal="patient" login={login}>
        <KioskBooking onFinish={clear} />
      </SessionProvider>
    );
  } else if (view === 'book') body = <Login portal="patient" onSignedIn={setLogin} shared onBack={() => setView('home')} />;
  else if (view === 'checkIn') body = <CheckIn onDone={clear} />;
  else if (view === 'staff') body = <StaffExit onBack={() => setView('home')} />;
  else if (view === 'assistant') {
    // General questions without signing in; a personal one is answered with the way to sign in (Book an appointment).
    const toBooking = () => setView('book');
    body = (
      <main className="main kiosk-main">
        <Assistant conversation={chat} onConversation={setChat} actions={{ book: toBooking, openAppointments: toBooking, findDoctor: toBooking }} />
        <div className="kiosk-actions">
          <Button kind="secondary" onClick={clear}>{t('kiosk.done')}</Button>
        </div>
      </main>
    );
  }
  else body = <KioskHome onOpen={setView} />;

  return (
    <div className="shell kiosk">
      <header className="topbar kiosk-top">
        <Brand clinicName={clinicName} />
        <div className="kiosk-languages" role="group" aria-label={t('app.language')}>
          {UI_LANGUAGES.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={i18n.language === l} onClick={() => setLanguage(l, false)}>
              {t(`app.languages.${l}`)}
            </button>
          ))}
        </div>
      </header>
      <div className="content kiosk-content">{body}</div>
      {view === 'home' && (
        <footer className="kiosk-footer">
          <Button kind="link" onClick={() => setView('staff')}>{t('kiosk.staff.open')}</Button>
        </footer>
      )}
      <IdleGuard idleSeconds={idleSeconds} armed={view !== 'home' || i18n.language !== i18n.options.lng} onTimeout={clear} />
    </div>
  );
}
