import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { modeLabel } from '../booking/labels';
import { useClinic } from '../ui/clinic';
import { useDates } from '../ui/format';
import { PrintSheet } from './PrintSheet';

/** What a slip needs of an appointment (the desk's board card with its doctor, or a booking just made). */
export type SlipAppointment = Pick<AppointmentView, 'number' | 'start' | 'end' | 'mode' | 'patientName' | 'doctorName'> & {
  /** Where an in-person visit is (the doctor's hospital); the clinic's address when not known. */
  place: string | null;
};

/** The slip the front desk hands a patient: the clinic's contact, the doctor, the time and the booking number to quote. */
export function AppointmentSlip({ appointment: a, onBack }: { appointment: SlipAppointment; onBack: () => void }) {
  const { t } = useTranslation();
  const { longDay, dayOf, range } = useDates();
  const clinic = useClinic();
  const where = a.place ?? clinic?.address;
  return (
    <PrintSheet title={t('print.slip.title')} onBack={onBack}>
      <dl className="print-slip">
        <dt>{t('print.slip.bookingNumber')}</dt>
        <dd className="print-slip__number">{a.number}</dd>
        <dt>{t('print.patient')}</dt>
        <dd>{a.patientName}</dd>
        <dt>{t('print.slip.doctor')}</dt>
        <dd>{a.doctorName}</dd>
        <dt>{t('print.slip.when')}</dt>
        <dd>{longDay(dayOf(a.start))}, {range(a.start, a.end)}</dd>
        <dt>{t('print.visit')}</dt>
        <dd>{modeLabel(t, a.mode)}{a.mode === 'in_person' && where ? ` · ${where}` : ''}</dd>
        {/* The kiosk's check-in code goes here, once check-in codes exist. */}
      </dl>
      <p className="print-slip__note">{t(a.mode === 'online' ? 'print.slip.noteOnline' : 'print.slip.noteInPerson')}</p>
    </PrintSheet>
  );
}
