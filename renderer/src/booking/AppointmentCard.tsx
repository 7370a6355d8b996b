import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { Button } from '../ui/Layout';
import { useDates } from '../ui/format';
import { AppointmentHistory } from './AppointmentHistory';
import { CancelForm } from './CancelForm';
import { CheckInCode } from './CheckInCode';
import { modeLabel } from './labels';
import { RescheduleForm } from './RescheduleForm';
import { VideoLink } from '../video/VideoLink';


export function StatusBadge({ status }: { status: AppointmentView['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge appt-status appt-status--${status}`}>{t(`appointments.status.${status}`)}</span>;
}

/** One appointment: when, with whom, how and where; what the patient may still do with it. */
export function AppointmentCard({ appointment: a, onChanged }: { appointment: AppointmentView; onChanged: (a: AppointmentView, what: 'cancelled' | 'rescheduled') => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [open, setOpen] = useState<'cancel' | 'reschedule' | null>(null);
  const headingId = `appointment-${a.id}`;
  const upcomingBooked = a.status === 'booked' && Date.parse(a.start) > Date.now();
  const locked = upcomingBooked && !a.canCancel && !a.canReschedule;
  const done = (x: AppointmentView, what: 'cancelled' | 'rescheduled') => {
    setOpen(null);
    onChanged(x, what);
  };

  return (
    <article className="card appointment" aria-labelledby={headingId}>
      <div className="card__header">
        <h3 id={headingId}>
          {t('appointments.heading', { when: dates.when(a.start), doctor: a.doctorName })}
        </h3>
        <StatusBadge status={a.status} />
      </div>
      <dl className="details">
        {a.contactName && (
          <>
            <dt>{t('appointments.for')}</dt>
            <dd>{a.patientName}</dd>
          </>
        )}
        <dt>{t('appointments.number')}</dt>
        <dd>{a.number}</dd>
        <dt>{t('booking.modeLegend')}</dt>
        <dd>{modeLabel(t, a.mode)}</dd>
        <dt>{t('appointments.place')}</dt>
        <dd>{a.mode === 'online' ? t('booking.onlineHint') : a.hospital}</dd>
        {a.reason && (
          <>
            <dt>{t('appointments.reason')}</dt>
            <dd className="multiline">{a.reason}</dd>
          </>
        )}
        {a.cancelReason && (
          <>
            <dt>{t('appointments.cancelReason')}</dt>
            <dd className="multiline">{a.cancelReason}</dd>
          </>
        )}
        {a.queueNumber !== null && a.status === 'checked_in' && (
          <>
            <dt>{t('appointments.queueNumber')}</dt>
            <dd>{a.queueNumber}</dd>
          </>
        )}
      </dl>
      <VideoLink appointment={a} />
      {a.checkInCode && a.mode === 'in_person' && <CheckInCode code={a.checkInCode} />}

      {locked && <p className="appointment__locked">{t('appointments.locked', { count: a.cutoffMinutes / 60 })}</p>}
      {open === null && (a.canCancel || a.canReschedule) && (
        <div className="card__actions">
          {a.canReschedule && <Button kind="secondary" onClick={() => setOpen('reschedule')}>{t('appointments.reschedule.open')}</Button>}
          {a.canCancel && <Button kind="secondary" onClick={() => setOpen('cancel')}>{t('appointments.cancel.open')}</Button>}
        </div>
      )}
      {open === 'cancel' && <CancelForm appointment={a} onClose={() => setOpen(null)} onDone={(x) => done(x, 'cancelled')} />}
      {open === 'reschedule' && <RescheduleForm appointment={a} onClose={() => setOpen(null)} onDone={(x) => done(x, 'rescheduled')} />}
      <AppointmentHistory appointmentId={a.id} />
    </article>
  );
}
