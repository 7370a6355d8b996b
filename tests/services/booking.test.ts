import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { nextNumber } from '../../electron/core/db/counters.repo';
import { newClinic, ok, PASSWORD, refused, signIn, signupDoctor } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { bookingClinic, ist, WEEKDAY_MORNINGS } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune (04:30 UTC).
const TUESDAY = '2026-03-03';

describe('booking', () => {
  it('a patient books a free slot; it leaves the free slots and shows in both diaries', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const slots = ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, asha.token));
    expect(slots.map((s) => s.time).slice(0, 3)).toEqual(['09:00', '09:15', '09:30']);
    expect(slots).toHaveLength(16);

    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:15'), mode: 'online', reason: 'Cough' }, asha.token));
    expect(booked).toMatchObject({ status: 'booked', mode: 'online', start: ist(TUESDAY, '09:15'), end: ist(TUESDAY, '09:30'), patientName: 'Asha Kulkarni', canCancel: true });

    const after = ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, asha.token));
    expect(after.map((s) => s.time)).not.toContain('09:15');
    expect(ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming.map((a) => a.id)).toEqual([booked.id]);

    const diary = ok(await clinic.call('appointments.schedule', { fromDate: TUESDAY, toDate: TUESDAY }, doctor.token));
    expect(diary.appointments.map((a) => [a.patientName, a.reason])).toEqual([['Asha Kulkarni', 'Cough']]);
    // The doctor's look at the schedule is an access to the patient's data.
    expect((await auditRows(clinic.app, 'appointment.schedule_viewed')).map((r) => r.patient_id)).toEqual([asha.patientId]);
  });

  it('the same slot cannot be booked twice, and a patient cannot be in two places at once', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram } = await bookingClinic(clinic);
    const start = ist(TUESDAY, '10:00');
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode: 'in_person' }, asha.token));
    const taken = await expectNoWrites(clinic.app, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode: 'in_person' }, vikram.token));
    expect(refused(taken)).toMatchObject({ code: 'SLOT_TAKEN', message: 'This time was just taken. Please choose another of the free times.' });

    const other = await signupDoctor(clinic);
    ok(await clinic.call('admin.decideDoctor', { doctorId: other.doctorId, decision: 'approve' }, clinic.adminToken));
    ok(await clinic.call('availability.save', { settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 }, weekly: [{ weekday: 2, ranges: [{ start: '09:30', end: '12:00', modes: ['in_person'] }] }] }, other.token));
    const twice = await clinic.call('appointments.book', { doctorId: other.doctorId, start: ist(TUESDAY, '10:00'), mode: 'in_person' }, asha.token);
    expect(refused(twice)).toMatchObject({ code: 'PATIENT_BUSY', message: 'The patient already has an appointment at this time. Choose another time.' });
  });

  it('refuses times outside the rules, whatever the screen sent, and writes nothing', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const attempt = (start: string, mode: 'online' | 'in_person' = 'online') =>
      expectNoWrites(clinic.app, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode }, asha.token));
    expect(refused(await attempt(ist(TUESDAY, '14:00'))).fields).toEqual({ start: 'slot_outside_hours' });
    expect(refused(await attempt(ist(TUESDAY, '09:07'))).fields).toEqual({ start: 'slot_outside_hours' });
    expect(refused(await attempt(ist('2026-03-02', '09:00'))).fields).toEqual({ start: 'slot_past' });
    expect(refused(await attempt(ist('2026-03-02', '11:45'))).fields).toEqual({ start: 'slot_too_soon' });
    expect(refused(await attempt(ist('2026-05-12', '09:00'))).fields).toEqual({ start: 'slot_beyond_horizon' });
    expect(refused(await attempt(ist('2026-03-07', '09:00'))).fields).toEqual({ start: 'slot_outside_hours' });
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:30'), mode: 'online' }, asha.token));
  });

  it('dates outside 1900–2100 are refused with a clear message on every calendar channel, not an internal error', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const farAway: (() => Promise<Result<unknown>>)[] = [
      () => clinic.call('desk.board', { date: '9999-12-31' }, desk.token),
      () => clinic.call('appointments.schedule', { fromDate: '9999-12-30', toDate: '9999-12-31' }, doctor.token),
      () => clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: '1066-10-14', toDate: '1066-10-14' }, asha.token),
      () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: '9999-12-31T23:59:59Z', mode: 'online' }, asha.token),
      () => clinic.call('appointments.blockTime', { start: '2101-01-01T00:00:00Z', end: '2101-01-01T01:00:00Z' }, doctor.token),
    ];
    for (const call of farAway) {
      const error = refused(await expectNoWrites(clinic.app, call));
      expect(error.code).toBe('VALIDATION');
      expect(Object.values(error.fields ?? {})).toContain('date_out_of_range');
    }
  });

  it('a pending doctor cannot set hours nor be booked', async () => {
    const clinic = await newClinic();
    const { asha } = await bookingClinic(clinic);
    const pending = await signupDoctor(clinic);
    expect(refused(await clinic.call('availability.get', {}, pending.token)).code).toBe('FORBIDDEN');
    const r = await clinic.call('appointments.book', { doctorId: pending.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token);
    expect(refused(r)).toMatchObject({ code: 'NOT_FOUND', message: 'This doctor is not taking appointments.' });
  });
});

