import { weekdayOf, zonedParts } from '../../../shared/clinic-time';
import type { Speciality } from '../../../shared/specialities';
import { mailCatalog } from '../mail/templates';

// How MedLink's documents write dates, times and the clinic's contact: English, in the clinic's zone, the way
// every screen and email does.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2 Mar 2026" for a clinic-local day ("2026-03-02"). */
export const day = (ymd: string) => `${Number(ymd.slice(8, 10))} ${MONTHS[Number(ymd.slice(5, 7)) - 1]} ${ymd.slice(0, 4)}`;

/** "Monday, 2 Mar 2026". */
export const longDay = (ymd: string) => `${WEEKDAYS[weekdayOf(ymd)]}, ${day(ymd)}`;

/** "9:30 am" for a clinic-local "09:30". */
function clock(hhmm: string): string {
  const h = Number(hhmm.slice(0, 2));
  return `${h % 12 || 12}:${hhmm.slice(3)} ${h < 12 ? 'am' : 'pm'}`;
}

/** "2 Mar 2026" (with ", 10:30 am" when `withTime`) for an instant, in the clinic's zone. */
export function when(iso: string, timeZone: string, withTime = false): string {
  const p = zonedParts(new Date(iso), timeZone);
  return withTime ? `${day(p.date)}, ${clock(p.time)}` : day(p.date);
}

/** "10:15 am – 10:30 am": an appointment's time of day, in the clinic's zone. */
export const timeRange = (startIso: string, endIso: string, timeZone: string) =>
  `${clock(zonedParts(new Date(startIso), timeZone).time)} – ${clock(zonedParts(new Date(endIso), timeZone).time)}`;

/** "Phone 020 2612 3456 · desk@sunrise.example", or what there is of it. */
export const contactLine = (c: { phone?: string | null; email?: string | null }) => [c.phone && `Phone ${c.phone}`, c.email].filter(Boolean).join(' · ');

/** A doctor's speciality as documents name it: their own words for "other". */
export const specialityName = (d: { speciality: string; speciality_other: string | null }) =>
  d.speciality === 'other' && d.speciality_other ? d.speciality_other : mailCatalog('en').speciality![d.speciality as Speciality]!;
