import { randomInt } from 'node:crypto';
import { CHECK_IN_ALPHABET, CHECK_IN_LENGTH } from '../../../shared/check-in-code';
import type { Kysely } from 'kysely';
import type { Ctx } from '../context';
import type { Database } from '../db/schema';
import { checkInCodeTaken } from './appointments.repo';
import { clinicDayOf } from './clinic-day';

export const randomCode = () => Array.from({ length: CHECK_IN_LENGTH }, () => CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]).join('');

/**
 * A check-in code for an appointment starting at `start`, from the system's random source (unguessable, unlike
 * the booking number), that no other appointment on that clinic day holds: the kiosk finds an appointment by its
 * code among the day's. A clash is a chance of about one in a million; a second draw settles it.
 */
export async function newCheckInCode(ctx: Ctx, start: Date): Promise<string> {
  const { fromIso, toIso } = await clinicDayOf(ctx, start);
  const known = freeCodes.get(ctx.db)?.get(fromIso);
  if (known) {
    freeCodes.get(ctx.db)!.delete(fromIso);
    return known;
  }
  for (let tries = 0; tries < 10; tries++) {
    const code = randomCode();
    if (!(await checkInCodeTaken(ctx.db, code, fromIso, toIso))) return code;
  }
  throw new Error('No free check-in code after ten draws: the random source is broken.');
}

// A code the booking's check found free on a clinic day (time-check.ts, in the statement it reads anyway), kept
// for the transaction's next new code on that day: its own read would be a round trip more.
const freeCodes = new WeakMap<Kysely<Database>, Map<string, string>>();

export function knowFreeCode(ctx: Ctx, dayFromIso: string, code: string): void {
  const codes = freeCodes.get(ctx.db) ?? new Map<string, string>();
  freeCodes.set(ctx.db, codes.set(dayFromIso, code));
}
