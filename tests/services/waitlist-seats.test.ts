import { describe, expect, it } from 'vitest';
import { newClinic, ok, signupPatient, type Clinic } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { bookingClinic } from '../helpers/scheduling';
import { openSeat, SEATS_TIMEOUT } from '../helpers/seat';

// Two seats (processes of their own, on the clinic's database) cancel at the same moment while patients wait:
// each freed time is offered to one person only, and nobody holds two offers.
const TUESDAY = '2026-03-03';

async function waitingClinic(clinic: Clinic, waiting: number) {
  const { doctor, desk } = await bookingClinic(clinic);
  const filler = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Ramesh Patil', phone: '9822044444' }, desk.token));
  const ids = new Map<string, number>();
  for (const s of ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, desk.token))) {
    ids.set(s.time, ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: s.start, mode: 'in_person', patientId: filler.id }, desk.token)).id);
  }
  for (let i = 0; i < waiting; i++) {
    const p = await signupPatient(clinic, patientSignupInput({ fullName: `Waiting ${i}`, phone: `98220000${20 + i}` }));
    ok(await clinic.call('waitlist.join', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY, dayParts: ['morning'] }, p.token));
  }
  return { desk, ids };
}

const openOffers = (clinic: Clinic) =>
  clinic.app.deps.db.selectFrom('waitlist_offers').select(['entry_id', 'start_at']).where('status', '=', 'open').orderBy('start_at').execute();

describe('two seats cancelling at once', () => {
  it('never offer one time to two people, and each person on the list holds at most one offer', async () => {
    const clinic = await newClinic();
    const { desk, ids } = await waitingClinic(clinic, 3);
    const [a, b] = await Promise.all([openSeat(clinic), openSeat(clinic)]);
    const cancel = (time: string) => ({ channel: 'appointments.cancel' as const, input: { appointmentId: ids.get(time)!, reason: 'Cannot come' }, token: desk.token });
    // Round after round, both seats free a time (or the very same one) at the same moment.
    const rounds = [['09:00', '09:15'], ['09:30', '09:30'], ['10:00', '10:15']];
    for (const [x, y] of rounds) {
      const [ra, rb] = await Promise.all([a.dispatch([cancel(x!)]), b.dispatch([cancel(y!)])]);
      const outcomes = [ra[0]!, rb[0]!].map((r) => (r.ok ? 'cancelled' : r.error.code)).sort();
      expect(outcomes).toEqual(x === y ? ['CONFLICT', 'cancelled'] : ['cancelled', 'cancelled']);
    }
    const offers = await openOffers(clinic);
    // Five times freed, three people waiting: the three earliest, one each.
    expect(offers).toHaveLength(3);
    expect(new Set(offers.map((o) => o.start_at)).size).toBe(3);
    expect(new Set(offers.map((o) => o.entry_id)).size).toBe(3);
    expect(offers.map((o) => o.start_at)).toEqual(['2026-03-03T03:30:00.000Z', '2026-03-03T03:45:00.000Z', '2026-03-03T04:00:00.000Z']);
  }, SEATS_TIMEOUT);

  it('with one person waiting, two times freed at once give one offer', async () => {
    const clinic = await newClinic();
    const { desk, ids } = await waitingClinic(clinic, 1);
    const [a, b] = await Promise.all([openSeat(clinic), openSeat(clinic)]);
    const cancel = (time: string) => ({ channel: 'appointments.cancel' as const, input: { appointmentId: ids.get(time)!, reason: 'Cannot come' }, token: desk.token });
    const [ra, rb] = await Promise.all([a.dispatch([cancel('11:00')]), b.dispatch([cancel('11:15')])]);
    expect([ra[0]!.ok, rb[0]!.ok]).toEqual([true, true]);
    expect(await openOffers(clinic)).toHaveLength(1);
  }, SEATS_TIMEOUT);
});
