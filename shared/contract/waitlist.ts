import { z } from 'zod';
import * as f from '../fields';
import { channel, ok } from './channel';
import { MODES } from './scheduling';

// The waitlist: a patient (or the front desk for them) waits for a doctor's time within some days and parts of
// the day; a time that frees up is offered to the first one waiting and held for them (clinic setting).

/** Parts of the day by the clinic's clock: before noon, noon to five, from five. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];
export const dayPartOf = (hhmm: string): DayPart => (hhmm < '12:00' ? 'morning' : hhmm < '17:00' ? 'afternoon' : 'evening');
/** The longest stretch of days one can wait for at once. */
export const WAITLIST_MAX_DAYS = 90;

const offer = z.object({
  id: z.number(),
  start: z.string(),
  end: z.string(),
  /** Held for the patient until then. */
  expiresAt: z.string(),
  modes: z.array(z.enum(MODES)),
});
export type WaitlistOffer = z.infer<typeof offer>;

const entry = z.object({
  id: z.number(),
  doctorId: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  /** A family member's account holder (their contact), and the patient's phone (a family member's is the holder's). */
  contactName: z.string().nullable(),
  phone: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  dayParts: z.array(z.enum(DAY_PARTS)),
  reason: z.string().nullable(),
  joinedAt: z.string(),
  /** The time held for this patient now, if any. */
  offer: offer.nullable(),
});
export type WaitlistEntry = z.infer<typeof entry>;

export const waitlistChannels = {
  'waitlist.join': channel({
    input: z
      .strictObject({
        doctorId: f.id,
        /** The front desk names the patient; a patient waits for themselves (default) or a family member on their account. */
        patientId: f.id.optional(),
        fromDate: f.isoDate,
        toDate: f.isoDate,
        dayParts: z.array(z.enum(DAY_PARTS, { error: 'day_parts_required' }), { error: 'day_parts_required' }).min(1, 'day_parts_required').max(3, 'day_parts_required'),
        reason: z.string().trim().max(500, 'too_long').optional(),
      })
      .refine((w) => w.fromDate <= w.toDate, { path: ['toDate'], message: 'range_invalid' }),
    output: entry,
    roles: ['patient', 'front_desk'],
  }),
  'waitlist.leave': channel({ input: z.strictObject({ entryId: f.id }), output: ok, roles: ['patient', 'front_desk'] }),
  /** Where the signed-in patient (and their family) wait, with any time held for them. */
  'waitlist.mine': channel({ input: z.strictObject({}), output: z.array(entry), roles: ['patient'] }),
  /** A doctor's list, first in line first. */
  'waitlist.ofDoctor': channel({ input: z.strictObject({ doctorId: f.id }), output: z.array(entry), roles: ['front_desk'] }),
  /** Books the held time through the normal booking (all its checks). */
  'waitlist.take': channel({
    input: z.strictObject({ offerId: f.id, mode: z.enum(MODES, { error: 'mode_invalid' }), reason: z.string().trim().max(500, 'too_long').optional() }),
    output: z.object({ appointmentId: z.number(), number: z.number(), start: z.string() }),
    roles: ['patient', 'front_desk'],
  }),
  /** Lets the held time go to the next one waiting; this patient stays on the list and is never offered it again. */
  'waitlist.decline': channel({ input: z.strictObject({ offerId: f.id }), output: ok, roles: ['patient', 'front_desk'] }),
} as const;
