import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
import { useDates } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useRefreshWhile } from '../ui/useRefreshWhile';
import { AppointmentCard } from './AppointmentCard';
import { MyWaitlist } from '../waitlist/MyWaitlist';

/**
 * The patient's and their family's upcoming and past appointments (cancel or reschedule where the clinic still
 * allows it), and above them any time held for them from a waitlist.
 */
export function MyAppointments({ onFindDoctor }: { onFindDoctor: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const { data, error, reload } = useLoad(invoke, 'appointments.mine', {}, ['appointments']);
  const [done, setDone] = useState<string | null>(null);
  useRefreshWhile(!!data?.upcoming.some((a) => a.video?.state === 'pending'), reload);

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
      <MyWaitlist onChanged={async (message) => { await reload(); setDone(message); }} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <AppointmentList id="upcoming-title" title={t('appointments.upcoming')} empty={t('appointments.noUpcoming')} items={data.upcoming} onChanged={changed} />
          <AppointmentList id="past-title" title={t('appointments.past')} empty={t('appointments.noPast')} items={data.past} onChanged={changed} />
        </>
      )}
    </Page>
  );
}

function AppointmentList({ id, title, empty, items, onChanged }: {
  id: string;
  title: string;
  empty: string;
  items: AppointmentView[];
  onChanged: (a: AppointmentView, what: 'cancelled' | 'rescheduled') => Promise<void>;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className="appointment-list">
          {items.map((a) => (
            <li key={a.id}>
              <AppointmentCard appointment={a} onChanged={(x, what) => void onChanged(x, what)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
