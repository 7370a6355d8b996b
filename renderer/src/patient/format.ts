import type { TFunction } from 'i18next';
import type { DirectoryEntry } from '../../../shared/contract';

/** The Intl locale for a UI language: Indian conventions in both (12 April 1990, 1,00,000). */
export const intlLocale = (language: string) => (language === 'hi' ? 'hi-IN' : 'en-IN');

/** A calendar date ("1990-04-12") as the reader writes it; no time zone can shift it by a day. */
export function formatDate(isoDate: string, language: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
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
