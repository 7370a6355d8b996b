import { z } from 'zod';
import { addDays } from '../clinic-time';
import * as f from '../fields';
import { channel } from './channel';
import { appointmentView, MODES } from './scheduling';

// Repeat visits: the doctor or the front desk books a series (every week or every few weeks). Each visit is
// checked like a single booking before anything is saved; the series is saved in one transaction, and can then be
// moved or cancelled as a whole (or one visit at a time, as any appointment).

/** At most this many visits in one series (a year of weekly visits). */
export const SERIES_MAX = 52;
export const SERIES_MAX_WEEKS = 12;

/** A series' days: the first, then every `everyWeeks` weeks, `count` of them or up to `until` (never more than SERIES_MAX). */
export function repeatDates(first: string, everyWeeks: number, end: { count: number } | { until: string }): string[] {
  const days: string[] = [];
  for (let d = first; days.length < SERIES_MAX; d = addDays(d, 7 * everyWeeks)) {
    if ('count' in end ? days.length >= end.count : d > end.until) break;
    days.push(d);
  }
  return days;
}

const starts = z.array(f.instant('start_invalid'), { error: 'starts_required' }).min(1, 'starts_required').max(SERIES_MAX, 'too_many');
const planned = z.object({
  start: z.string(),
  end: z.string(),
  /** Why this visit cannot be booked at this time (a `validation` key: slot_taken, slot_outside_hours, patient_busy, series_overlap…), or null. */
  problem: z.string().nullable(),
});
export type PlannedVisit = z.infer<typeof planned>;

const series = z.object({
  id: z.number(),
  everyWeeks: z.number(),
  doctorId: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  /** Every visit, in order, whatever its status. */
  appointments: z.array(appointmentView),
});
export type SeriesView = z.infer<typeof series>;

const who = {
  /** The front desk names the doctor; a doctor books for themselves. */
  doctorId: f.id.optional(),
  patientId: f.id,
  mode: z.enum(MODES, { error: 'mode_invalid' }),
};

export const seriesChannels = {
  /** Checks each visit as a booking would, saving nothing. `seriesId`: a move of that series (its own visits do not count as busy). */
  'series.check': channel({
    input: z.strictObject({ ...who, starts, seriesId: f.id.optional() }),
    output: z.array(planned),
    roles: ['doctor', 'front_desk'],
  }),
  /** Books every visit in one transaction, or none (refused naming each visit that cannot be booked: `starts.<n>`). */
  'series.book': channel({
    input: z.strictObject({
      ...who,
      starts: starts.min(2, 'starts_required'),
      everyWeeks: z.number({ error: 'every_invalid' }).int('every_invalid').min(1, 'every_invalid').max(SERIES_MAX_WEEKS, 'every_invalid'),
      reason: z.string().trim().max(500, 'too_long').optional(),
    }),
    output: series,
    roles: ['doctor', 'front_desk'],
  }),
  'series.get': channel({ input: z.strictObject({ seriesId: f.id }), output: series, roles: ['doctor', 'front_desk'] }),
  /** Moves visits of the series to new times, all or none, with one email listing the new dates. */
  'series.move': channel({
    input: z.strictObject({
      seriesId: f.id,
      moves: z.array(z.strictObject({ appointmentId: f.id, start: f.instant('start_invalid') }), { error: 'starts_required' }).min(1, 'starts_required').max(SERIES_MAX, 'too_many'),
    }),
    output: series,
    roles: ['doctor', 'front_desk'],
  }),
  /** Cancels every visit still to come, with one email, and withdraws every reminder. */
  'series.cancel': channel({
    input: z.strictObject({ seriesId: f.id, reason: z.string({ error: 'cancel_reason_required' }).trim().min(3, 'cancel_reason_required').max(500, 'too_long') }),
    output: series,
    roles: ['doctor', 'front_desk'],
  }),
} as const;
