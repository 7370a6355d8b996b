import { useTranslation } from 'react-i18next';
import { intlLocale } from '../patient/format';

/** Dates and times in the current language's format (this computer's time zone for instants). */
export function useDates() {
  const { i18n } = useTranslation();
  const loc = intlLocale(i18n.language);
  return {
    /** An instant ("2026-03-01T09:30:00.000Z") with its time. */
    dateTime: (iso: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    /** An instant's day only. */
    date: (iso: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium' }).format(new Date(iso)),
    /** A calendar day ("1990-04-12") that belongs to no time zone, such as a date of birth. */
    day: (ymd: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
  };
}
