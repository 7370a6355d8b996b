import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused, signupDoctor, signupPatient } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { doctorCredentials, patientProfile, patientSignupInput } from '../helpers/data';
import { bytesOf, JPEG_BASE64 } from '../helpers/images';
import { recordsClinic, upload, visit } from '../helpers/records';
import { ist } from '../helpers/scheduling';

// Profiles: a patient's health details, and a doctor's credentials, whose change sends them back to verification.

describe("a patient's profile", () => {
  it('keeps chronic conditions and current medications, which a treating doctor sees in the chart', async () => {
    const clinic = await newClinic();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const doctor = await newDoctor();
    const input = patientProfile({ fullName: 'Asha Kulkarni' });
    const asha = await signupPatient(clinic, { profile: input, password: 'monsoon-chai-2026' });
    const updated = ok(await clinic.call('patients.updateMe', { ...input, chronicConditions: 'Type 2 diabetes', currentMedications: 'Metformin 500 mg twice a day' }, asha.token));
    expect(updated).toMatchObject({ chronicConditions: 'Type 2 diabetes', currentMedications: 'Metformin 500 mg twice a day' });
    await visit(clinic, doctor, asha);
    expect(ok(await clinic.call('records.patientChart', { patientId: asha.patientId }, doctor.token)).patient).toMatchObject({
      chronicConditions: 'Type 2 diabetes', currentMedications: 'Metformin 500 mg twice a day',
    });
  });
});

describe("a doctor's credentials", () => {
  it('changed after verification send the doctor back to the queue: appointments stay, no new bookings until verified again', async () => {
    const clinic = await newClinic();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const doctor = await newDoctor();
    const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
    const vikram = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '11:00'), mode: 'in_person' }, asha.token));
    const me = ok(await clinic.call('doctors.me', {}, doctor.token));
    const credentials = doctorCredentials({ fullName: me.fullName, registrationNumber: me.registrationNumber, phone: me.phone });

    // Details that were not checked change at once, and the doctor stays verified.
    const details = ok(await clinic.call('doctors.resubmit', { ...credentials, hospital: 'Ruby Hall Clinic, Pune', bio: 'Family physician.' }, doctor.token));
    expect(details).toMatchObject({ status: 'verified', hospital: 'Ruby Hall Clinic, Pune', verifiedBefore: undefined });

    // A new registration number is checked again.
    const changed = ok(await clinic.call('doctors.resubmit', { ...credentials, hospital: 'Ruby Hall Clinic, Pune', registrationNumber: 'MMC-2024-7777' }, doctor.token));
    expect(changed).toMatchObject({ status: 'pending', registrationNumber: 'MMC-2024-7777', verifiedBefore: '2026-03-02T04:30:00.000Z' });
    expect(await auditRows(clinic.app, 'doctor.credentials_changed')).toHaveLength(1);
    expect(ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken)).map((d) => [d.id, d.verifiedBefore])).toEqual([[doctor.doctorId, '2026-03-02T04:30:00.000Z']]);
    expect(ok(await clinic.call('doctors.directory', {}, vikram.token)).map((d) => d.id)).not.toContain(doctor.doctorId);
    const refusedBooking = await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:00'), mode: 'in_person' }, vikram.token);
    expect(refused(refusedBooking).code).toBe('NOT_FOUND');
    // Their diary and their patient stay theirs.
    const diary = ok(await clinic.call('appointments.schedule', { fromDate: '2026-03-02', toDate: '2026-03-02' }, doctor.token));
    expect(diary.appointments.map((a) => [a.id, a.status])).toEqual([[booked.id, 'booked']]);
    clinic.clock.advanceMinutes(65);
    ok(await clinic.call('consultations.save', { appointmentId: booked.id, notes: 'Seen during re-verification.', items: [] }, doctor.token));
    ok(await clinic.call('records.patientChart', { patientId: asha.patientId }, doctor.token));

    ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'approve' }, clinic.adminToken));
    expect(ok(await clinic.call('doctors.me', {}, doctor.token))).toMatchObject({ status: 'verified', verifiedBefore: undefined });
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', '12:00'), mode: 'in_person' }, vikram.token));
  });

  it('credential documents attach to the request; the administrator opens them from the queue (audited); the doctor can remove them', async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    const uploadId = await upload(clinic, doctor.token, bytesOf(JPEG_BASE64), 'registration.jpg', 'credential');
    const added = ok(await clinic.call('doctors.addDocument', { uploadId, kind: 'registration', title: 'Council registration' }, doctor.token));
    expect(added).toMatchObject({ kind: 'registration', title: 'Council registration', mime: 'image/jpeg', fileName: 'registration.jpg' });
    expect(ok(await clinic.call('doctors.me', {}, doctor.token)).documents).toEqual([added]);
    const [pending] = ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken));
    expect(pending!.documents).toEqual([added]);
    expect(ok(await clinic.call('doctors.document', { documentId: added.id }, clinic.adminToken))).toEqual({ mime: 'image/jpeg', base64: JPEG_BASE64, fileName: 'registration.jpg' });
    expect(await auditRows(clinic.app, 'doctor.document_viewed')).toHaveLength(1);
    ok(await clinic.call('doctors.removeDocument', { documentId: added.id }, doctor.token));
    expect(ok(await clinic.call('doctors.me', {}, doctor.token)).documents).toEqual([]);
    expect(refused(await clinic.call('doctors.document', { documentId: added.id }, clinic.adminToken)).code).toBe('NOT_FOUND');
  });
});
