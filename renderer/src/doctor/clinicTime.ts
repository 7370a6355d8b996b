import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ClinicZone, intlLocale } from '../ui/format';

// Calendar days ('YYYY-MM-DD') and wall-clock times ('HH:MM') in the clinic's zone, whatever this
// computer's own zone: only UTC getters and Intl with an explicit timeZone are used.

const DAY = 86_400_000;

const utcDay = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const ymdOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (ymd: string, n: number) => ymdOf(utcDay(ymd) + n * DAY);

/** 0 = Monday … 6 = Sunday, as a week is laid out in India. */
export const mondayIndex = (ymd: string) => (new Date(utcDay(ymd)).getUTCDay() + 6) % 7;

/** The Monday of the week holding a day. */
export const weekStart = (ymd: string) => addDays(ymd, -mondayIndex(ymd));

/** The wall clock of a zone at an instant, as the UTC milliseconds of the same fields. */
function wallMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(ms);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/** The day and time an instant shows on the clinic's clock. */
export function zonedParts(instant: string | number, timeZone: string): { date: string; time: string } {
  const wall = new Date(wallMs(Math.floor(new Date(instant).getTime() / 1000) * 1000, timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** The UTC instant of a wall-clock time in a zone (a time skipped by a clock change moves forward). */
export function zonedInstant(ymd: string, hhmm: string, timeZone: string): string {
  const wall = Date.parse(`${ymd}T${hhmm}:00Z`);
  let guess = wall - (wallMs(wall, timeZone) - wall);
  guess = wall - (wallMs(guess, timeZone) - guess);
  return new Date(guess).toISOString();
}

/** The clinic's zone, and the local one if the clinic has not named it. */
export function useClinicZone(): string {
  return useContext(ClinicZone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Formats for the scheduling screens, in the current language and the clinic's zone. */
export function useClinicTime() {
  const { i18n } = useTranslation();
  const zone = useClinicZone();
  const loc = intlLocale(i18n.language);
  return {
    zone,
    today: () => zonedParts(Date.now(), zone).date,
    /** "9:30 am" for an instant. */
    time: (iso: string) => new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone: zone }).format(new Date(iso)),
    /** "9:30 am" for a wall-clock 'HH:MM'. */
    clock: (hhmm: string) => new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`1970-01-01T${hhmm}:00Z`)),
    /** "Monday" for a weekday, 0 = Monday. 2024-01-01 was a Monday. */
    weekday: (index: number) => new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index))),
    /** "Monday, 6 April 2026" for a calendar day. */
    longDay: (ymd: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(utcDay(ymd))),
    /** "6 – 12 Apr 2026" for a span of calendar days. */
    daySpan: (from: string, to: string) =>
      new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).formatRange(new Date(utcDay(from)), new Date(utcDay(to))),
  };
}
