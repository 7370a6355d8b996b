import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { TextArea } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { AppointmentHistory } from './AppointmentHistory';
import { addDays, useDates } from '../ui/format';
import { SeriesDialog } from '../series/SeriesDialog';
import { SeriesPlanner } from '../series/SeriesPlanner';
import { VideoLink } from '../video/VideoLink';

type Status = 'checked_in' | 'completed' | 'no_show';

export function StatusTag({ status }: { status: AppointmentView['status'] }) {
  const { t } = useTranslation();
  return <span className={`sched-status sched-status--${status}`}>{t(`appointments.status.${status}`)}</span>;
}

/**
 * One appointment in the doctor's schedule, with what can be done to it now. After any change the
 * parent reloads; `notice` (kept by the parent, so it outlives the reload) says what was done.
 */
export function AppointmentCard({ appointment: a, notice, onChanged, onOpen, nameLevel }: {
  appointment: AppointmentView;
  notice?: string;
  /** The patient's name is a heading under the day's (3 in the day view, 4 in the week view). */
  nameLevel: 3 | 4;
  onChanged: (id: number, notice: string) => Promise<void>;
  /** Opens the patient's records, or the visit's notes and prescription. */
  onOpen: (what: 'chart' | 'notes', a: AppointmentView) => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { time, dayOf } = useDates();
  const [busy, setBusy] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [series, setSeries] = useState<'none' | 'plan' | 'manage'>('none');
  const cancelButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const who = `${a.patientName}, ${time(a.start)}`;
  const Name = nameLevel === 3 ? 'h3' : 'h4';

  // The server decides (check-in opens before the start, completed and no-show need it reached) and checks again.
  const { canCheckIn, canComplete, canMarkNoShow: canNoShow } = a;

  const focusHeading = () => requestAnimationFrame(() => document.getElementById(headingId)?.focus());

  async function mark(status: Status) {
    setError(null);
    setBusy(status);
    const r = await invoke('appointments.setStatus', { appointmentId: a.id, status });
    setBusy(null);
    if (!r.ok) return setError(errorText(t, r.error));
    await onChanged(a.id, t(`schedule.done.${status}`, { name: a.patientName }));
    focusHeading();
  }

  const action = (status: Status, label: string) => (
    <button type="button" className="btn btn--secondary" onClick={() => void mark(status)} disabled={busy !== null} aria-busy={busy === status || undefined}>
      {label}
      <span className="visually-hidden"> {who}</span>
    </button>
  );

  return (
    <li className={`sched-item sched-item--${a.status}`} aria-labelledby={headingId}>
      <div className="sched-item__row">
        <div className="sched-item__time">
          {time(a.start)} – {time(a.end)}
        </div>
        <div className="sched-item__main">
          <Name className="sched-item__name" id={headingId} tabIndex={-1}>{a.patientName}</Name>
          <p className="sched-item__meta">
            <span>{t(`schedule.mode.${a.mode}`)}</span>
            <span> · {t('schedule.bookingNumber', { number: a.number })}</span>
            {a.reason ? <span> · {a.reason}</span> : <span className="muted"> · {t('schedule.noReason')}</span>}
          </p>
          {a.contactName && <p className="sched-item__meta">{t('schedule.contact', { name: a.contactName })}</p>}
          {a.status === 'cancelled' && a.cancelReason && (
            <p className="sched-item__meta">{t('schedule.cancelledBecause', { reason: a.cancelReason })}</p>
          )}
        </div>
        <StatusTag status={a.status} />
      </div>
      <VideoLink appointment={a} onChanged={(text) => onChanged(a.id, text)} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="sched-item__actions">
        {canCheckIn && action('checked_in', t('schedule.actions.checkIn'))}
        {canComplete && action('completed', t('schedule.actions.complete'))}
        {canNoShow && action('no_show', t('schedule.actions.noShow'))}
        {a.status !== 'cancelled' && (
          <button type="button" className="btn btn--secondary" onClick={() => onOpen('chart', a)}>
            {t('schedule.actions.records')}
            <span className="visually-hidden"> {who}</span>
          </button>
        )}
        {a.status !== 'cancelled' && (Date.now() >= Date.parse(a.start) || a.status === 'checked_in' || a.status === 'completed') && (
          <button type="button" className="btn btn--secondary" onClick={() => onOpen('notes', a)}>
            {t('schedule.actions.notes')}
            <span className="visually-hidden"> {who}</span>
          </button>
        )}
        {a.seriesId !== null && (
          <button type="button" className="btn btn--secondary" onClick={() => setSeries('manage')}>
            {t('series.manage.open')}
            <span className="visually-hidden"> {who}</span>
          </button>
        )}
        {series === 'none' && a.status !== 'cancelled' && (
          <button type="button" className="btn btn--secondary" onClick={() => setSeries('plan')}>
            {t('series.planner.open')}
            <span className="visually-hidden"> {who}</span>
          </button>
        )}
        {a.canCancel && !cancelling && (
          <button ref={cancelButton} type="button" className="btn btn--secondary" onClick={() => setCancelling(true)}>
            {t('schedule.actions.cancel')}
            <span className="visually-hidden"> {who}</span>
          </button>
        )}
      </div>
      {cancelling && (
        <CancelForm
          appointment={a}
          onClose={() => {
            setCancelling(false);
            requestAnimationFrame(() => cancelButton.current?.focus());
          }}
          onCancelled={async () => {
            setCancelling(false);
            await onChanged(a.id, t('schedule.done.cancelled', { name: a.patientName }));
            focusHeading();
          }}
        />
      )}
      {series === 'plan' && (
        <SeriesPlanner
          doctorId={a.doctorId} patient={{ id: a.patientId, fullName: a.patientName }} firstDate={addDays(dayOf(a.start), 7)}
          onCancel={() => setSeries('none')}
          onBooked={async (s) => {
            setSeries('none');
            await onChanged(a.id, t('series.planner.booked', { count: s.appointments.length, name: s.patientName, doctor: s.doctorName }));
          }}
        />
      )}
      {series === 'manage' && a.seriesId !== null && (
        <SeriesDialog seriesId={a.seriesId} onClose={() => setSeries('none')} onDone={async (text) => { setSeries('none'); await onChanged(a.id, text); }} />
      )}
      <AppointmentHistory appointmentId={a.id} context={who} />
    </li>
  );
}

function CancelForm({ appointment: a, onClose, onCancelled }: { appointment: AppointmentView; onClose: () => void; onCancelled: () => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.cancel');
  const box = useRef<HTMLDivElement>(null);
  const title = t('schedule.cancel.title', { name: a.patientName });

  // The reason is the one thing asked: start there.
  useEffect(() => box.current?.querySelector('textarea')?.focus(), []);

  async function confirm() {
    if (await submit({ appointmentId: a.id, reason })) await onCancelled();
    else requestAnimationFrame(() => box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  return (
    <div className="sched-panel" ref={box} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void confirm()} label={title}>
        <p className="form__note">{t('schedule.cancel.intro')}</p>
        <TextArea label={t('schedule.cancel.reason')} value={reason} onChange={setReason} rows={2} maxLength={500} error={fieldError('reason')} required />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('schedule.cancel.keep')}</Button>
          <Button type="submit" kind="danger" busy={busy}>{t('schedule.cancel.confirm')}</Button>
        </div>
      </Form>
    </div>
  );
}
