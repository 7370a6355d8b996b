import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import { newClinic, ok, refused, signupPatient, type Account } from '../helpers/clinic';
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

// On SQLite a change reads the appointment already holding the only write lock; on PostgreSQL a move reads it
// first and takes the diaries' locks with its check.
describe.skipIf(!inject('postgresUrl'))('a move racing another seat', () => {
  it('is refused, and moves and mails nothing, when another seat cancelled the appointment while the move waited', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', '09:15'), mode: 'in_person' }, asha.token));
    const other = new pg.Client({ connectionString: clinic.databaseUrl });
    await other.connect();
    try {
      // Another seat holds the doctor's diary, as its cancellation of this very appointment does until it commits.
      const diary = `hashtext('doctor:${doctor.doctorId}')`;
      await other.query(`select pg_advisory_lock(${diary})`);
      const move = clinic.call('appointments.reschedule', { appointmentId: booked.id, start: ist('2026-03-03', '10:15') }, asha.token);
      await vi.waitFor(async () => {
        const waiting = await other.query("select 1 from pg_locks where locktype = 'advisory' and not granted");
        expect(waiting.rowCount).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 20 });
      await other.query("update appointments set status = 'cancelled', cancel_reason = 'Called the clinic' where id = $1", [booked.id]);
      await other.query(`select pg_advisory_unlock(${diary})`);

      expect(refused(await move)).toMatchObject({ code: 'CONFLICT', message: 'This appointment was changed meanwhile and can no longer be moved. Please look at it again.' });
      const row = (await other.query('select start_at, status from appointments where id = $1', [booked.id])).rows[0];
      expect(row).toEqual({ start_at: ist('2026-03-03', '09:15'), status: 'cancelled' });
      expect((await other.query("select 1 from outbox where kind = 'appointment_rescheduled'")).rowCount).toBe(0);
    } finally {
      await other.end();
    }
  });
});
