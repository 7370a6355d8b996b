import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailabilityView, TimeRangeInput } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Empty, Form, Notice } from '../ui/Layout';
import { useDates } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { nextRange, RangeFields } from './RangeFields';
import { DateField } from '../ui/DateField';

type Exceptions = AvailabilityView['exceptions'];
type Kind = 'off' | 'hours';

/** Dates that differ from the weekly hours: days off and days with other hours. */
export function ExceptionsEditor({ exceptions, onChanged }: { exceptions: Exceptions; onChanged: (view: AvailabilityView) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { longDay, clock, today } = useDates();
  const [adding, setAdding] = useState<Kind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openers = { off: useRef<HTMLButtonElement>(null), hours: useRef<HTMLButtonElement>(null) };
  const listId = useId();

  const from = today();
  const upcoming = exceptions.filter((e) => e.date >= from).sort((a, b) => a.date.localeCompare(b.date));
  const hoursText = (ranges: Exceptions[number]['ranges']) =>
    ranges.map((r) => `${clock(r.start)}–${clock(r.end)} (${r.modes.map((m) => t(`schedule.mode.${m}`)).join(', ')})`).join('; ');

  function close(kind: Kind) {
    setAdding(null);
    requestAnimationFrame(() => openers[kind].current?.focus());
  }

  async function remove(date: string) {
    setNotice(null);
    setError(null);
    const r = await invoke('availability.removeException', { date });
    if (!r.ok) return setError(errorText(t, r.error));
    onChanged(r.data);
    setNotice(t('availability.exceptions.removed', { date: longDay(date) }));
    requestAnimationFrame(() => document.getElementById(`${listId}-heading`)?.focus());
  }

  return (
    <section aria-labelledby={`${listId}-heading`}>
      <h2 id={`${listId}-heading`} tabIndex={-1}>{t('availability.exceptions.title')}</h2>
      <p className="lead">{t('availability.exceptions.intro')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {upcoming.length === 0 ? (
        <Empty>{t('availability.exceptions.empty')}</Empty>
      ) : (
        <ul className="sched-list">
          {upcoming.map((e) => (
            <li key={e.date} className="sched-item sched-item--dated">
              <div className="sched-item__main">
                <strong>{longDay(e.date)}</strong>
                <span>{e.ranges.length === 0 ? t('availability.exceptions.dayOff') : t('availability.exceptions.hours', { hours: hoursText(e.ranges) })}</span>
              </div>
              <div className="sched-item__actions">
                <button type="button" className="btn btn--secondary" onClick={() => void remove(e.date)}>
                  {t('availability.exceptions.remove')}
                  <span className="visually-hidden"> {longDay(e.date)}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <AddException
          kind={adding}
          onCancel={() => close(adding)}
          onSaved={(view, date) => {
            onChanged(view);
            setNotice(t(`availability.exceptions.saved.${adding}`, { date: longDay(date) }));
            close(adding);
          }}
        />
      ) : (
        <div className="form__actions form__actions--start">
          <button ref={openers.off} type="button" className="btn btn--secondary" onClick={() => { setNotice(null); setAdding('off'); }}>
            {t('availability.exceptions.addOff')}
          </button>
          <button ref={openers.hours} type="button" className="btn btn--secondary" onClick={() => { setNotice(null); setAdding('hours'); }}>
            {t('availability.exceptions.addHours')}
          </button>
        </div>
      )}
    </section>
  );
}

function AddException({ kind, onCancel, onSaved }: { kind: Kind; onCancel: () => void; onSaved: (view: AvailabilityView, date: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const base = useId();
  const [date, setDate] = useState('');
  const [ranges, setRanges] = useState<TimeRangeInput[]>(() => (kind === 'hours' ? [nextRange([])] : []));
  const [noHours, setNoHours] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'availability.setException');
  const title = t(`availability.exceptions.form.${kind}`);

  async function save() {
    if (kind === 'hours' && ranges.length === 0) {
      setNoHours(true);
      return;
    }
    const view = await submit({ date, ranges: kind === 'off' ? [] : ranges });
    if (view) onSaved(view, date);
    else focusFirstInvalid();
  }

  return (
    <div className="sched-panel" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3>{title}</h3>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void save()} label={title}>
        <DateField label={t('availability.exceptions.date')} value={date} onChange={setDate} error={fieldError('date')} required autoFocus />
        {kind === 'hours' && (
          <fieldset className="sched-day">
            <legend className="sched-day__name">{t('availability.exceptions.hoursLegend')}</legend>
            <div className="sched-day__body">
              {ranges.map((r, j) => (
                <RangeFields
                  key={j}
                  id={`${base}-r${j}`}
                  value={r}
                  onChange={(next) => setRanges(ranges.map((x, k) => (k === j ? next : x)))}
                  onRemove={() => setRanges(ranges.filter((_, k) => k !== j))}
                  errorOf={(part) => fieldError(`ranges.${j}.${part}`)}
                  context={t('availability.exceptions.rangeContext', { n: j + 1 })}
                />
              ))}
              {(fieldError('ranges') || noHours) && (
                <p className="field__error">{noHours && ranges.length === 0 ? t('availability.exceptions.hoursRequired') : fieldError('ranges')}</p>
              )}
              <div className="sched-day__actions">
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={ranges.length >= 6}
                  onClick={() => {
                    setRanges([...ranges, nextRange(ranges)]);
                    setNoHours(false);
                    requestAnimationFrame(() => document.getElementById(`${base}-r${ranges.length}-start`)?.focus());
                  }}
                >
                  {t('availability.weekly.add')}
                </button>
              </div>
            </div>
          </fieldset>
        )}
        <div className="form__actions">
          <Button kind="secondary" onClick={onCancel}>{t('availability.exceptions.cancel')}</Button>
          <Button type="submit" busy={busy}>{t(`availability.exceptions.save.${kind}`)}</Button>
        </div>
      </Form>
    </div>
  );
}
