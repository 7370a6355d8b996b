import { useTranslation } from 'react-i18next';
import type { BoardDoctor } from '../../../shared/contract';
import { specialityLabel, useDates } from '../ui/format';
import { DayTable } from './DayTable';
import { PrintSheet } from './PrintSheet';

/** The front desk's day list on paper: each doctor chosen (one, or all with appointments that day) with their day. */
export function DayList({ date, doctors, onBack }: { date: string; doctors: BoardDoctor[]; onBack: () => void }) {
  const { t } = useTranslation();
  const { longDay } = useDates();
  const one = doctors.length === 1 ? doctors[0] : undefined;
  return (
    <PrintSheet title={t('print.dayList.title')} subtitle={one ? `${one.fullName} · ${longDay(date)}` : longDay(date)} onBack={onBack}>
      {doctors.length === 0 && <p className="print-empty">{t('print.noAppointments')}</p>}
      {doctors.map((d) => (
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
