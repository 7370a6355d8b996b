import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BookingFlow } from '../booking/BookingFlow';
import { MyAppointments } from '../booking/MyAppointments';
import { useSession } from '../session/session';
import { Button } from '../ui/Layout';

/** A patient signed in at the kiosk: the normal booking flow and their appointments, and a way to finish. */
export function KioskBooking({ onFinish }: { onFinish: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [view, setView] = useState<'find' | 'appointments'>('find');
  const [visit, setVisit] = useState(0);
  const open = (v: typeof view) => {
    setView(v);
    setVisit((n) => n + 1);
  };

  return (
    <>
      <nav className="kiosk-bar" aria-label={t('kiosk.booking.nav')}>
        <span className="kiosk-bar__who">{t('kiosk.booking.signedInAs', { name: user.fullName })}</span>
        <Button kind={view === 'find' ? 'primary' : 'secondary'} onClick={() => open('find')}>{t('kiosk.booking.find')}</Button>
        <Button kind={view === 'appointments' ? 'primary' : 'secondary'} onClick={() => open('appointments')}>{t('kiosk.booking.mine')}</Button>
        <Button kind="danger" onClick={onFinish}>{t('kiosk.booking.finish')}</Button>
      </nav>
      <main className="main kiosk-main">
        {view === 'find' ? (
          <BookingFlow key={visit} onMyAppointments={() => open('appointments')} />
        ) : (
          <MyAppointments key={visit} onFindDoctor={() => open('find')} />
        )}
      </main>
    </>
  );
}
