import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { latestTo } from '../../electron/core/outbox/outbox.repo';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import { AFTER_VISITS, billingClinic, issueBill, line, visitStart } from '../helpers/billing';
import { confirmedSignup, newClinic, ok, PASSWORD, refused, signIn, signupPatient, type Clinic } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { auditRows, expectNoWrites } from '../helpers/db';
import { recordsClinic } from '../helpers/records';
import { bookingClinic, ist } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune.
const TUESDAY = '2026-03-03';

async function withChild(clinic: Clinic) {
  const setup = await bookingClinic(clinic);
  const child = ok(
    await clinic.call('family.add', { fullName: 'Aarav  Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male', allergies: 'Peanuts' }, setup.asha.token),
  );
  return { ...setup, child };
}

describe('family members', () => {
  it('a holder adds a child, books for them, and sees the child’s appointment among their own; mail goes to the holder', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk, child } = await withChild(clinic);
    expect(child).toMatchObject({ fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', allergies: 'Peanuts', hasAccount: false });
    expect(child.holder).toEqual({ id: asha.patientId, fullName: 'Asha Kulkarni', phone: '9876543210', email: asha.email });
    expect(ok(await clinic.call('family.list', {}, asha.token)).map((p) => p.fullName)).toEqual(['Aarav Kulkarni']);
    expect(await auditRows(clinic.app, 'patient.family_added')).toMatchObject([{ patient_id: child.id, detail: JSON.stringify({ holderPatientId: asha.patientId }) }]);

    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: child.id }, asha.token));
    expect(booked).toMatchObject({ patientId: child.id, patientName: 'Aarav Kulkarni', contactName: 'Asha Kulkarni' });
    // The confirmation is the holder's to read: greeted by name, the child named as the patient, the invitation in her calendar.
    const mail = (await latestTo(clinic.app.deps.db, 'booking_confirmation', asha.email))!;
    expect(mail.appointment_id).toBe(booked.id);
    expect(renderRow(mail).text).toContain('Dear Asha Kulkarni,');
    expect(renderRow(mail).text).toContain('Patient: Aarav Kulkarni');
    expect(mail.ics).toContain(`mailto:${asha.email}`);
    expect(mail.ics).toContain('(Aarav Kulkarni)');

    const own = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:45'), mode: 'in_person' }, asha.token));
    expect(own.patientId).toBe(asha.patientId);
    expect(ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming.map((a) => a.patientName)).toEqual(['Aarav Kulkarni', 'Asha Kulkarni']);

    // The doctor and the desk see the child as the patient and the holder as the contact.
    const diary = ok(await clinic.call('appointments.schedule', { fromDate: TUESDAY, toDate: TUESDAY }, doctor.token)).appointments;
    expect(diary.map((a) => [a.patientName, a.contactName])).toEqual([['Aarav Kulkarni', 'Asha Kulkarni'], ['Asha Kulkarni', null]]);
    const board = ok(await clinic.call('desk.board', { date: TUESDAY }, desk.token));
    expect(board.doctors[0]!.appointments.map((a) => [a.patientName, a.contactName, a.phone])).toEqual([
      ['Aarav Kulkarni', 'Asha Kulkarni', '9876543210'], ['Asha Kulkarni', null, '9876543210'],
    ]);

    // The holder changes and cancels the child's appointment as their own.
    const moved = ok(await clinic.call('appointments.reschedule', { appointmentId: booked.id, start: ist(TUESDAY, '10:30') }, asha.token));
    expect(moved.start).toBe(ist(TUESDAY, '10:30'));
    ok(await clinic.call('appointments.cancel', { appointmentId: booked.id, reason: 'Fever has gone' }, asha.token));
    expect(ok(await clinic.call('patients.get', { patientId: child.id }, asha.token)).fullName).toBe('Aarav Kulkarni');
  });

  it("a child's bill is the holder's: among their bills, its receipt theirs to open, its email theirs; not another account's", async () => {
    const clinic = await newClinic();
    const people = await billingClinic(clinic, 0);
    const child = ok(await clinic.call('family.add', { fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male' }, people.asha.token));
    const visit = ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: visitStart(0), mode: 'in_person', patientId: child.id }, people.desk.token));
    clinic.clock.advanceMinutes((Date.parse(AFTER_VISITS) - clinic.clock.now().getTime()) / 60_000);
    const again = async (email: string, password: string, portal: 'clinic' | 'patient') => ok(await signIn(clinic, email, password, portal)).token;
    ok(await clinic.call('appointments.setStatus', { appointmentId: visit.id, status: 'completed' }, await again(people.doctor.email, PASSWORD, 'clinic')));
    const bill = await issueBill(clinic, await again(people.desk.email, PASSWORD, 'clinic'), visit.id, [line('Consultation (in person)', 50_000)]);

    const asha = await again(people.asha.email, people.asha.password, 'patient');
    expect(ok(await clinic.call('bills.mine', {}, asha)).map((b) => [b.number, b.patientName])).toEqual([[bill.number, 'Aarav Kulkarni']]);
    expect(ok(await clinic.call('bills.document', { billId: bill.id, which: 'receipt' }, asha)).mime).toBe('application/pdf');
    const mail = (await latestTo(clinic.app.deps.db, 'bill_issued', people.asha.email))!;
    expect(mail.attachments).toContain('application/pdf');

    const vikram = await again(people.vikram.email, people.vikram.password, 'patient');
    expect(ok(await clinic.call('bills.mine', {}, vikram))).toEqual([]);
    expect(refused(await clinic.call('bills.document', { billId: bill.id, which: 'receipt' }, vikram)).code).toBe('NOT_FOUND');
  });

  it('another account cannot see, book for, change or invite the child', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, child } = await withChild(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: child.id }, asha.token));
    const attempts: (() => Promise<Result<unknown>>)[] = [
      () => clinic.call('patients.get', { patientId: child.id }, vikram.token),
      () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'in_person', patientId: child.id }, vikram.token),
      () => clinic.call('appointments.cancel', { appointmentId: booked.id, reason: 'Not mine to cancel' }, vikram.token),
      () => clinic.call('appointments.history', { appointmentId: booked.id }, vikram.token),
      () => clinic.call('family.update', { patientId: child.id, fullName: 'Someone Else', relation: 'child', ageYears: 7, sex: 'male' }, vikram.token),
      () => clinic.call('family.invite', { patientId: child.id, email: 'stranger@example.in' }, vikram.token),
      () => clinic.call('waitlist.join', { doctorId: doctor.doctorId, patientId: child.id, fromDate: TUESDAY, toDate: TUESDAY, dayParts: ['morning'] }, vikram.token),
    ];
    for (const attempt of attempts) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused(await expectNoWrites(clinic.app, attempt)).code);
    expect(ok(await clinic.call('appointments.mine', {}, vikram.token)).upcoming).toEqual([]);
    expect(ok(await clinic.call('family.list', {}, vikram.token))).toEqual([]);
  });

  it('a holder reads (never writes) their child’s consultation notes and prescription, audited; another account cannot', async () => {
    const clinic = await newClinic();
    const doctor = await (await recordsClinic(clinic)).doctor();
    const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
    const vikram = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));
    const child = ok(await clinic.call('family.add', { fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male' }, asha.token));
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '10:30'), mode: 'in_person', patientId: child.id }, asha.token));
    clinic.clock.advanceMinutes(35);
    const items = [{ medicine: 'Paracetamol syrup', strength: '120 mg/5 ml', dose: '5 ml', frequency: 'Every 6 hours if fever', duration: '3 days' }];
    ok(await clinic.call('consultations.save', { appointmentId: booked.id, notes: 'Viral fever. Fluids and rest.', items }, doctor.token));

    const mine = ok(await clinic.call('consultations.mine', {}, asha.token));
    expect(mine.map((c) => [c.patientName, c.notes, c.items.map((i) => i.medicine), c.canEdit])).toEqual([['Aarav Kulkarni', 'Viral fever. Fluids and rest.', ['Paracetamol syrup'], false]]);
    expect(ok(await clinic.call('consultations.get', { appointmentId: booked.id }, asha.token))).toMatchObject({ patientId: child.id, canEdit: false });
    const printed = ok(await clinic.call('prescriptions.pdf', { appointmentId: booked.id }, asha.token));
    expect(printed.fileName).toBe(`prescription-${booked.number}.pdf`);
    // Read only: the holder cannot write the notes.
    const write = await expectNoWrites(clinic.app, () => clinic.call('consultations.save', { appointmentId: booked.id, notes: 'All well', items: [] }, asha.token));
    expect(refused(write).code).toBe('FORBIDDEN');
    // Each reading of the child's notes by someone else (the holder) is in the audit log, against the child.
    expect((await auditRows(clinic.app, 'consultation.family_viewed')).map((r) => [r.actor_user_id, r.patient_id])).toEqual([
      [asha.login.user.id, child.id], [asha.login.user.id, child.id],
    ]);
    expect((await auditRows(clinic.app, 'prescription.printed')).map((r) => [r.actor_user_id, r.patient_id])).toEqual([[asha.login.user.id, child.id]]);

    // Another account sees nothing of the child's notes, however it asks.
    expect(ok(await clinic.call('consultations.mine', {}, vikram.token))).toEqual([]);
    for (const channel of ['consultations.get', 'prescriptions.pdf'] as const) {
      const r = await expectNoWrites(clinic.app, () => clinic.call(channel, { appointmentId: booked.id }, vikram.token));
      expect(refused(r).code).toBe('NOT_FOUND');
    }
  });

  it('the front desk adds a family member to a patient’s account; a family member cannot hold one; search names the holder', async () => {
    const clinic = await newClinic();
    const { asha, desk, child } = await withChild(clinic);
    const mother = ok(await clinic.call('family.add', { fullName: 'Sushila Kulkarni', relation: 'parent', ageYears: 78, sex: 'female', holderPatientId: asha.patientId }, desk.token));
    expect(mother).toMatchObject({ dateOfBirth: '1948-03-02', dateOfBirthEstimated: true, holder: { id: asha.patientId } });
    const nested = await expectNoWrites(clinic.app, () =>
      clinic.call('family.add', { fullName: 'Baby Kulkarni', relation: 'child', ageYears: 0, sex: 'female', holderPatientId: child.id }, desk.token),
    );
    expect(refused(nested)).toMatchObject({ code: 'CONFLICT', fields: { holderPatientId: 'holder_is_dependant' } });
    const noBirth = await expectNoWrites(clinic.app, () => clinic.call('family.add', { fullName: 'Baby Kulkarni', relation: 'child', sex: 'female' }, asha.token));
    expect(refused(noBirth).fields).toEqual({ dateOfBirth: 'dob_or_age_required' });
    const found = ok(await clinic.call('patients.search', { query: 'Kulkarni' }, desk.token));
    expect(found.map((p) => [p.fullName, p.holderName])).toEqual([['Aarav Kulkarni', 'Asha Kulkarni'], ['Asha Kulkarni', null], ['Sushila Kulkarni', 'Asha Kulkarni']]);
    expect(ok(await clinic.call('family.list', {}, asha.token)).map((p) => p.relation)).toEqual(['child', 'parent']);
  });

  it('a grown-up family member signs up with the invitation and takes over their record, appointments and all (audited)', async () => {
    const clinic = await newClinic();
    const { doctor, asha, child } = await withChild(clinic);
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person', patientId: child.id }, asha.token));
    const invited = ok(await clinic.call('family.invite', { patientId: child.id, email: 'Aarav@Example.in' }, asha.token));
    expect(invited.email).toBe('aarav@example.in');
    const mail = (await latestTo(clinic.app.deps.db, 'record_invitation', 'aarav@example.in'))!;
    const { text } = renderRow(mail);
    expect(text).toContain('Asha Kulkarni has kept the appointments and health record of Aarav Kulkarni');
    const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(text)![1]!;

    const profile = { fullName: 'Aarav Kulkarni', email: 'aarav@example.in', phone: '9822099999', dateOfBirth: '2019-06-02', sex: 'male' as const };
    const elsewhere = await expectNoWrites(clinic.app, () => clinic.call('patients.signup', { ...patientSignupInput({ ...profile, email: 'other@example.in' }), invitationCode: code }));
    expect(refused(elsewhere).fields).toEqual({ invitationCode: 'code_other_email' });
    const login = await confirmedSignup(clinic, 'aarav@example.in', 'patient', () => clinic.call('patients.signup', { ...patientSignupInput(profile), invitationCode: code }));

    const me = ok(await clinic.call('patients.me', {}, login.token));
    expect(me).toMatchObject({ id: child.id, fullName: 'Aarav Kulkarni', email: 'aarav@example.in', phone: '9822099999', hasAccount: true, allergies: undefined });
    expect(me.holder).toBeUndefined();
    expect(ok(await clinic.call('appointments.mine', {}, login.token)).upcoming.map((a) => [a.id, a.contactName])).toEqual([[booked.id, null]]);
    expect(ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming).toEqual([]);
    expect(ok(await clinic.call('family.list', {}, asha.token))).toEqual([]);
    expect(refused(await clinic.call('patients.get', { patientId: child.id }, asha.token)).code).toBe('FORBIDDEN');
    expect(await auditRows(clinic.app, 'patient.record_taken_over')).toMatchObject([{ patient_id: child.id, detail: JSON.stringify({ holderPatientId: asha.patientId }) }]);

    // The code works once.
    const again = await expectNoWrites(clinic.app, () => clinic.call('patients.signup', { ...patientSignupInput({ ...profile, email: 'aarav@example.in' }), invitationCode: code }));
    expect(refused(again).fields).toEqual({ invitationCode: 'code_used' });
  });

  it('a family member cannot be invited with an address that already has an account', async () => {
    const clinic = await newClinic();
    const { asha, child } = await withChild(clinic);
    const taken = await signupPatient(clinic, patientSignupInput({ fullName: 'Neha Rao', phone: '9822012121' }));
    const r = await expectNoWrites(clinic.app, () => clinic.call('family.invite', { patientId: child.id, email: taken.email }, asha.token));
    expect(refused(r)).toMatchObject({ code: 'CONFLICT', fields: { email: 'email_taken' } });
  });
});
