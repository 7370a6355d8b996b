import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import { newClinic, ok, PASSWORD, refused, signIn, signupPatient, type Account, type Clinic } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';
import { openSeat, type SeatCall } from '../helpers/seat';

const SEATS = 4;
const BUSY = 'MedLink is busy with another change. Nothing was saved; please try again.';

describe('several seats booking the same slots at once', () => {
  it('gives each slot to exactly one seat and never overlaps appointments', async () => {
    const clinic = await newClinic();
    // 30-minute slots: a 15-minute appointment could overlap one that the unique index on starts alone would miss.
    const doctor = await practisingDoctor(clinic, 'Dr Rohan Mehta', {
      settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
      weekly: [{ weekday: 2, ranges: [{ start: '09:00', end: '17:00', modes: ['in_person'] }] }],
    });
    const starts = Array.from({ length: 8 }, (_, i) => ist('2026-03-03', `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`));
    const patients: Account[] = [];
    for (let i = 0; i < SEATS; i++) patients.push(await signupPatient(clinic, patientSignupInput({ fullName: `Patient ${i}`, phone: `98220000${10 + i}` })));
    const seats = await Promise.all(patients.map(() => openSeat(clinic)));

    // Every seat open, they start together: one person at each books one slot after another, racing the others for every slot.
    const book = (i: number, start: string): SeatCall => ({ channel: 'appointments.book', input: { doctorId: doctor.doctorId, start, mode: 'in_person' }, token: patients[i]!.token });
    const booked = await Promise.all(seats.map((seat, i) => seat.dispatch(starts.map((start) => book(i, start)))));
    // On a loaded machine SQLite's single writer can stay taken past its busy timeout: that seat is told MedLink is
    // busy and nothing was saved, and its person tries again (after the race, so the answer is final).
    for (const [i, results] of booked.entries()) {
      for (const [n, r] of results.entries()) {
        if (!r.ok && r.error.message === BUSY) results[n] = (await seats[i]!.dispatch([book(i, starts[n]!)]))[0]!;
      }
    }
    for (const [n, start] of starts.entries()) {
      const forSlot = booked.map((results) => results[n]!).map((r) => (r.ok ? 'booked' : r.error.code)).sort();
      expect(forSlot, start).toEqual(['SLOT_TAKEN', 'SLOT_TAKEN', 'SLOT_TAKEN', 'booked']);
    }
    const diary = ok(await clinic.call('appointments.schedule', { fromDate: '2026-03-03', toDate: '2026-03-03' }, doctor.token)).appointments;
    expect(diary).toHaveLength(starts.length);
    for (let i = 1; i < diary.length; i++) expect(diary[i]!.start >= diary[i - 1]!.end).toBe(true);
    // Booking numbers: each seat's winning bookings drew from one counter; the losers and retries used none up.
    expect(diary.map((a) => a.number).sort((a, b) => a - b)).toEqual(Array.from({ length: starts.length }, (_, i) => i + 1));
  }, 240_000);
});

// On SQLite a change reads the appointment already holding the only write lock; on PostgreSQL it takes the doctor's
// lock as it reads it (the database working out whose). Here another seat holds the doctor's diary, as its
// cancellation of the same appointment does until it commits, while the change waits for it.
describe.skipIf(!inject('postgresUrl'))('a change racing another seat\'s cancellation', () => {
  async function cancelledWhileWaiting(clinic: Clinic, doctorId: number, appointmentId: number, change: () => Promise<Result<unknown>>) {
    const other = new pg.Client({ connectionString: clinic.databaseUrl });
    await other.connect();
    try {
      const diary = `hashtext('doctor:${doctorId}')`;
      await other.query(`select pg_advisory_lock(${diary})`);
      const changing = change();
      await vi.waitFor(async () => {
        const waiting = await other.query("select 1 from pg_locks where locktype = 'advisory' and not granted");
        expect(waiting.rowCount).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 20 });
      await other.query("update appointments set status = 'cancelled', cancel_reason = 'Called the clinic' where id = $1", [appointmentId]);
      await other.query(`select pg_advisory_unlock(${diary})`);
      const result = await changing;
      const row = (await other.query('select start_at, status, queue_number from appointments where id = $1', [appointmentId])).rows[0];
      const mails = (await other.query('select kind from outbox where appointment_id = $1 order by id', [appointmentId])).rows.map((r) => r.kind);
      return { result, row, mails };
    } finally {
      await other.end();
    }
  }

  it('a move is refused and moves and mails nothing', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', '09:15'), mode: 'in_person' }, asha.token));
    const { result, row, mails } = await cancelledWhileWaiting(clinic, doctor.doctorId, booked.id, () =>
      clinic.call('appointments.reschedule', { appointmentId: booked.id, start: ist('2026-03-03', '10:15') }, asha.token),
    );
    expect(refused(result)).toMatchObject({ code: 'CONFLICT', message: 'Only a booked appointment that has not started can be changed.' });
    expect(row).toMatchObject({ start_at: ist('2026-03-03', '09:15'), status: 'cancelled' });
    expect(mails).not.toContain('appointment_rescheduled');
  });

  it("the doctor's own video link is refused and mailed to no one", async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', '11:00'), mode: 'online' }, asha.token));
    expect(booked.video?.provider).toBe('jitsi');
    const { result, row, mails } = await cancelledWhileWaiting(clinic, doctor.doctorId, booked.id, () =>
      clinic.call('video.useOwnLink', { appointmentId: booked.id, url: 'https://zoom.us/j/1234567890' }, doctor.token),
    );
    expect(refused(result)).toMatchObject({ code: 'CONFLICT', message: 'Only an online appointment that has not ended has a video link to change.' });
    expect(row).toMatchObject({ status: 'cancelled' });
    expect(mails).not.toContain('video_link');
  });

  it('a check-in is refused and the appointment stays cancelled, with no place in the queue', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:30'), mode: 'in_person', patientId: asha.patientId }, desk.token));
    // Check-in opens an hour before the visit (the desk signs in again, its session long idle).
    clinic.clock.advanceMinutes(100);
    const deskAgain = ok(await signIn(clinic, desk.email, PASSWORD));
    const { result, row } = await cancelledWhileWaiting(clinic, doctor.doctorId, booked.id, () =>
      clinic.call('appointments.setStatus', { appointmentId: booked.id, status: 'checked_in' }, deskAgain.token),
    );
    expect(refused(result)).toMatchObject({ code: 'CONFLICT', message: 'An appointment that is cancelled cannot be marked checked in.' });
    expect(row).toMatchObject({ status: 'cancelled', queue_number: null });
  });
});
