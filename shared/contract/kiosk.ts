import { z } from 'zod';
import { isCheckInCode, normaliseCheckInCode } from '../check-in-code';
import * as f from '../fields';
import { channel, none, ok } from './channel';

// The kiosk: a seat in the waiting room where patients check in (and sign in to book), and how it is set up.

const checkInCode = z
  .string({ error: 'check_in_code_invalid' })
  .max(20, 'check_in_code_invalid')
  .transform(normaliseCheckInCode)
  .refine(isCheckInCode, 'check_in_code_invalid');

const kioskStatus = z.object({
  /** This seat shows the kiosk now. */
  active: z.boolean(),
  /** The administrator has made this computer a kiosk (kept on this computer, not in the clinic's database). */
  configured: z.boolean(),
  /** Seconds without a touch before the kiosk clears itself (a clinic setting). */
  idleSeconds: z.number(),
});
export type KioskStatus = z.infer<typeof kioskStatus>;

const checkInOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('checked_in'),
    /** Only what the person at the kiosk needs to see it is them: first name, time, doctor. */
    firstName: z.string(),
    start: z.string(),
    doctorName: z.string(),
    /** Null only for a visit checked in before MedLink gave queue numbers. */
    queueNumber: z.number().nullable(),
    /** They had checked in already (the same place in the queue, shown again). */
    already: z.boolean(),
  }),
  /** Nothing found for what was typed; after a few of these the kiosk waits before the next try. */
  z.object({ outcome: z.literal('not_found'), waitSeconds: z.number() }),
  /** Too many wrong tries just now: the next is taken after this many seconds. */
  z.object({ outcome: z.literal('wait'), waitSeconds: z.number() }),
  /** Found, but check-in has not opened yet (the clinic's setting: so long before the start); it opens at `opensAt`. */
  z.object({ outcome: z.literal('too_early'), opensAt: z.string() }),
  /** More than one person matches (twins sharing a phone), or the visit's time is over: the front desk sees to it. */
  z.object({ outcome: z.literal('see_desk') }),
]);
export type CheckInOutcome = z.infer<typeof checkInOutcome>;

export const kioskChannels = {
  'kiosk.status': channel({ input: none, output: kioskStatus, roles: 'public' }),
  'kiosk.checkIn': channel({
    input: z.discriminatedUnion(
      'method',
      [
        z.strictObject({ method: z.literal('code'), code: checkInCode }),
        z.strictObject({ method: z.literal('phone'), phone: f.phone, dateOfBirth: f.isoDate }),
      ],
      { error: 'invalid' },
    ),
    output: checkInOutcome,
    roles: 'public',
  }),
  'kiosk.configure': channel({ input: z.strictObject({ enabled: z.boolean({ error: 'invalid' }) }), output: kioskStatus, roles: ['admin'] }),
  /** Staff signed in at the kiosk end kiosk mode on this seat until MedLink starts again. */
  'kiosk.leave': channel({ input: none, output: ok, roles: ['front_desk', 'admin'] }),
} as const;
