import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODES, repeatDates, SERIES_MAX, SERIES_MAX_WEEKS, type SeriesView, type SlotView } from '../../../shared/contract';
import { useErrorCode } from '../booking/errorCode';
import { modeLabel, type Mode } from '../booking/labels';
import { FreeSlots } from '../desk/FreeSlots';
import { useSession } from '../session/session';
import { DateField } from '../ui/DateField';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { addDays, useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { VisitPlan, type PlannedRow } from './VisitPlan';

/**
 * Repeat visits for one patient with one doctor (the desk or the doctor books them): the first visit's time, how
 * often, how many or until when. Every date is checked as a booking would be before anything is saved; times that
 * cannot be had are listed to place by hand or leave out, then the whole series is booked in one go.
 */
export function SeriesPlanner({ doctorId, patient, firstDate, onBooked, onCancel }: {
  doctorId: number;
  patient: { id: number; fullName: string };
  /** The day the first visit is looked for on. */
  firstDate: string;
  onBooked: (series: SeriesView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { instantOf } = useDates();
  const [date, setDate] = useState(firstDate);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [every, setEvery] = useState('1');
  const [endKind, setEndKind] = useState<'count' | 'until'>('count');
  const [count, setCount] = useState('6');
  const [until, setUntil] = useState(addDays(firstDate, 42));
  const [mode, setMode] = useState<Mode>('in_person');
  const [reason, setReason] = useState('');
  const [visits, setVisits] = useState<PlannedRow[] | null>(null);
  const checkCall = useSubmit(invoke, 'series.check');
  const bookCall = useSubmit(invoke, 'series.book');
  const pick = useCallback((s: SlotView | null) => {
    setSlot(s);
    setVisits(null);
    if (s && !s.modes.includes(mode)) setMode(s.modes[0]!);
  }, [mode]);
  const who = { doctorId, patientId: patient.id, mode };

  /** Checks the times as they stand now; false when the check itself was refused. */
  async function check(starts: string[]): Promise<boolean> {
    const r = await checkCall.submit({ ...who, starts });
    if (!r) return false;
    setVisits(r.map((v) => ({ start: v.start, problem: v.problem })));
    return true;
  }

  async function plan() {
    const days = slot ? repeatDates(slot.date, Number(every), endKind === 'count' ? { count: Number(count) || 0 } : { until }) : [];
    const starts = days.map((d) => instantOf(d, slot!.time)).filter((s): s is string => s !== null);
    if (!(await check(starts))) focusFirstInvalid();
  }

  async function book() {
    const starts = visits!.map((v) => v.start);
    const r = await bookCall.submit({ ...who, starts, everyWeeks: Number(every), reason: reason.trim() || undefined });
    if (r) return onBooked(r);
    // A time was taken meanwhile: the list says which, to place again.
    if (lastCode() === 'CONFLICT') await check(starts);
  }

  const replace = (i: number, s: SlotView) => void check(visits!.map((v, j) => (j === i ? s.start : v.start)));
  const remove = (i: number) => void check(visits!.filter((_, j) => j !== i).map((v) => v.start));
  const problems = visits?.filter((v) => v.problem).length ?? 0;
  const modes: readonly Mode[] = slot ? slot.modes : MODES;

  return (
    <div className="series-planner">
      <Form onSubmit={() => void plan()} label={t('series.planner.title', { name: patient.fullName })}>
        <h2 className="form__title">{t('series.planner.title', { name: patient.fullName })}</h2>
        <p className="form__note">{t('series.planner.intro')}</p>
        {checkCall.error && <Notice kind="error">{checkCall.error}</Notice>}
        <FreeSlots doctorId={doctorId} date={date} onDate={(d) => { setDate(d); pick(null); }} value={slot?.start ?? null} onPick={pick} error={checkCall.fieldError('starts')} />
        <div className="form__row">
          <SelectField
            label={t('series.planner.every')} value={every} onChange={(v) => { setEvery(v); setVisits(null); }}
            options={Array.from({ length: SERIES_MAX_WEEKS }, (_, i) => ({ value: String(i + 1), label: t('series.planner.everyOption', { count: i + 1 }) }))}
          />
          <SelectField
            label={t('board.book.mode')} value={mode} onChange={(v) => setMode(v as Mode)}
            options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))}
          />
        </div>
        <fieldset className="fieldset series-end">
          <legend>{t('series.planner.ends')}</legend>
          <div className="desk-who__options">
            {(['count', 'until'] as const).map((k) => (
              <label key={k} className="desk-choice">
                <input type="radio" name="series-end" checked={endKind === k} onChange={() => { setEndKind(k); setVisits(null); }} />
                {t(`series.planner.end.${k}`)}
              </label>
            ))}
          </div>
          {endKind === 'count' ? (
            <TextField
              label={t('series.planner.count')} inputMode="numeric" value={count} maxLength={2} hint={t('series.planner.countHint', { max: SERIES_MAX })}
              onChange={(v) => { setCount(v); setVisits(null); }}
            />
          ) : (
            <DateField label={t('series.planner.until')} value={until} onChange={(v) => { setUntil(v); setVisits(null); }} />
          )}
        </fieldset>
        <TextArea label={t('board.book.reason')} value={reason} onChange={setReason} rows={2} maxLength={500} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onCancel}>{t('series.planner.cancel')}</Button>
          <Button type="submit" kind={visits ? 'secondary' : 'primary'} busy={checkCall.busy}>{t('series.planner.check')}</Button>
        </div>
      </Form>
      {visits && (
        <section className="series-plan" aria-labelledby="series-plan-title">
          <h2 id="series-plan-title">{t('series.planner.visits', { count: visits.length })}</h2>
          <Notice kind={problems ? 'error' : 'info'}>
            {problems ? t('series.planner.someProblems', { count: problems }) : visits.length ? t('series.planner.allFree') : t('series.planner.none')}
          </Notice>
          {bookCall.error && lastCode() !== 'CONFLICT' && <Notice kind="error">{bookCall.error}</Notice>}
          <VisitPlan doctorId={doctorId} visits={visits} onReplace={replace} onRemove={remove} />
          <div className="form__actions">
            <Button onClick={() => void book()} busy={bookCall.busy} disabled={problems > 0 || visits.length < 2}>
              {t('series.planner.book', { count: visits.length })}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
