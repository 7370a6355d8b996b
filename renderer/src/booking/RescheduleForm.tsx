import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, SlotView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Empty, Form, Loading, Notice } from '../ui/Layout';
import { addDays, useDates } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { useErrorCode } from './errorCode';
import type { Mode } from './labels';
import { ModeChoice } from './ModeChoice';
import { SlotPicker } from './SlotPicker';

const STEP_DAYS = 14;
const MAX_DAYS = 56;

/** Moving an appointment to another free time of the same doctor. */
export function RescheduleForm({ appointment: a, onDone, onClose }: { appointment: AppointmentView; onDone: (a: AppointmentView) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const today = dates.today();
  const [days, setDays] = useState(STEP_DAYS);
  const free = useLoad(invoke, 'doctors.slots', { doctorId: a.doctorId, fromDate: today, toDate: addDays(today, days - 1) });
  const tracked = useErrorCode(invoke);
  const { submit, busy, error, fieldError, setError } = useSubmit(tracked.invoke, 'appointments.reschedule');
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [mode, setMode] = useState<string>(a.mode);

  const pick = (s: SlotView) => {
    setError(null);
    setSlot(s);
    setMode(s.modes.includes(a.mode) ? a.mode : s.modes.length === 1 ? s.modes[0]! : '');
  };

  const send = async () => {
    if (!slot) return;
    const done = await submit({ appointmentId: a.id, start: slot.start, mode: mode as Mode });
    if (done) return onDone(done);
    const code = tracked.lastCode();
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE' || code === 'PATIENT_BUSY') {
      if (code === 'PATIENT_BUSY') setError(t('booking.youAreBusy'));
      setSlot(null);
      await free.reload();
    }
  };

  return (
    <div className="appt-reschedule">
      <h4 className="appt-form__title">{t('appointments.reschedule.title', { doctor: a.doctorName })}</h4>
      {error && !slot && <Notice kind="error">{error}</Notice>}
      {slot ? (
        <Form label={t('appointments.reschedule.title', { doctor: a.doctorName })} onSubmit={() => void send()}>
          {error && <Notice kind="error">{error}</Notice>}
          <p className="appt-reschedule__change">
            {t('appointments.reschedule.fromTo', { from: dates.when(a.start), to: dates.when(slot.start) })}
          </p>
          <ModeChoice modes={slot.modes} value={mode} onChange={setMode} error={fieldError('mode')} place={a.hospital} />
          <div className="form__actions">
            <Button kind="secondary" onClick={() => setSlot(null)}>{t('appointments.reschedule.otherTime')}</Button>
            <Button type="submit" busy={busy}>{t('appointments.reschedule.submit')}</Button>
          </div>
        </Form>
      ) : (
        <>
          <p className="form__note">{t('appointments.reschedule.pick')}</p>
          {free.error && <Notice kind="error">{free.error}</Notice>}
          {free.loading && <Loading />}
          {free.data && (free.data.length ? <SlotPicker slots={free.data} onPick={pick} headingLevel={4} /> : <Empty>{t('appointments.reschedule.none', { count: days })}</Empty>)}
          <div className="form__actions">
            {days < MAX_DAYS && free.data && (
              <Button kind="secondary" onClick={() => setDays((d) => Math.min(d + STEP_DAYS, MAX_DAYS))}>{t('appointments.reschedule.later')}</Button>
            )}
            <Button kind="secondary" onClick={onClose}>{t('appointments.reschedule.keep')}</Button>
          </div>
        </>
      )}
    </div>
  );
}
