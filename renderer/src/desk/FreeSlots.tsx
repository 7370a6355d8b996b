import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../shared/contract';
import { modeLabel } from '../booking/labels';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { addDays, useDates } from '../ui/format';
import { Button, Loading, Notice } from '../ui/Layout';
import { DateField, isDay } from '../ui/DateField';

const LOOK_AHEAD_DAYS = 30;

/**
 * A doctor's free times on one clinic day, as a group of radio buttons (arrow keys move between them), with
 * the day's own field and buttons for the day before and after. When the day has none, one button jumps to
 * the next day that has. `reloadKey` asks again (after a time was just taken by someone else).
 */
export function FreeSlots({ doctorId, date, onDate, value, onPick, reloadKey = 0, error }: {
  doctorId: number;
  date: string;
  onDate: (date: string) => void;
  /** The chosen slot's start instant. */
  value: string | null;
  onPick: (slot: SlotView | null) => void;
  reloadKey?: number;
  /** Already translated. */
  error?: string;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { clock, mediumDay, today } = useDates();
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [noneSoon, setNoneSoon] = useState(false);
  const [searching, setSearching] = useState(false);
  const name = useId();

  useEffect(() => {
    let live = true;
    setSlots(null);
    setLoadError(null);
    setNoneSoon(false);
    void invoke('doctors.slots', { doctorId, fromDate: date, toDate: date }).then((r) => {
      if (!live) return;
      if (r.ok) setSlots(r.data);
      else setLoadError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [invoke, t, doctorId, date, reloadKey]);

  // A chosen time that is no longer free (or another day's) is no longer chosen.
  useEffect(() => {
    if (slots && value && !slots.some((s) => s.start === value)) onPick(null);
  }, [slots, value, onPick]);

  async function nextFreeDay() {
    setSearching(true);
    const r = await invoke('doctors.slots', { doctorId, fromDate: addDays(date, 1), toDate: addDays(date, LOOK_AHEAD_DAYS) });
    setSearching(false);
    if (!r.ok) return setLoadError(errorText(t, r.error));
    if (r.data[0]) onDate(r.data[0].date);
    else setNoneSoon(true);
  }

  const isToday = date === today();
  return (
    <div className="desk-slots">
      <div className="desk-daypicker">
        <Button kind="secondary" onClick={() => onDate(addDays(date, -1))} disabled={isToday}>{t('board.previousDay')}</Button>
        <DateField label={t('board.date')} hint="" value={date} onChange={(v) => isDay(v) && onDate(v)} required />
        <Button kind="secondary" onClick={() => onDate(addDays(date, 1))}>{t('board.nextDay')}</Button>
      </div>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {slots === null && !loadError && <Loading />}
      {slots && (
        <fieldset className={`fieldset desk-slots__group${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
          <legend>{t('board.slots.legend', { day: mediumDay(date) })}</legend>
          {error && <p className="field__error" id={`${name}-error`}>{error}</p>}
          {slots.length === 0 ? (
            <div className="desk-slots__none">
              <p>{t('board.slots.none')}</p>
              {noneSoon ? (
                <p>{t('board.slots.noneSoon', { count: LOOK_AHEAD_DAYS })}</p>
              ) : (
                <Button kind="secondary" busy={searching} onClick={() => void nextFreeDay()}>{t('board.slots.nextFree')}</Button>
              )}
            </div>
          ) : (
            <div className="desk-slots__list">
              {slots.map((s) => {
                const only = s.modes.length === 1 ? modeLabel(t, s.modes[0]!) : null;
                return (
                  <label key={s.start} className="desk-slot">
                    <input
                      type="radio" name={name} value={s.start} checked={value === s.start} onChange={() => onPick(s)}
                      aria-invalid={error ? true : undefined}
                    />
                    <span className="desk-slot__time">{clock(s.time)}</span>
                    {only && <span className="desk-slot__mode">{only}</span>}
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>
      )}
    </div>
  );
}
