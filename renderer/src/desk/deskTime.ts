import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ClinicZone, intlLocale } from '../ui/format';

// Days ('YYYY-MM-DD') and times of day on the front desk's screens, always in the clinic's zone, whatever
// this computer's own zone: only UTC arithmetic and Intl with an explicit timeZone.

/** A calendar day moved by whole days. */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The clinic-local day of an instant. */
export const dayIn = (timeZone: string | undefined, instant: Date | string = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

export function useDeskTime() {
  const { i18n } = useTranslation();
  const zone = useContext(ClinicZone);
  const loc = intlLocale(i18n.language);
  const timeOfDay = new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone: zone });
  const calendar = (ymd: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(loc, { ...options, timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
  return {
    /** Today in the clinic. */
    today: () => dayIn(zone),
    /** The clinic-local day of an instant. */
    dayOf: (iso: string) => dayIn(zone, iso),
    /** "5:00 pm" for an instant. */
    time: (iso: string) => timeOfDay.format(new Date(iso)),
    /** "5:00 – 5:15 pm" for two instants. */
    range: (startIso: string, endIso: string) => timeOfDay.formatRange(new Date(startIso), new Date(endIso)),
    /** "5:00 pm" for a wall-clock 'HH:MM' of the clinic (as free slots give it). */
    clock: (hhmm: string) => new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`1970-01-01T${hhmm}:00Z`)),
    /** "Friday, 27 November 2026". */
    longDay: (ymd: string) => calendar(ymd, { dateStyle: 'full' }),
    /** "Fri, 27 Nov 2026". */
    mediumDay: (ymd: string) => calendar(ymd, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
  };
}
