import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { AppointmentCard } from './AppointmentCard';
import { useBookingDates } from './dates';

/** The patient's upcoming and past appointments; cancel or reschedule where the clinic still allows it. */
export function MyAppointments({ onFindDoctor }: { onFindDoctor: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useBookingDates();
  const { data, error, reload } = useLoad(invoke, 'appointments.mine', {});
  const [done, setDone] = useState<string | null>(null);

  // After a change the form that had focus is gone: bring the reader back to the heading and the notice.
  useEffect(() => {
    if (done) document.getElementById('page-title')?.focus();
  }, [done]);

  const changed = async (a: AppointmentView, what: 'cancelled' | 'rescheduled') => {
    await reload();
    setDone(t(`appointments.done.${what}`, { doctor: a.doctorName, when: dates.when(a.start) }));
  };

  return (
    <Page title={t('appointments.title')} actions={<Button kind="secondary" onClick={onFindDoctor}>{t('appointments.book')}</Button>}>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && (
        <>
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t('appointments.upcoming')}</h2>
            {data.upcoming.length === 0 ? (
              <Empty>{t('appointments.noUpcoming')}</Empty>
            ) : (
              <ul className="appointment-list">
                {data.upcoming.map((a) => (
                  <li key={a.id}>
                    <AppointmentCard appointment={a} onChanged={(x, what) => void changed(x, what)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="past-title">
            <h2 id="past-title">{t('appointments.past')}</h2>
            {data.past.length === 0 ? (
              <Empty>{t('appointments.noPast')}</Empty>
            ) : (
              <ul className="appointment-list">
                {data.past.map((a) => (
                  <li key={a.id}>
                    <AppointmentCard appointment={a} onChanged={(x, what) => void changed(x, what)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