describe("an appointment's life", () => {
  it('reschedule moves the same appointment, frees the old time and keeps the history', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token));
    const moved = ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(TUESDAY, '11:00'), mode: 'in_person' }, asha.token));
    expect(moved).toMatchObject({ id: a.id, start: ist(TUESDAY, '11:00'), mode: 'in_person', status: 'booked' });
    const slots = ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, asha.token));
    expect(slots.map((s) => s.time)).toContain('09:00');
    expect(slots.map((s) => s.time)).not.toContain('11:00');
    const history = ok(await clinic.call('appointments.history', { appointmentId: a.id }, asha.token));
    expect(history.map((h) => [h.change, h.actorName])).toEqual([['booked', 'Asha Kulkarni'], ['rescheduled', 'Asha Kulkarni']]);
    expect(JSON.parse(history[1]!.from!)).toEqual({ start: ist(TUESDAY, '09:00'), mode: 'online' });
  });

  it('a patient cannot cancel inside the cutoff; the front desk can, with a reason', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token));
    clinic.clock.advanceMinutes(21 * 60 + 31); // Tuesday 07:31 in Pune: under two hours before.
    const fresh = ok(await clinic.call('auth.login', { email: asha.email, password: asha.password, portal: 'patient' }));
    expect(ok(await clinic.call('appointments.mine', {}, fresh.token)).upcoming[0]).toMatchObject({ canCancel: false });
    const late = await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Cannot come' }, fresh.token);
    expect(refused(late).code).toBe('TOO_LATE');
    const deskLogin = ok(await clinic.call('auth.login', { email: desk.email, password: 'monsoon-chai-2026', portal: 'clinic' }));
    const cancelled = ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Patient phoned: fever' }, deskLogin.token));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Patient phoned: fever' });
    expect(ok(await clinic.call('appointments.mine', {}, fresh.token)).past.map((p) => p.status)).toEqual(['cancelled']);
  });

  it('check-in opens an hour before the visit; completed and no-show need its start; each is audited', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    // Monday: 12:00 and 12:30 in Pune, two and two and a half hours from now.
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:00'), mode: 'in_person', patientId: asha.patientId }, desk.token));
    const b = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:30'), mode: 'in_person' }, vikram.token));
    const mark = (id: number, status: 'checked_in' | 'completed' | 'no_show', token: string) =>
      expectNoWrites(clinic.app, () => clinic.call('appointments.setStatus', { appointmentId: id, status }, token));
    expect(a).toMatchObject({ canCheckIn: false, canComplete: false, canMarkNoShow: false });
    expect(refused(await mark(a.id, 'checked_in', desk.token))).toMatchObject({ code: 'NOT_YET', message: 'Check-in opens 60 minutes before the appointment.' });
    expect(refused(await mark(a.id, 'completed', doctor.token))).toMatchObject({ code: 'NOT_YET', message: 'A visit can be marked completed only once it has started.' });
    expect(refused(await mark(b.id, 'no_show', doctor.token)).code).toBe('NOT_YET');

    const again = async () => {
      const signedIn = await Promise.all([doctor, desk].map(async (p) => ok(await signIn(clinic, p.email, PASSWORD)).token));
      return { doctorToken: signedIn[0]!, deskToken: signedIn[1]! };
    };
    clinic.clock.advanceMinutes(61); // 11:01: check-in is open for the 12:00 visit, not yet for 12:30
    let { doctorToken, deskToken } = await again();
    const schedule = ok(await clinic.call('appointments.schedule', { fromDate: '2026-03-02', toDate: '2026-03-02' }, doctorToken)).appointments;
    expect(schedule.map((x) => [x.canCheckIn, x.canComplete, x.canMarkNoShow])).toEqual([[true, false, false], [false, false, false]]);
    expect(ok(await clinic.call('appointments.setStatus', { appointmentId: a.id, status: 'checked_in' }, deskToken)).status).toBe('checked_in');
    expect(refused(await mark(b.id, 'checked_in', deskToken)).code).toBe('NOT_YET');
    expect(refused(await mark(a.id, 'completed', doctorToken)).code).toBe('NOT_YET');

    clinic.clock.advanceMinutes(60); // 12:01: the first visit has started
    ({ doctorToken, deskToken } = await again());
    expect(ok(await clinic.call('appointments.setStatus', { appointmentId: a.id, status: 'completed' }, doctorToken)).status).toBe('completed');
    expect(refused(await mark(a.id, 'checked_in', deskToken)).code).toBe('CONFLICT');
    const vikramToken = ok(await signIn(clinic, vikram.email, vikram.password, 'patient')).token;
    expect(refused(await mark(b.id, 'checked_in', vikramToken)).code).toBe('FORBIDDEN');

    clinic.clock.advanceMinutes(45); // 12:46: the second visit is over and nobody came
    ({ doctorToken, deskToken } = await again());
    expect(refused(await mark(b.id, 'checked_in', deskToken)).code).toBe('TOO_LATE');
    expect(ok(await clinic.call('appointments.setStatus', { appointmentId: b.id, status: 'no_show' }, doctorToken)).status).toBe('no_show');
    const audited = async (action: AuditAction) => (await auditRows(clinic.app, action)).map((r) => r.patient_id);
    expect([await audited('appointment.checked_in'), await audited('appointment.completed'), await audited('appointment.no_show')])
      .toEqual([[asha.patientId], [asha.patientId], [vikram.patientId]]);
  });

  it('a visit marked completed keeps its time: it is not offered again and cannot be booked twice', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:00'), mode: 'in_person', patientId: asha.patientId }, desk.token));
    clinic.clock.advanceMinutes(125); // 12:05 in Pune: the visit has started and is completed
    const doctorToken = ok(await signIn(clinic, doctor.email, PASSWORD)).token;
    ok(await clinic.call('appointments.setStatus', { appointmentId: a.id, status: 'completed' }, doctorToken));
    // Five-minute slots and no notice: 12:10 would be bookable now if the completed 12:00–12:15 visit did not hold its time.
    ok(await clinic.call('availability.save', { ...WEEKDAY_MORNINGS, settings: { ...WEEKDAY_MORNINGS.settings, slotMinutes: 5, minNoticeMinutes: 0 } }, doctorToken));
    const vikramToken = ok(await signIn(clinic, vikram.email, vikram.password, 'patient')).token;
    const times = ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: '2026-03-02', toDate: '2026-03-02' }, vikramToken)).map((s) => s.time);
    expect(times.slice(0, 2)).toEqual(['12:15', '12:20']);
    const twice = await expectNoWrites(clinic.app, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:10'), mode: 'in_person' }, vikramToken));
    expect(refused(twice).code).toBe('SLOT_TAKEN');
  });

  it("a patient never sees another patient's appointment", async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram } = await bookingClinic(clinic);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token));
    expect(refused(await clinic.call('appointments.history', { appointmentId: a.id }, vikram.token)).code).toBe('NOT_FOUND');
    expect(refused(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Not mine' }, vikram.token)).code).toBe('NOT_FOUND');
    expect(refused(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online', patientId: asha.patientId }, vikram.token)).code).toBe('FORBIDDEN');
  });

  it('blocked time hides slots; time holding appointments cannot be blocked', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '12:00'), mode: 'online' }, asha.token));
    ok(await clinic.call('appointments.blockTime', { start: ist(TUESDAY, '09:00'), end: ist(TUESDAY, '10:00'), reason: 'Ward round' }, doctor.token));
    const slots = ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, asha.token));
    expect(slots[0]!.time).toBe('10:00');
    const clash = await clinic.call('appointments.blockTime', { start: ist(TUESDAY, '11:30'), end: ist(TUESDAY, '12:30') }, doctor.token);
    expect(refused(clash).code).toBe('CONFLICT');
  });

  it('every change to hours, days off, holidays and blocked time is in the audit log, with who made it', async () => {
    const clinic = await newClinic();
    const { doctor } = await bookingClinic(clinic);
    ok(await clinic.call('appointments.blockTime', { start: ist(TUESDAY, '09:00'), end: ist(TUESDAY, '10:00'), reason: 'Ward round' }, doctor.token));
    const blockId = ok(await clinic.call('appointments.schedule', { fromDate: TUESDAY, toDate: TUESDAY }, doctor.token)).blocked[0]!.id;
    ok(await clinic.call('appointments.unblock', { blockId }, doctor.token));
    ok(await clinic.call('availability.setException', { date: '2026-03-04', ranges: [] }, doctor.token));
    ok(await clinic.call('availability.removeException', { date: '2026-03-04' }, doctor.token));
    ok(await clinic.call('holidays.set', { date: '2026-03-10', name: 'Holi' }, clinic.adminToken));
    ok(await clinic.call('holidays.remove', { date: '2026-03-10' }, clinic.adminToken));
    const actions: AuditAction[] = [
      'availability.hours_saved', 'availability.time_blocked', 'availability.time_unblocked', 'availability.exception_set',
      'availability.exception_removed', 'holiday.set', 'holiday.removed',
    ];
    const rows = await Promise.all(actions.map(async (a) => (await auditRows(clinic.app, a)).map((r) => [r.actor_user_id, JSON.parse(r.detail)])));
    expect(rows).toMatchObject([
      [[doctor.login.user.id, { doctorId: doctor.doctorId, slotMinutes: 15 }]],
      [[doctor.login.user.id, { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), reason: 'Ward round' }]],
      [[doctor.login.user.id, { doctorId: doctor.doctorId, blockId }]],
      [[doctor.login.user.id, { date: '2026-03-04', ranges: [] }]],
      [[doctor.login.user.id, { date: '2026-03-04' }]],
      [[expect.any(Number), { date: '2026-03-10', name: 'Holi' }]],
      [[expect.any(Number), { date: '2026-03-10' }]],
    ]);
  });
});

