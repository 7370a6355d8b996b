import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { newClinic, ok, PASSWORD, refused, signIn, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune (04:30 UTC); doctors need two hours' notice.
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';

async function withWalkIn(clinic: Clinic) {
  const setup = await bookingClinic(clinic);
  const walkIn = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Ramesh Patil', phone: '98220 44444' }, setup.desk.token));
  return { ...setup, walkIn };
}

describe('walk-in patients', () => {
  it('registers a walk-in from a name and a phone number, in the clinic’s state; a bad phone number writes nothing', async () => {
    const clinic = await newClinic();
    const { desk } = await bookingClinic(clinic);
    const bad = await expectNoWrites(clinic.app, () => clinic.call('patients.registerWalkIn', { fullName: 'Ramesh Patil', phone: '12345' }, desk.token));
    expect(refused(bad)).toMatchObject({ code: 'VALIDATION', fields: { phone: 'phone_invalid' } });

    const walkIn = ok(await clinic.call('patients.registerWalkIn', { fullName: '  Ramesh   Patil ', phone: '98220 44444' }, desk.token));
    expect(walkIn).toEqual({
      id: walkIn.id, hasAccount: false, fullName: 'Ramesh Patil', phone: '9822044444', address: { state: 'Maharashtra' }, preferredLanguage: 'en',
    });
    expect(await auditRows(clinic.app, 'patient.registered')).toMatchObject([{ actor_user_id: desk.id, patient_id: walkIn.id }]);
    const found = ok(await clinic.call('patients.search', { query: '9822044444' }, desk.token));
    expect(found).toEqual([{ id: walkIn.id, fullName: 'Ramesh Patil', phone: '9822044444', email: null, dateOfBirth: null, hasAccount: false, holderName: null }]);
    expect(ok(await clinic.call('patients.get', { patientId: walkIn.id }, desk.token))).toEqual(walkIn);

    const withEmail = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Sunil Patil', phone: '9822044444', email: 'Sunil@Example.in', state: 'Goa' }, desk.token));
    expect(withEmail).toMatchObject({ email: 'sunil@example.in', address: { state: 'Goa' } });
  });

  it('takes an age in years when the date of birth is not known (kept as an estimated birth date, so the age keeps rising), and sex; never both', async () => {
    const clinic = await newClinic();
    const { desk } = await bookingClinic(clinic);
    // The test clock stands on 2 March 2026: 62 years old today means born on 2 March 1964, as near as anyone knows.
    const elder = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Kamala Devi', phone: '9822077777', ageYears: 62, sex: 'female' }, desk.token));
    expect(elder).toMatchObject({ dateOfBirth: '1964-03-02', dateOfBirthEstimated: true, sex: 'female' });
    const born = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Ravi Devi', phone: '9822077777', dateOfBirth: '1990-04-01' }, desk.token));
    expect(born).toMatchObject({ dateOfBirth: '1990-04-01' });
    expect(born.dateOfBirthEstimated).toBeUndefined();
    const both = await expectNoWrites(clinic.app, () =>
      clinic.call('patients.registerWalkIn', { fullName: 'Mohan Devi', phone: '9822077777', dateOfBirth: '1990-04-01', ageYears: 35 }, desk.token),
    );
    expect(refused(both).fields).toEqual({ ageYears: 'birth_both' });
    const old = await expectNoWrites(clinic.app, () => clinic.call('patients.registerWalkIn', { fullName: 'Mohan Devi', phone: '9822077777', ageYears: 130 }, desk.token));
    expect(refused(old).fields).toEqual({ ageYears: 'age_invalid' });
  });

  it('sends the desk to the existing record for the same name and phone, or the same email; a shared phone alone is fine', async () => {
    const clinic = await newClinic();
    const { desk, asha, walkIn } = await withWalkIn(clinic);
    const twin = await expectNoWrites(clinic.app, () => clinic.call('patients.registerWalkIn', { fullName: 'RAMESH PATIL', phone: '+91 98220 44444' }, desk.token));
    expect(refused(twin)).toMatchObject({ code: 'CONFLICT', fields: { phone: 'patient_exists' } });
    expect(refused(twin).message).toContain(`patient number ${walkIn.id}`);
    const sameEmail = await clinic.call('patients.registerWalkIn', { fullName: 'Asha K', phone: '9822066666', email: asha.email }, desk.token);
    expect(refused(sameEmail)).toMatchObject({ code: 'CONFLICT', fields: { email: 'patient_email_exists' } });
    // A child brought in on a parent's phone is a different person.
    ok(await clinic.call('patients.registerWalkIn', { fullName: 'Anika Patil', phone: '9822044444' }, desk.token));
  });
});

describe('the day board', () => {
  it('shows a walk-in booked by the desk in the doctor’s column, in start order; checking in moves them to waiting', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk, walkIn } = await withWalkIn(clinic);
    const other = await practisingDoctor(clinic, 'Dr Anjali Rao');
    await signupDoctor(clinic); // pending: no column
    const late = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(MONDAY, '12:45'), mode: 'in_person', patientId: walkIn.id, reason: 'Fever' }, desk.token));
    const early = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(MONDAY, '12:15'), mode: 'online' }, asha.token));
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online' }, asha.token));

    const board = ok(await clinic.call('desk.board', { date: MONDAY }, desk.token));
    expect(board).toMatchObject({ date: MONDAY, today: MONDAY, waiting: [] });
    expect(board.doctors.map((d) => [d.id, d.fullName, d.practising])).toEqual([
      [other.doctorId, 'Dr Anjali Rao', true],
      [doctor.doctorId, 'Dr Rohan Mehta', true],
    ]);
    const column = board.doctors.find((d) => d.id === doctor.doctorId)!;
    expect(column.appointments.map((a) => [a.id, a.patientName, a.mode, a.status])).toEqual([
      [early.id, 'Asha Kulkarni', 'online', 'booked'],
      [late.id, 'Ramesh Patil', 'in_person', 'booked'],
    ]);
    expect(column.appointments[1]).toMatchObject({
      start: ist(MONDAY, '12:45'), end: ist(MONDAY, '13:00'), reason: 'Fever', patientId: walkIn.id, patientHasAccount: false,
      // Check-in opens an hour before the start (11:45).
      checkedInAt: null, queueNumber: null, canCheckIn: false, canCancel: true, canReschedule: true,
    });
    // Every patient on the board is an access to their data: one row for the look, naming them all, found by either.
    expect((await auditRows(clinic.app, 'appointment.board_viewed')).map((r) => [r.actor_user_id, r.patient_id, JSON.parse(r.detail)])).toEqual([
      [desk.id, null, { date: MONDAY, patientIds: [asha.patientId, walkIn.id].sort((a, b) => a - b) }],
    ]);
    for (const patientId of [asha.patientId, walkIn.id]) {
      const found = ok(await clinic.call('admin.auditLog', { action: 'appointment.board_viewed', patientId }, clinic.adminToken));
      expect(found.entries.map((e) => e.actorId)).toEqual([desk.id]);
      // The log reads as names, not numbers.
      expect(found.refs).toMatchObject({ [`patient:${asha.patientId}`]: 'Asha Kulkarni', [`patient:${walkIn.id}`]: 'Ramesh Patil' });
    }
    // Another day's appointments cannot be checked in from the board.
    const tuesday = ok(await clinic.call('desk.board', { date: TUESDAY }, desk.token));
    expect(tuesday.doctors.find((d) => d.id === doctor.doctorId)!.appointments).toMatchObject([{ patientName: 'Asha Kulkarni', canCheckIn: false }]);

    clinic.clock.advanceMinutes(150); // 12:30: the walk-in arrives (and everyone has signed in again since)
    const deskToken = ok(await signIn(clinic, desk.email, PASSWORD)).token;
    const doctorToken = ok(await signIn(clinic, doctor.email, PASSWORD)).token;
    ok(await clinic.call('appointments.setStatus', { appointmentId: late.id, status: 'checked_in' }, deskToken));
    const after = ok(await clinic.call('desk.board', { date: MONDAY }, deskToken));
    expect(after.waiting).toEqual([
      { appointmentId: late.id, patientId: walkIn.id, patientName: 'Ramesh Patil', doctorId: doctor.doctorId, doctorName: 'Dr Rohan Mehta', start: ist(MONDAY, '12:45'), checkedInAt: ist(MONDAY, '12:30'), queueNumber: 1 },
    ]);
    expect(after.doctors.find((d) => d.id === doctor.doctorId)!.appointments[1]).toMatchObject({ status: 'checked_in', canCheckIn: false, canCancel: false });
    clinic.clock.advanceMinutes(15); // 12:45: the visit starts
    ok(await clinic.call('appointments.setStatus', { appointmentId: late.id, status: 'completed' }, doctorToken));
    expect(ok(await clinic.call('desk.board', { date: MONDAY }, deskToken)).waiting).toEqual([]);
  });

  it('keeps a column for a suspended doctor who still has appointments that day', async () => {
    const clinic = await newClinic();
    const { doctor, desk, walkIn } = await withWalkIn(clinic);
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person', patientId: walkIn.id }, desk.token));
    await clinic.app.deps.db.updateTable('doctor_info').set({ suspended_at: '2026-03-02T05:00:00.000Z' }).where('id', '=', doctor.doctorId).execute();
    const board = ok(await clinic.call('desk.board', { date: TUESDAY }, desk.token));
    expect(board.doctors).toMatchObject([{ id: doctor.doctorId, practising: false, appointments: [{ patientName: 'Ramesh Patil' }] }]);
    expect(ok(await clinic.call('desk.board', { date: '2026-03-04' }, desk.token)).doctors).toEqual([]);
  });
});

