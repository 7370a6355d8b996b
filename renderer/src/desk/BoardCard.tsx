import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardAppointment, SlotView } from '../../../shared/contract';
import { useErrorCode } from '../booking/errorCode';
import { modeLabel } from '../booking/labels';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { Dialog } from '../ui/Dialog';
import { FreeSlots } from './FreeSlots';
import { SeriesDialog } from '../series/SeriesDialog';

type Panel = 'none' | 'cancel' | 'reschedule' | 'series';

export function AppointmentStatus({ status }: { status: BoardAppointment['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge desk-status desk-status--${status}`}>{t(`appointments.status.${status}`)}</span>;
}

/** One appointment on the day board, with the desk's actions; `onDone` reloads the board and says what was done. */
export function BoardCard({ appointment: a, doctorId, onDone, onPrintSlip }: {
  appointment: BoardAppointment;
  doctorId: number;
  onDone: (message: string) => Promise<void>;
  onPrintSlip: () => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { time, range } = useDates();
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  // Screen readers hear which appointment each button acts on.
  const who = <span className="visually-hidden"> {t('board.who', { name: a.patientName, time: time(a.start) })}</span>;

  /** A dialog's change is saved: close it, then the board reloads. */
  async function finish(message: string) {
    setPanel('none');
    await onDone(message);
  }

  async function checkIn() {
    setError(null);
    setBusy(true);
    const r = await invoke('appointments.setStatus', { appointmentId: a.id, status: 'checked_in' });
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    await onDone(t('board.done.checkedIn', { name: a.patientName }));
  }

  return (
    <li className={`desk-card desk-card--${a.status}`} aria-labelledby={headingId}>
      <div className="desk-card__top">
        <span className="desk-card__time">{range(a.start, a.end)}</span>
        <AppointmentStatus status={a.status} />
      </div>
      <h3 className="desk-card__name" id={headingId}>
        {a.patientName}
        {!a.patientHasAccount && <> <span className="badge desk-walkin" title={t('board.walkInHint')}>{t('board.walkIn')}</span></>}
      </h3>
      <p className="desk-card__meta">
        {modeLabel(t, a.mode)} · {t('board.bookingNumber', { number: a.number })} · {t('board.patientNumber', { id: a.patientId })}
      </p>
      {a.contactName && <p className="desk-card__meta">{t('board.contact', { name: a.contactName, phone: a.phone })}</p>}
      {a.reason && <p className="desk-card__meta">{a.reason}</p>}
      {a.status === 'cancelled' && a.cancelReason && <p className="desk-card__meta">{t('board.cancelledBecause', { reason: a.cancelReason })}</p>}
      {a.checkedInAt && a.status === 'checked_in' && <p className="desk-card__meta">{t('board.checkedInAt', { time: time(a.checkedInAt) })}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="desk-card__actions">
        {a.canCheckIn && <Button onClick={() => void checkIn()} busy={busy}>{t('board.checkIn')}{who}</Button>}
        {a.canReschedule && <Button kind="secondary" onClick={() => setPanel('reschedule')}>{t('board.reschedule')}{who}</Button>}
        {a.canCancel && <Button kind="secondary" onClick={() => setPanel('cancel')}>{t('board.cancel')}{who}</Button>}
        {a.status !== 'cancelled' && <Button kind="secondary" onClick={onPrintSlip}>{t('print.slip.open')}{who}</Button>}
        {a.seriesId !== null && <Button kind="secondary" onClick={() => setPanel('series')}>{t('series.manage.open')}{who}</Button>}
      </div>
      {panel === 'cancel' && <CancelPanel appointment={a} onClose={() => setPanel('none')} onDone={finish} />}
      {panel === 'reschedule' && <ReschedulePanel appointment={a} doctorId={doctorId} onClose={() => setPanel('none')} onDone={finish} />}
      {panel === 'series' && a.seriesId !== null && <SeriesDialog seriesId={a.seriesId} onClose={() => setPanel('none')} onDone={finish} />}
    </li>
  );
}

function CancelPanel({ appointment: a, onClose, onDone }: { appointment: BoardAppointment; onClose: () => void; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.cancel');

  async function cancel() {
    const r = await submit({ appointmentId: a.id, reason });
    if (!r) return focusFirstInvalid();
    await onDone(t('board.done.cancelled', { name: a.patientName }));
  }

  const title = t('board.cancelTitle', { name: a.patientName });
  return (
    <Dialog title={title} onClose={onClose}>
      <Form onSubmit={cancel} label={title}>
        <p className="form__note">{t('board.cancelWhen', { when: dateTime(a.start) })}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <TextArea label={t('board.cancelReason')} value={reason} onChange={setReason} rows={3} maxLength={500} required error={fieldError('reason')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('board.keep')}</Button>
          <Button type="submit" kind="danger" busy={busy}>{t('board.cancelConfirm')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}

function ReschedulePanel({ appointment: a, doctorId, onClose, onDone }: {
  appointment: BoardAppointment;
  doctorId: number;
  onClose: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { dayOf, dateTime } = useDates();
  const [date, setDate] = useState(() => dayOf(a.start));
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [reload, setReload] = useState(0);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.reschedule');
  const pick = useCallback((s: SlotView | null) => setSlot(s), []);

  async function move() {
    // The kind of visit stays unless the new time does not offer it.
    const mode = slot && !slot.modes.includes(a.mode) ? slot.modes[0] : undefined;
    const r = await submit({ appointmentId: a.id, start: slot?.start ?? '', ...(mode ? { mode } : {}) });
    if (r) return onDone(t('board.done.rescheduled', { name: a.patientName, when: dateTime(r.start) }));
    const code = lastCode();
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE') {
      setSlot(null);
      setReload((k) => k + 1);
    }
    focusFirstInvalid();
  }

  const title = t('board.rescheduleTitle', { name: a.patientName });
  return (
    <Dialog title={title} onClose={onClose}>
      <Form onSubmit={move} label={title}>
        <p className="form__note">{t('board.rescheduleFrom', { when: dateTime(a.start) })}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <FreeSlots doctorId={doctorId} date={date} onDate={setDate} value={slot?.start ?? null} onPick={pick} reloadKey={reload} error={fieldError('start')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('board.close')}</Button>
          <Button type="submit" busy={busy}>{t('board.move')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
