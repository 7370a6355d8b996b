import type { TFunction } from 'i18next';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, weekdayOf, zonedInstant, zonedParts } from '../../../shared/clinic-time';
import type { DirectoryEntry } from '../../../shared/contract';

// Every date and time the screens show or compute. Calendar days are 'YYYY-MM-DD' and wall-clock times
// 'HH:MM' of the clinic; instants are shown in the clinic's zone whatever this computer's own zone, so
// only shared/clinic-time.ts (the same arithmetic as the server's) and Intl with an explicit timeZone are used.

/** The Intl locale for a UI language: Indian conventions in both (12 April 1990, 1,00,000). */
export const intlLocale = (language: string) => (language === 'hi' ? 'hi-IN' : 'en-IN');

/** The clinic's IANA time zone: every instant on screen is shown in it, whatever this computer's zone. */
export const ClinicZone = createContext<string | undefined>(undefined);

export { addDays };

/** The Monday of the week holding a day, as a week is laid out in India. */
export const weekStart = (ymd: string) => addDays(ymd, -((weekdayOf(ymd) + 6) % 7));

/** Every time of day MedLink shows, on every screen and in every email: "9:30 am" (one way in each language). */
export const CLOCK: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', hour12: true };

/** A calendar day as the UTC midnight of its fields, so formatting it in UTC shows that very day. */
const utcDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/**
 * Dates and times in the current language (or the one given: an assistant's answer keeps its own), in the clinic's
 * zone (this computer's if the clinic names none).
 */
export function useDates(language?: string) {
  const { i18n } = useTranslation();
  const zone = useContext(ClinicZone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const loc = intlLocale(language ?? i18n.language);
  const instant = (iso: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(loc, { ...options, timeZone: zone }).format(new Date(iso));
  const calendar = (ymd: string, options: Intl.DateTimeFormatOptions) => {
    const d = utcDay(ymd);
    return Number.isNaN(d.getTime()) ? ymd : new Intl.DateTimeFormat(loc, { ...options, timeZone: 'UTC' }).format(d);
  };
  return {
    zone,
    /** Today in the clinic, "2026-03-03". */
    today: () => zonedParts(new Date(), zone).date,
    /** The clinic's day of an instant, "2026-03-03". */
    dayOf: (iso: string) => zonedParts(new Date(iso), zone).date,
    /** The instant (ISO) of the clinic's wall-clock time on a day; null for a time its clock skips that day. */
    instantOf: (ymd: string, hhmm: string) => zonedInstant(ymd, hhmm, zone)?.toISOString() ?? null,
    /** "1 Mar 2026, 9:30 am" for an instant. */
    dateTime: (iso: string) => instant(iso, { day: 'numeric', month: 'short', year: 'numeric', ...CLOCK }),
    /** "1 Mar 2026": an instant's day. */
    date: (iso: string) => instant(iso, { dateStyle: 'medium' }),
    /** "Tue, 3 Mar 2026, 9:15 am": an appointment's instant with its weekday. */
    when: (iso: string) => instant(iso, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }),
    /** "9:30 am" for an instant. */
    time: (iso: string) => instant(iso, CLOCK),
    /** "5:00 – 5:15 pm" for two instants. */
    range: (startIso: string, endIso: string) => new Intl.DateTimeFormat(loc, { ...CLOCK, timeZone: zone }).formatRange(new Date(startIso), new Date(endIso)),
    /** "9:30 am" for a wall-clock 'HH:MM' of the clinic (as free slots and weekly hours give it). */
    clock: (hhmm: string) => new Intl.DateTimeFormat(loc, { ...CLOCK, timeZone: 'UTC' }).format(new Date(`1970-01-01T${hhmm}:00Z`)),
    /** "12 Apr 1990" (or "12 April 1990"): a calendar day that belongs to no time zone, such as a date of birth. */
    day: (ymd: string, style: 'medium' | 'long' = 'medium') => calendar(ymd, { dateStyle: style }),
    /** "Tue, 3 Mar": a slot's day, short. */
    shortDay: (ymd: string) => calendar(ymd, { weekday: 'short', day: 'numeric', month: 'short' }),
    /** "Tue, 3 Mar 2026". */
    mediumDay: (ymd: string) => calendar(ymd, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
    /** "Tuesday, 3 March 2026". */
    longDay: (ymd: string) => calendar(ymd, { dateStyle: 'full' }),
    /** "Monday" for a weekday, 0 = Monday. 2024-01-01 was a Monday. */
    weekday: (index: number) => new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index))),
    /** "6 – 12 Apr 2026" for a span of calendar days. */
    daySpan: (from: string, to: string) =>
      new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).formatRange(utcDay(from), utcDay(to)),
  };
}

/** Whole years between a date of birth and today. */
export function ageOn(isoDate: string, today = new Date()): number | null {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  const had = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  const age = today.getFullYear() - y - (had ? 0 : 1);
  return age >= 0 ? age : null;
}

/** "English, Hindi and Marathi" in the reader's language. */
export const formatList = (items: readonly string[], language: string, type: 'conjunction' | 'unit' = 'conjunction') =>
  new Intl.ListFormat(intlLocale(language), { type, style: type === 'unit' ? 'short' : 'long' }).format(items);

/** A doctor's speciality as shown: the catalog's name, or the doctor's own words for "other". */
export const specialityLabel = (t: TFunction, d: Pick<DirectoryEntry, 'speciality' | 'specialityOther'>) =>
  d.speciality === 'other' && d.specialityOther ? d.specialityOther : t(`labels.speciality.${d.speciality}`);
