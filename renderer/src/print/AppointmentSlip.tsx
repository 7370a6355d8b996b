import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { CheckInCode } from '../booking/CheckInCode';
import { modeLabel } from '../booking/labels';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { PrintSheet } from './PrintSheet';

/** What a slip needs of an appointment (the desk's board card with its doctor). */
export type SlipAppointment = Pick<AppointmentView, 'id' | 'number' | 'start' | 'end' | 'mode' | 'patientName' | 'doctorName' | 'checkInCode'>;

/**
 * The slip the front desk hands a patient: the clinic's contact (the sheet's head), the doctor, the time, the
 * booking number to quote and, for a visit in person, the code to check in with at the kiosk.
 */
export function AppointmentSlip({ appointment: a, onBack }: { appointment: SlipAppointment; onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { longDay, dayOf, range } = useDates();
  return (
    <PrintSheet title={t('print.slip.title')} pdf={() => invoke('print.slip', { appointmentId: a.id })} onBack={onBack}>
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
        <dd>{modeLabel(t, a.mode)}</dd>
      </dl>
      {a.checkInCode && <CheckInCode code={a.checkInCode} />}
      <p className="print-slip__note">{t(a.mode === 'online' ? 'print.slip.noteOnline' : 'print.slip.noteInPerson')}</p>
    </PrintSheet>
  );
}
