import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesView, SlotView } from '../../../shared/contract';
import { StatusBadge } from '../booking/AppointmentCard';
import { useErrorCode } from '../booking/errorCode';
import { Dialog } from '../ui/Dialog';
import { FreeSlots } from '../desk/FreeSlots';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { addDays, useDates } from '../ui/format';
import { Button, Form, Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { VisitPlan, type PlannedRow } from './VisitPlan';

type Panel = 'none' | 'move' | 'cancel';

/**
 * A series of repeat visits as a whole: every visit with its state, and the visits still to come moved together (to a
 * new first day and time, the others keeping their distance from it) or cancelled together. One visit alone is
 * moved or cancelled from its own card.
 */
export function SeriesDialog({ seriesId, onClose, onDone }: { seriesId: number; onClose: () => void; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { when } = useDates();
  const series = useLoad(invoke, 'series.get', { seriesId });
  const [panel, setPanel] = useState<Panel>('none');
  const s = series.data;
  const nowIso = new Date().toISOString();
  const upcoming = s?.appointments.filter((a) => a.status === 'booked' && a.start > nowIso) ?? [];

  const title = s ? t('series.manage.title', { name: s.patientName, doctor: s.doctorName }) : t('series.manage.open');
  return (
    <Dialog title={title} onClose={onClose}>
      {series.error && <Notice kind="error">{series.error}</Notice>}
      {!s && !series.error && <Loading />}
      {s && (
        <>
          <p className="form__note">{t('series.planner.everyOption', { count: s.everyWeeks })}</p>
          <ol className="series-visits">
            {s.appointments.map((a) => (
              <li key={a.id}>
                <span>{when(a.start)}</span> <span className="muted">{t('board.bookingNumber', { number: a.number })}</span> <StatusBadge status={a.status} />
              </li>
            ))}
          </ol>
          {panel === 'none' && (
            upcoming.length === 0 ? (
              <p className="muted">{t('series.manage.none')}</p>
            ) : (
              <div className="form__actions form__actions--start">
                <Button kind="secondary" onClick={() => setPanel('move')}>{t('series.manage.move', { count: upcoming.length })}</Button>
                <Button kind="secondary" onClick={() => setPanel('cancel')}>{t('series.manage.cancel', { count: upcoming.length })}</Button>
              </div>
            )
          )}
          {panel === 'move' && <MoveSeries series={s} upcoming={upcoming} onClose={() => setPanel('none')} onDone={onDone} />}
          {panel === 'cancel' && <CancelSeries series={s} count={upcoming.length} onClose={() => setPanel('none')} onDone={onDone} />}
        </>
      )}
      {panel === 'none' && (
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('series.manage.close')}</Button>
        </div>
      )}
    </Dialog>
  );
}

type Visit = SeriesView['appointments'][number];

/** The visits still to come, shifted to a new first day and time, each checked before anything moves. */
function MoveSeries({ series, upcoming, onClose, onDone }: { series: SeriesView; upcoming: Visit[]; onClose: () => void; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { dayOf, instantOf } = useDates();
  const first = upcoming[0]!;
  const [date, setDate] = useState(dayOf(first.start));
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [visits, setVisits] = useState<PlannedRow[] | null>(null);
  const [noTime, setNoTime] = useState(false);
  const checkCall = useSubmit(invoke, 'series.check');
  const moveCall = useSubmit(invoke, 'series.move');
  const pick = useCallback((s: SlotView | null) => {
    setSlot(s);
    setVisits(null);
    setNoTime(false);
  }, []);

  async function check(starts: string[]) {
    const r = await checkCall.submit({ doctorId: series.doctorId, patientId: series.patientId, mode: first.mode, starts, seriesId: series.id });
    if (r) setVisits(r.map((v) => ({ start: v.start, problem: v.problem })));
    else focusFirstInvalid();
  }

  /** Each visit keeps its distance in days from the first, at the new time of day. */
  function shifted(s: SlotView): string[] {
    const days = (Date.parse(`${s.date}T00:00:00Z`) - Date.parse(`${dayOf(first.start)}T00:00:00Z`)) / 86_400_000;
    return upcoming.map((a) => instantOf(addDays(dayOf(a.start), days), s.time) ?? a.start);
  }

  async function move() {
    const moves = upcoming.map((a, i) => ({ appointmentId: a.id, start: visits![i]!.start }));
    if (await moveCall.submit({ seriesId: series.id, moves })) return onDone(t('series.manage.moved', { count: moves.length, name: series.patientName }));
    if (lastCode() === 'CONFLICT') await check(moves.map((m) => m.start));
  }

  const problems = visits?.filter((v) => v.problem).length ?? 0;
  return (
    <Form onSubmit={() => (slot ? void check(shifted(slot)) : setNoTime(true))} label={t('series.manage.move', { count: upcoming.length })}>
      <p className="form__note">{t('series.manage.moveIntro')}</p>
      {checkCall.error && <Notice kind="error">{checkCall.error}</Notice>}
      <FreeSlots
        doctorId={series.doctorId} date={date} onDate={(d) => { setDate(d); pick(null); }} value={slot?.start ?? null} onPick={pick}
        error={noTime ? t('validation.starts_required') : undefined}
      />
      <div className="form__actions">
        <Button kind="secondary" onClick={onClose}>{t('series.manage.back')}</Button>
        <Button type="submit" kind={visits ? 'secondary' : 'primary'} busy={checkCall.busy}>{t('series.planner.check')}</Button>
      </div>
      {visits && (
        <>
          <Notice kind={problems ? 'error' : 'info'}>{problems ? t('series.planner.someProblems', { count: problems }) : t('series.planner.allFree')}</Notice>
          {moveCall.error && lastCode() !== 'CONFLICT' && <Notice kind="error">{moveCall.error}</Notice>}
          <VisitPlan doctorId={series.doctorId} visits={visits} onReplace={(i, s) => void check(visits.map((v, j) => (j === i ? s.start : v.start)))} />
          <div className="form__actions">
            <Button onClick={() => void move()} busy={moveCall.busy} disabled={problems > 0}>{t('series.manage.moveConfirm', { count: visits.length })}</Button>
          </div>
        </>
      )}
    </Form>
  );
}

function CancelSeries({ series, count, onClose, onDone }: { series: SeriesView; count: number; onClose: () => void; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'series.cancel');

  async function cancel() {
    if (await submit({ seriesId: series.id, reason })) return onDone(t('series.manage.cancelled', { count, name: series.patientName }));
    focusFirstInvalid();
  }

  return (
    <Form onSubmit={() => void cancel()} label={t('series.manage.cancel', { count })}>
      <p className="form__note">{t('series.manage.cancelIntro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <TextArea label={t('board.cancelReason')} value={reason} onChange={setReason} rows={2} maxLength={500} required error={fieldError('reason')} />
      <div className="form__actions">
        <Button kind="secondary" onClick={onClose}>{t('series.manage.back')}</Button>
        <Button type="submit" kind="danger" busy={busy}>{t('series.manage.cancelConfirm', { count })}</Button>
      </div>
    </Form>
  );
}
