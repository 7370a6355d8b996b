import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ClinicZone, intlLocale } from '../ui/format';

/** A calendar day ("2026-03-03") moved by whole days. */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in a time zone, as "2026-03-03". */
export const todayIn = (timeZone: string | undefined, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * Booking dates, always in the clinic's zone: a slot's day ("Tue, 3 Mar") and time ("09:15") come from the
 * server already in clinic time; an appointment's instant is shown with its weekday and a 24-hour time.
 */
export function useBookingDates() {
  const { i18n } = useTranslation();
  const timeZone = useContext(ClinicZone);
  const loc = intlLocale(i18n.language);
  const dayOf = (ymd: string, opts: Intl.DateTimeFormatOptions) => {
    const d = new Date(`${ymd}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? ymd : new Intl.DateTimeFormat(loc, { ...opts, timeZone: 'UTC' }).format(d);
  };
  return {
    timeZone,
    today: () => todayIn(timeZone),
    /** "Tue, 3 Mar": a slot's day, short. */
    day: (ymd: string) => dayOf(ymd, { weekday: 'short', day: 'numeric', month: 'short' }),
    /** "Tuesday, 3 March 2026": a day written out in full. */
    longDay: (ymd: string) => dayOf(ymd, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    /** "Tue, 3 Mar 2026, 09:15" for an instant. */
    when: (iso: string) =>
      new Intl.DateTimeFormat(loc, {
        weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
      }).format(new Date(iso)),
    /** An instant's date in the clinic's zone, "2026-03-03". */
    ymdOf: (iso: string) => todayIn(timeZone, new Date(iso)),
  };
}
