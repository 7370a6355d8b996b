import type { TFunction } from 'i18next';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../shared/contract';

/** The Intl locale for a UI language: Indian conventions in both (12 April 1990, 1,00,000). */
export const intlLocale = (language: string) => (language === 'hi' ? 'hi-IN' : 'en-IN');

/** The clinic's IANA time zone: every instant on screen is shown in it, whatever this computer's zone. */
export const ClinicZone = createContext<string | undefined>(undefined);

/** Dates and times in the current language's format. */
export function useDates() {
  const { i18n } = useTranslation();
  const timeZone = useContext(ClinicZone);
  const loc = intlLocale(i18n.language);
  return {
    /** An instant ("2026-03-01T09:30:00.000Z") with its time, in the clinic's zone. */
    dateTime: (iso: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
    /** An instant's day, in the clinic's zone. */
    date: (iso: string) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone }).format(new Date(iso)),
    /** A calendar day ("1990-04-12") that belongs to no time zone, such as a date of birth. */
    day: (ymd: string, style: 'medium' | 'long' = 'medium') => {
      const d = new Date(`${ymd}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? ymd : new Intl.DateTimeFormat(loc, { dateStyle: style, timeZone: 'UTC' }).format(d);
    },
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
