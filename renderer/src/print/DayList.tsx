import { useTranslation } from 'react-i18next';
import type { BoardDoctor } from '../../../shared/contract';
import { useSession } from '../session/session';
import { specialityLabel, useDates } from '../ui/format';
import { DayTable } from './DayTable';
import { PrintSheet } from './PrintSheet';

/**
 * The front desk's day list on paper: each doctor chosen (`doctorId`, or all with appointments that day) with
 * their day; `doctors` are the board's columns.
 */
export function DayList({ date, doctors, doctorId, onBack }: { date: string; doctors: BoardDoctor[]; doctorId?: number; onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { longDay } = useDates();
  const chosen = doctorId === undefined ? doctors.filter((d) => d.appointments.some((a) => a.status !== 'cancelled')) : doctors.filter((d) => d.id === doctorId);
  const one = doctorId === undefined ? undefined : chosen[0];
  return (
    <PrintSheet
      title={t('print.dayList.title')}
      subtitle={one ? `${one.fullName} · ${longDay(date)}` : longDay(date)}
      pdf={() => invoke('print.dayList', { date, doctorId })}
      onBack={onBack}
    >
      {chosen.length === 0 && <p className="print-empty">{t('print.noAppointments')}</p>}
      {chosen.map((d) => (
        <section key={d.id} className="print-section" aria-labelledby={`print-doctor-${d.id}`}>
          <h2 id={`print-doctor-${d.id}`}>
            {d.fullName} <span className="print-section__aside">{specialityLabel(t, d)}</span>
          </h2>
          <DayTable rows={d.appointments} caption={t('print.dayList.caption', { doctor: d.fullName })} />
        </section>
      ))}
    </PrintSheet>
  );
}
