import { describe, expect, it } from 'vitest';
import { newClinic, ok, signupPatient, type Account } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { ist, practisingDoctor } from '../helpers/scheduling';
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
