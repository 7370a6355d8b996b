import { describe, expect, inject, it } from 'vitest';
import { newClinic, ok, PASSWORD, refused, signIn } from '../helpers/clinic';
import { roundTripsOf } from '../helpers/round-trips';
import { bookingClinic, ist } from '../helpers/scheduling';

// Issue 15: what a screen's call costs on a clinic's network is its round trips to PostgreSQL (BEGIN and COMMIT
// included, the session check too). The background work (mail sender, jobs, sweeps) is never started here and
// the test clock stands still, so nothing else can send a statement while a call is counted.

const TUESDAY = '2026-03-03';
const TODAY = '2026-03-02';

/** The call's result, after checking it sent at most `budget` statements (a failure lists them). */
async function withinBudget<T>(budget: number, call: () => Promise<T>): Promise<T> {
  const { result, roundTrips, statements } = await roundTripsOf(call);
  expect(roundTrips, `${roundTrips} round trips (budget ${budget}):\n${statements.join('\n')}`).toBeLessThanOrEqual(budget);
  return result;
}

async function clinicWithBookings() {
  const clinic = await newClinic();
  const people = await bookingClinic(clinic);
  // The doctor's hours are kept in memory once read (kept-hours.ts): a screen's bookings after the first pay none.
  ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: ist(TUESDAY, '12:45'), mode: 'in_person' }, people.vikram.token));
  // A seat keeps what it last found of each session; a call checks it with its first statement. The desk's first
  // call after its password change finds the kept session changed and runs again, reading it first (one more).
  for (const p of [people.asha, people.desk, people.doctor]) ok(await clinic.call('auth.session', {}, p.token));
  return { clinic, ...people };
}

describe.skipIf(!inject('postgresUrl'))('round trips of the session check and the writing channels on PostgreSQL', () => {
  it('the session check every signed-in call pays is one message; recording activity goes along', async () => {
    const clinic = await newClinic();
    const { asha } = await bookingClinic(clinic);
    // The session, its account, roles and the clinic's settings; no BEGIN nor COMMIT for a call that only reads. The
    // first call reads it before it goes on (recording the activity along); the next takes what the seat kept and
    // checks it, here alone (the call sends nothing else).
    expect(ok(await withinBudget(1, () => clinic.call('auth.session', {}, asha.token))).email).toBe(asha.email);
    expect(ok(await withinBudget(1, () => clinic.call('auth.session', {}, asha.token))).email).toBe(asha.email);
    // Its activity last recorded over half a minute ago, a call records it once the check holds, with a COMMIT.
    clinic.clock.advanceMinutes(5);
    expect(ok(await withinBudget(2, () => clinic.call('auth.session', {}, asha.token))).email).toBe(asha.email);
  });

  it('sign-in', async () => {
    const { clinic, asha } = await clinicWithBookings();
    // The audit log's last row, the lockout, the account with its hash and the settings, read before the call for
    // bcrypt to compare; the commit, with BEGIN, the audit log's lock and the writes (the session, the audit row).
    const login = ok(await withinBudget(2, () => signIn(clinic, asha.email, PASSWORD, 'patient')));
    expect(ok(await clinic.call('auth.session', {}, login.token)).email).toBe(asha.email);
    // A wrong password the same: the failure counted and recorded with the commit.
    expect(refused(await withinBudget(2, () => signIn(clinic, asha.email, 'wrong-password-1', 'patient'))).code).toBe('BAD_CREDENTIALS');
  });

  it('booking, by the front desk and by a patient online (issue 15 allows 8)', async () => {
    const { clinic, doctor, asha, desk } = await clinicWithBookings();
    // The session (kept by the seat, checked in the next message) with the doctor and the patient (or the caller's
    // family); the diaries' locks and the check, with the booking's id and number taken (BEGIN along); the commit
    // with the booking, its history, audit rows, mail and link.
    const atDesk = ok(await withinBudget(3, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: asha.patientId }, desk.token)));
    const online = ok(await withinBudget(3, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token)));
    expect([atDesk.status, online.status, online.video?.state]).toEqual(['booked', 'booked', 'ready']);
  });

  it('reschedule, cancel and check-in', async () => {
    const { clinic, doctor, asha, vikram, desk } = await clinicWithBookings();
    const later = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:15'), mode: 'online' }, asha.token));
    const other = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'in_person' }, asha.token));
    const today = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TODAY, '12:30'), mode: 'in_person', patientId: asha.patientId }, desk.token));
    const next = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TODAY, '12:45'), mode: 'in_person', patientId: vikram.patientId }, desk.token));
    // The session (kept, checked in the same message) with the diaries' and the audit log's locks (the database
    // reads whose) and the appointment, its link, doctor, patient, the caller's family, the doctor's waitlist and the
    // new time's check (BEGIN along); the commit with the move, its history, audit row and mail.
    const moved = ok(await withinBudget(2, () => clinic.call('appointments.reschedule', { appointmentId: later.id, start: ist(TUESDAY, '10:15') }, asha.token)));
    expect(moved.start).toBe(ist(TUESDAY, '10:15'));
    // The session with the same locked read, as two seats cancelling at once need; the commit with the cancellation.
    const cancelled = ok(await withinBudget(2, () => clinic.call('appointments.cancel', { appointmentId: other.id, reason: 'Feeling better' }, asha.token)));
    expect(cancelled.status).toBe('cancelled');
    // Check-in opens an hour before the visit: 11:40 for 12:30 (the desk signs in again, its session long idle).
    clinic.clock.advanceMinutes(100);
    const desk2 = ok(await signIn(clinic, desk.email, PASSWORD));
    // The session, read first (the seat has not seen this one yet); the doctor's and the audit log's locks with the
    // appointment and the doctor's queue today (BEGIN along); the commit with the status, its history and the audit
    // row. The next check-in, its session kept, sends the session with the locks: one fewer.
    const checkedIn = ok(await withinBudget(3, () => clinic.call('appointments.setStatus', { appointmentId: today.id, status: 'checked_in' }, desk2.token)));
    expect([checkedIn.status, checkedIn.queueNumber]).toEqual(['checked_in', 1]);
    clinic.clock.advanceMinutes(5);
    const second = ok(await withinBudget(2, () => clinic.call('appointments.setStatus', { appointmentId: next.id, status: 'checked_in' }, desk2.token)));
    expect([second.status, second.queueNumber]).toEqual(['checked_in', 2]);
  });
});