describe('booking numbers', () => {
  const counter = async (clinic: Awaited<ReturnType<typeof newClinic>>) =>
    (await clinic.app.deps.db.selectFrom('counters').select('value').where('name', '=', 'appointment').executeTakeFirstOrThrow()).value;

  it('are consecutive; a refused booking uses none up, and a moved appointment keeps its number', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    const book = (start: string, token: string, patientId?: number) =>
      clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, start), mode: 'in_person', patientId }, token);
    const first = ok(await book('09:00', asha.token));
    // Refused: the slot is taken, the desk named no patient, the doctor does not work then.
    expect(refused(await book('09:00', vikram.token)).code).toBe('SLOT_TAKEN');
    expect(refused(await book('09:15', desk.token)).code).toBe('VALIDATION');
    expect(refused(await book('14:00', vikram.token)).code).toBe('SLOT_UNAVAILABLE');
    const second = ok(await book('09:30', vikram.token));
    const third = ok(await book('10:00', desk.token, vikram.patientId));
    expect([first.number, second.number, third.number]).toEqual([1, 2, 3]);
    expect(await counter(clinic)).toBe(3);

    const moved = ok(await clinic.call('appointments.reschedule', { appointmentId: first.id, start: ist(TUESDAY, '11:00') }, asha.token));
    expect(moved).toMatchObject({ id: first.id, number: 1, start: ist(TUESDAY, '11:00') });
    ok(await clinic.call('appointments.cancel', { appointmentId: second.id, reason: 'Feeling better' }, vikram.token));
    // A cancelled booking keeps its number too: the next one is 4, never 2 again.
    expect(ok(await book('12:00', asha.token)).number).toBe(4);
    const diary = ok(await clinic.call('appointments.schedule', { fromDate: TUESDAY, toDate: TUESDAY }, doctor.token)).appointments;
    expect(diary.map((a) => [a.number, a.status])).toEqual([[2, 'cancelled'], [3, 'booked'], [1, 'booked'], [4, 'booked']]);
  });

  it('a number taken in a transaction that then fails is handed out again', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const failed = clinic.app.deps.db.transaction().execute(async (trx) => {
      expect(await nextNumber(trx, 'appointment')).toBe(1);
      throw new Error('the change failed after taking its number');
    });
    await expect(failed).rejects.toThrow('the change failed');
    expect(await counter(clinic)).toBe(0);
    expect(ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token)).number).toBe(1);
  });
});
