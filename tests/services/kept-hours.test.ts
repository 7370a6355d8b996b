import { describe, expect, it } from 'vitest';
import { enrolledSeat, newClinic, ok, refused, signIn, type Clinic } from '../helpers/clinic';
import { bookingClinic, ist } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune. A doctor's rules and open slots are kept between
// calls (scheduling/kept-hours.ts); the lists and the booking's check must still follow every change, on this seat
// and on another.
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';
/** Monday 4 May: one clinic day past the 60-day horizon until the clock reaches Thursday 5 March. */
const MAY_MONDAY = '2026-05-04';

const times = async (clinic: Clinic, doctorId: number, date: string, token: string) =>
  ok(await clinic.call('doctors.slots', { doctorId, fromDate: date, toDate: date }, token)).map((s) => s.time);

const tuesdayHours = (end: string) => ({
  settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 60 },
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: weekday === 2 ? end : '13:00', modes: ['in_person' as const, 'online' as const] }] })),
});

describe('kept hours', () => {
  it('follow the hours, holidays, bookings and the clock after a first listing', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const id = doctor.doctorId;
    expect(await times(clinic, id, TUESDAY, asha.token)).toHaveLength(16);

    ok(await clinic.call('availability.save', tuesdayHours('10:00'), doctor.token));
    expect(await times(clinic, id, TUESDAY, asha.token)).toEqual(['09:00', '09:15', '09:30', '09:45']);
    const late = await clinic.call('appointments.book', { doctorId: id, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token);
    expect(refused(late).fields).toEqual({ start: 'slot_outside_hours' });
    ok(await clinic.call('holidays.set', { date: TUESDAY, name: 'Holi' }, clinic.adminToken));
    expect(await times(clinic, id, TUESDAY, asha.token)).toEqual([]);
    ok(await clinic.call('holidays.remove', { date: TUESDAY }, clinic.adminToken));
    ok(await clinic.call('appointments.book', { doctorId: id, start: ist(TUESDAY, '09:15'), mode: 'online' }, asha.token));
    expect(await times(clinic, id, TUESDAY, asha.token)).toEqual(['09:00', '09:30', '09:45']);

    // Two hours' notice: at 10:00 the first bookable start is 12:00, at 10:14 it is 12:15.
    expect(await times(clinic, id, MONDAY, asha.token)).toEqual(['12:00', '12:15', '12:30', '12:45']);
    clinic.clock.advanceMinutes(14);
    expect(await times(clinic, id, MONDAY, asha.token)).toEqual(['12:15', '12:30', '12:45']);

    // The horizon moves with the clinic's day.
    expect(await times(clinic, id, MAY_MONDAY, asha.token)).toEqual([]);
    clinic.clock.advanceMinutes(3 * 24 * 60);
    const again = ok(await signIn(clinic, asha.email, asha.password, 'patient')).token;
    expect(await times(clinic, id, MAY_MONDAY, again)).toHaveLength(16);
  });

  it('follow hours changed on another seat of a multi-seat clinic', async (context) => {
    const clinic = await newClinic();
    if (!clinic.databaseUrl) return context.skip();
    const { doctor, asha } = await bookingClinic(clinic);
    expect(await times(clinic, doctor.doctorId, TUESDAY, asha.token)).toHaveLength(16);
    const other = await enrolledSeat(clinic);
    const doctorThere = await other.dispatch('auth.login', { email: doctor.email, password: doctor.password, portal: 'clinic' });
    if (!doctorThere.ok) throw new Error(doctorThere.error.message);
    const saved = await other.dispatch('availability.save', tuesdayHours('09:30'), (doctorThere.data as { token: string }).token);
    expect(saved.ok).toBe(true);
    expect(await times(clinic, doctor.doctorId, TUESDAY, asha.token)).toEqual(['09:00', '09:15']);
    const late = await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online' }, asha.token);
    expect(refused(late).fields).toEqual({ start: 'slot_outside_hours' });
  });
});
