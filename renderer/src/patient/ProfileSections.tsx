import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Button, Empty, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** How many of each the profile page shows before "see all". */
const SHOWN = 5;

function Section({ id, title, onOpen, open, children }: { id: string; title: string; onOpen: () => void; open: string; children: ReactNode }) {
  return (
    <section className="card profile-section" aria-labelledby={id}>
      <header className="card__header">
        <h2 id={id}>{title}</h2>
        <Button kind="link" onClick={onOpen}>{open}</Button>
      </header>
      {children}
    </section>
  );
}

/** The patient's next appointments, on their profile page. */
export function ProfileAppointments({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { when } = useDates();
  const { data, error } = useLoad(invoke, 'appointments.mine', {});
  return (
    <Section id="profile-appointments" title={t('patient.profile.appointments')} onOpen={onOpen} open={t('patient.profile.allAppointments')}>
      {error && <Notice kind="error">{error}</Notice>}
      {data && data.upcoming.length === 0 && <Empty>{t('appointments.noUpcoming')}</Empty>}
      {data && data.upcoming.length > 0 && (
        <ul className="plain-list">
          {data.upcoming.slice(0, SHOWN).map((a) => (
            <li key={a.id}>{t('patient.profile.appointmentLine', { when: when(a.start), doctor: a.doctorName, number: a.number })}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The patient's latest documents, on their profile page. */
export function ProfileDocuments({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day } = useDates();
  const { data, error } = useLoad(invoke, 'records.mine', {});
  return (
    <Section id="profile-documents" title={t('patient.profile.documents')} onOpen={onOpen} open={t('patient.profile.allDocuments')}>
      {error && <Notice kind="error">{error}</Notice>}
      {data && data.length === 0 && <Empty>{t('records.none')}</Empty>}
      {data && data.length > 0 && (
        <ul className="plain-list">
          {data.slice(0, SHOWN).map((r) => (
            <li key={r.id}>{t('patient.profile.documentLine', { title: r.title, category: t(`records.categories.${r.category}`), date: day(r.recordDate) })}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
