import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimeRangeInput } from '../../../shared/contract';
import { useDates } from '../ui/format';
import { nextRange, RangeFields } from './RangeFields';

/** Seven days, Monday first; index i is the i-th entry sent, so errors come back as weekly.i.… */
export type WeekDraft = TimeRangeInput[][];

/** The API's weekday (0 = Sunday) of the i-th day shown (0 = Monday), and back. */
export const apiWeekday = (i: number) => (i + 1) % 7;
export const shownIndex = (weekday: number) => (weekday + 6) % 7;

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

export function WeeklyHoursEditor({ value, onChange, fieldError }: {
  value: WeekDraft;
  onChange: (value: WeekDraft) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { weekday } = useDates();
  const base = useId();
  const setDay = (i: number, ranges: TimeRangeInput[]) => onChange(value.map((d, k) => (k === i ? ranges : d)));

  return (
    <div className="sched-week">
      {value.map((ranges, i) => {
        const day = weekday(i);
        const dayError = fieldError(`weekly.${i}.ranges`) ?? fieldError(`weekly.${i}`);
        const rangeId = (j: number) => `${base}-d${i}-r${j}`;
        return (
          <fieldset key={i} className="sched-day" aria-describedby={dayError ? `${base}-d${i}-error` : undefined}>
            <legend className="sched-day__name">{day}</legend>
            <div className="sched-day__body">
              {ranges.length === 0 && <p className="sched-day__off">{t('availability.weekly.off')}</p>}
              {ranges.map((r, j) => (
                <RangeFields
                  key={j}
                  id={rangeId(j)}
                  value={r}
                  onChange={(next) => setDay(i, ranges.map((x, k) => (k === j ? next : x)))}
                  onRemove={() => {
                    setDay(i, ranges.filter((_, k) => k !== j));
                    focusSoon(`${base}-d${i}-add`);
                  }}
                  errorOf={(part) => fieldError(`weekly.${i}.ranges.${j}.${part}`)}
                  context={t('availability.weekly.rangeContext', { day, n: j + 1 })}
                />
              ))}
              {dayError && <p className="field__error" id={`${base}-d${i}-error`}>{dayError}</p>}
              <div className="sched-day__actions">
                <button
                  type="button"
                  id={`${base}-d${i}-add`}
                  className="btn btn--secondary"
                  disabled={ranges.length >= 6}
                  onClick={() => {
                    setDay(i, [...ranges, nextRange(ranges)]);
                    focusSoon(`${rangeId(ranges.length)}-start`);
                  }}
                >
                  {t('availability.weekly.add')}
                  <span className="visually-hidden"> {t('availability.weekly.onDay', { day })}</span>
                </button>
                {i > 0 && (
                  <button
                    type="button"
                    className="btn btn--link"
                    onClick={() => setDay(i, value[i - 1]!.map((r) => ({ ...r, modes: [...r.modes] })))}
                  >
                    {t('availability.weekly.copy', { day: weekday(i - 1) })}
                    <span className="visually-hidden"> {t('availability.weekly.toDay', { day })}</span>
                  </button>
                )}
              </div>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
