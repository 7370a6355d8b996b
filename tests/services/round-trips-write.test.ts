import { describe, expect, inject, it } from 'vitest';
import { newClinic, ok } from '../helpers/clinic';
import { roundTripsOf } from '../helpers/round-trips';
import { bookingClinic } from '../helpers/scheduling';

// Issue 15: what a screen's call costs on a clinic's network is its round trips to PostgreSQL (BEGIN and COMMIT
// included, the session check too). The background work is never started here and the clock stands still, so
// nothing else can send a statement while a call is counted.

/** The call's result, after checking it sent at most `budget` statements (a failure lists them). */
async function withinBudget<T>(budget: number, call: () => Promise<T>): Promise<T> {
  const { result, roundTrips, statements } = await roundTripsOf(call);
  expect(roundTrips, `${roundTrips} round trips (budget ${budget}):\n${statements.join('\n')}`).toBeLessThanOrEqual(budget);
  return result;
}

describe.skipIf(!inject('postgresUrl'))('round trips of the session check and the writing channels on PostgreSQL', () => {
  it('the session check every signed-in call pays is one statement; with the activity recorded, still one', async () => {
    const clinic = await newClinic();
    const { asha } = await bookingClinic(clinic);
    // BEGIN, the session with its account, roles and the clinic's settings, COMMIT.
    expect(ok(await withinBudget(3, () => clinic.call('auth.session', {}, asha.token))).email).toBe(asha.email);
    clinic.clock.advanceMinutes(5);
    expect(ok(await withinBudget(3, () => clinic.call('auth.session', {}, asha.token))).email).toBe(asha.email);
  });
});