describe('linking a walk-in to the account they later make', () => {
  it('moves the walk-in’s appointments to the new account, records both patients and hides the walk-in record', async () => {
    const clinic = await newClinic();
    const { doctor, desk, walkIn } = await withWalkIn(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: walkIn.id }, desk.token));
    const ramesh = await signupPatient(clinic, patientSignupInput({ fullName: 'Ramesh Patil', phone: '9822044444', email: 'ramesh@example.in' }));
    expect(ok(await clinic.call('appointments.mine', {}, ramesh.token)).upcoming).toEqual([]);

    const unchecked = await expectNoWrites(clinic.app, () =>
      clinic.call('patients.linkAccount', { walkInPatientId: walkIn.id, accountPatientId: ramesh.patientId, identityChecked: false as true }, desk.token));
    expect(refused(unchecked)).toMatchObject({ code: 'VALIDATION', fields: { identityChecked: 'identity_unchecked' } });

    const linked = ok(await clinic.call('patients.linkAccount', { walkInPatientId: walkIn.id, accountPatientId: ramesh.patientId, identityChecked: true }, desk.token));
    expect(linked).toMatchObject({ movedAppointments: 1, patient: { id: ramesh.patientId, hasAccount: true, email: 'ramesh@example.in', dateOfBirth: '1990-05-14' } });
    const mine = ok(await clinic.call('appointments.mine', {}, ramesh.token));
    expect(mine.upcoming).toMatchObject([{ id: booked.id, patientId: ramesh.patientId, doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30') }]);
    // The appointment keeps its history; the board now shows the account's record.
    expect(ok(await clinic.call('appointments.history', { appointmentId: booked.id }, ramesh.token)).map((h) => h.change)).toEqual(['booked']);
    const board = ok(await clinic.call('desk.board', { date: TUESDAY }, desk.token));
    expect(board.doctors[0]!.appointments).toMatchObject([{ patientId: ramesh.patientId, patientHasAccount: true }]);

    const rows = await auditRows(clinic.app, 'patient.account_linked');
    expect(rows.map((r) => [r.actor_user_id, r.patient_id])).toEqual([[desk.id, walkIn.id], [desk.id, ramesh.patientId]]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ walkInPatientId: walkIn.id, accountPatientId: ramesh.patientId, appointments: 1, matched: 'phone' });

    // The walk-in's record is kept for the audit trail but no longer found nor booked, and cannot be linked twice.
    expect(ok(await clinic.call('patients.search', { query: 'Ramesh' }, desk.token)).map((p) => p.id)).toEqual([ramesh.patientId]);
    const bookOld = await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'in_person', patientId: walkIn.id }, desk.token);
    expect(refused(bookOld).code).toBe('NOT_FOUND');
    const again = await clinic.call('patients.linkAccount', { walkInPatientId: walkIn.id, accountPatientId: ramesh.patientId, identityChecked: true }, desk.token);
    expect(refused(again).code).toBe('NOT_FOUND');
  });

  it('links on a shared email address too', async () => {
    const clinic = await newClinic();
    const { desk } = await bookingClinic(clinic);
    const walkIn = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Leela Nair', phone: '9822077777', email: 'leela@example.in' }, desk.token));
    const leela = await signupPatient(clinic, patientSignupInput({ fullName: 'Leela Nair', phone: '9822088888', email: 'leela@example.in' }));
    const linked = ok(await clinic.call('patients.linkAccount', { walkInPatientId: walkIn.id, accountPatientId: leela.patientId, identityChecked: true }, desk.token));
    expect(linked.movedAppointments).toBe(0);
  });

  it('refuses records that are not a walk-in and an account of the same person, and writes nothing', async () => {
    const clinic = await newClinic();
    const { doctor, desk, asha, vikram, walkIn } = await withWalkIn(clinic);
    const link = (walkInPatientId: number, accountPatientId: number) =>
      expectNoWrites(clinic.app, async () => refused(await clinic.call('patients.linkAccount', { walkInPatientId, accountPatientId, identityChecked: true }, desk.token)));
    // Neither the phone nor the email matches.
    expect((await link(walkIn.id, asha.patientId)).code).toBe('CONFLICT');
    // The "walk-in" already has an account.
    expect(await link(asha.patientId, vikram.patientId)).toMatchObject({ code: 'CONFLICT', message: 'This record already belongs to an account: there is nothing to link.' });
    // The "account" is another walk-in.
    const other = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Suresh Patil', phone: '9822044444' }, desk.token));
    expect((await link(walkIn.id, other.id)).code).toBe('CONFLICT');
    expect((await link(walkIn.id, walkIn.id)).code).toBe('VALIDATION');
    expect((await link(424242, asha.patientId)).code).toBe('NOT_FOUND');
    // Both records hold appointments at the same time.
    const ramesh = await signupPatient(clinic, patientSignupInput({ fullName: 'Ramesh Patil', phone: '9822044444' }));
    const second = await practisingDoctor(clinic, 'Dr Anjali Rao');
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: walkIn.id }, desk.token));
    ok(await clinic.call('appointments.book', { doctorId: second.doctorId, start: ist(TUESDAY, '09:30'), mode: 'online' }, ramesh.token));
    expect((await link(walkIn.id, ramesh.patientId)).message).toMatch(/same time/);
  });
});

describe('who may use the front desk’s channels', () => {
  it('a patient is refused every one of them, and nothing changes', async () => {
    const clinic = await newClinic();
    const { asha, vikram, walkIn } = await withWalkIn(clinic);
    const attempts: (() => Promise<Result<unknown>>)[] = [
      () => clinic.call('patients.registerWalkIn', { fullName: 'Someone Else', phone: '9822099999' }, asha.token),
      () => clinic.call('patients.linkAccount', { walkInPatientId: walkIn.id, accountPatientId: asha.patientId, identityChecked: true }, asha.token),
      () => clinic.call('desk.board', { date: MONDAY }, vikram.token),
    ];
    for (const attempt of attempts) expect(refused(await expectNoWrites(clinic.app, attempt)).code).toBe('FORBIDDEN');
  });
});
