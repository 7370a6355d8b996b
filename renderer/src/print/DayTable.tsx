import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { modeLabel } from '../booking/labels';
import { useDates } from '../ui/format';

/** What a printed day list says of one appointment (the desk's board and the doctor's schedule both give it). */
export type DayRow = Pick<AppointmentView, 'id' | 'start' | 'end' | 'patientName' | 'contactName' | 'number' | 'reason' | 'mode' | 'status'> & { phone?: string };

/** One doctor's day on paper: every appointment not cancelled, in start order, with what the desk or doctor needs at hand. */
export function DayTable({ rows, caption }: { rows: DayRow[]; caption: string }) {
  const { t } = useTranslation();
  const { range } = useDates();
  const shown = rows.filter((r) => r.status !== 'cancelled');
  if (shown.length === 0) return <p className="print-empty">{t('print.noAppointments')}</p>;
  const withPhone = shown.some((r) => r.phone);
  return (
    <table className="print-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('print.time')}</th>
          <th scope="col">{t('print.patient')}</th>
          {withPhone && <th scope="col">{t('print.phone')}</th>}
          <th scope="col">{t('print.bookingNumber')}</th>
          <th scope="col">{t('print.reason')}</th>
          <th scope="col">{t('print.visit')}</th>
          <th scope="col">{t('print.status')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{range(r.start, r.end)}</td>
            <td>
              {r.patientName}
              {r.contactName && <span className="print-table__contact">{t('print.contact', { name: r.contactName })}</span>}
            </td>
            {withPhone && <td className="nowrap">{r.phone}</td>}
            <td>{r.number}</td>
            <td>{r.reason ?? '—'}</td>
            <td>{modeLabel(t, r.mode)}</td>
            <td>{t(`appointments.status.${r.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
