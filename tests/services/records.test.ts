import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { newClinic, ok, readyFrontDesk, refused, signupPatient } from '../helpers/clinic';
import { auditRows, countRows, expectNoWrites } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { bytesOf, JPEG_BASE64, PNG_BASE64 } from '../helpers/images';
import { addRecord, pdfWith, recordsClinic, visit } from '../helpers/records';

// A patient's records from upload to trash, the doctor's side of them, notes and prescriptions, and who opened what.

async function clinicWithVisit() {
  const clinic = await newClinic();
  const { doctor: newDoctor } = await recordsClinic(clinic);
  const doctor = await newDoctor();
  const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni', phone: '9822011111', allergies: 'Penicillin' }));
  const vikram = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));
  return { clinic, doctor, asha, vikram };
}

/** The text pdf.js reads from a PDF's pages. */
async function pdfText(base64: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return parts.join('\n');
}

describe('a patient\'s records', () => {
  it('keeps an upload typed by its content, lists it with filters, and serves it back to its patient only', async () => {
    const { clinic, doctor, asha, vikram } = await clinicWithVisit();
    const pdf = await pdfWith('Haemoglobin 13.2 g/dL');
    const cbc = await addRecord(clinic, asha.token, pdf, { name: 'cbc.pdf', shareWith: [doctor.doctorId] });
    expect(cbc).toMatchObject({ title: 'Complete blood count', category: 'lab_report', recordDate: '2026-02-20', mime: 'application/pdf', size: pdf.length, fileName: 'cbc.pdf' });
    expect(cbc.sharedWith).toEqual([{ doctorId: doctor.doctorId, doctorName: 'Dr Rohan Mehta' }]);
    // Named .pdf, but a PNG: typed by its bytes.
    const xray = await addRecord(clinic, asha.token, bytesOf(PNG_BASE64), { name: 'chest.pdf', title: 'Chest X-ray', category: 'imaging', recordDate: '2026-01-05' });
    expect(xray.mime).toBe('image/png');
    const note = await addRecord(clinic, asha.token, Buffer.from('Discharged on 3 Jan. Rest for a week.\n'), { name: 'discharge.txt', title: 'Discharge', category: 'discharge_summary', recordDate: '2026-01-03' });
    expect(note.mime).toBe('text/plain');

    expect(ok(await clinic.call('records.mine', {}, asha.token)).map((r) => r.title)).toEqual(['Complete blood count', 'Chest X-ray', 'Discharge']);
    expect(ok(await clinic.call('records.mine', { category: 'imaging' }, asha.token)).map((r) => r.id)).toEqual([xray.id]);
    expect(ok(await clinic.call('records.mine', { from: '2026-01-04', to: '2026-01-31' }, asha.token)).map((r) => r.id)).toEqual([xray.id]);
    expect(ok(await clinic.call('records.mine', { doctorId: doctor.doctorId }, asha.token)).map((r) => r.id)).toEqual([cbc.id]);

    const back = ok(await clinic.call('records.file', { recordId: cbc.id }, asha.token));
    expect(back).toEqual({ mime: 'application/pdf', base64: pdf.toString('base64'), fileName: 'cbc.pdf' });
    // Another patient: not "not yours" but "no such record", for the file and for every change.
    for (const r of [
      await clinic.call('records.file', { recordId: cbc.id }, vikram.token),
      await clinic.call('records.delete', { recordId: cbc.id }, vikram.token),
      await clinic.call('records.share', { recordId: cbc.id, doctorId: doctor.doctorId }, vikram.token),
    ]) {
      expect(refused(r).code).toBe('NOT_FOUND');
    }
    expect(ok(await clinic.call('records.mine', {}, vikram.token))).toEqual([]);
    expect(await auditRows(clinic.app, 'record.uploaded')).toHaveLength(3);
  });

  it('moves a deleted record to a trash it can be restored from for 30 days, then removes it and its file for good', async () => {
    const { clinic, doctor, asha } = await clinicWithVisit();
    const kept = await addRecord(clinic, asha.token, Buffer.from('Kept note\n'), { name: 'kept.txt' });
    const gone = await addRecord(clinic, asha.token, Buffer.from('Old note\n'), { name: 'old.txt', shareWith: [doctor.doctorId] });
    ok(await clinic.call('records.delete', { recordId: gone.id }, asha.token));
    expect(ok(await clinic.call('records.mine', {}, asha.token)).map((r) => r.id)).toEqual([kept.id]);
    const [trashed] = ok(await clinic.call('records.trash', {}, asha.token));
    expect(trashed).toMatchObject({ id: gone.id, deletedAt: '2026-03-02T04:30:00.000Z', removedAt: '2026-04-01T04:30:00.000Z' });
    // In the trash it is not shown to the doctor it was shared with, nor served.
    expect(refused(await clinic.call('records.file', { recordId: gone.id }, asha.token)).code).toBe('NOT_FOUND');
    expect(refused(await clinic.call('records.patientChart', { patientId: asha.patientId }, doctor.token)).code).toBe('FORBIDDEN');

    const restored = ok(await clinic.call('records.restore', { recordId: gone.id }, asha.token));
    expect(restored.sharedWith.map((s) => s.doctorId)).toEqual([doctor.doctorId]);
    ok(await clinic.call('records.delete', { recordId: gone.id }, asha.token));

    clinic.clock.advanceMinutes(29 * 24 * 60);
    expect(await clinic.app.purgeTrash()).toBe(0);
    clinic.clock.advanceMinutes(24 * 60 + 1);
    const before = await countRows(clinic.app);
    expect(await clinic.app.purgeTrash()).toBe(1);
    expect(await countRows(clinic.app)).toMatchObject({ medical_records: before.medical_records! - 1, record_shares: before.record_shares! - 1 });
    expect(await clinic.app.deps.db.selectFrom('medical_records').select('id').execute()).toEqual([{ id: kept.id }]);
    await expect(clinic.app.deps.files.get(await fileIdOf(clinic, kept.id))).resolves.not.toBeNull();
    expect(await auditRows(clinic.app, 'record.purged')).toHaveLength(1);
  });

  it('shares and unshares with a verified doctor only, each change in the audit log', async () => {
    const { clinic, doctor, asha } = await clinicWithVisit();
    const rec = await addRecord(clinic, asha.token, Buffer.from('note\n'), { name: 'n.txt' });
    const shared = ok(await clinic.call('records.share', { recordId: rec.id, doctorId: doctor.doctorId }, asha.token));
    expect(shared.sharedWith.map((s) => s.doctorName)).toEqual(['Dr Rohan Mehta']);
    const unknown = await expectNoWrites(clinic.app, () => clinic.call('records.share', { recordId: rec.id, doctorId: 999 }, asha.token));
    expect(refused(unknown)).toMatchObject({ code: 'VALIDATION', fields: { doctorId: 'doctor_unknown' } });
    expect(ok(await clinic.call('records.unshare', { recordId: rec.id, doctorId: doctor.doctorId }, asha.token)).sharedWith).toEqual([]);
    expect((await auditRows(clinic.app)).filter((r) => r.action === 'record.shared' || r.action === 'record.unshared').map((r) => r.action)).toEqual(['record.shared', 'record.unshared']);
  });
});

describe('a doctor and their patients\' records', () => {
  it('sees the records of a patient with an appointment, opens one (audited), and the patient sees who opened it', async () => {
    const { clinic, doctor, asha } = await clinicWithVisit();
    const rec = await addRecord(clinic, asha.token, bytesOf(JPEG_BASE64), { name: 'rash.jpg', title: 'Rash photo', category: 'other' });
    expect(refused(await clinic.call('records.patientChart', { patientId: asha.patientId }, doctor.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('records.file', { recordId: rec.id }, doctor.token)).code).toBe('FORBIDDEN');
    await visit(clinic, doctor, asha);

    expect(ok(await clinic.call('records.myPatients', {}, doctor.token))).toEqual([
      { patientId: asha.patientId, fullName: 'Asha Kulkarni', dateOfBirth: '1990-05-14', via: 'appointment', lastVisit: '2026-03-02T05:00:00.000Z', nextVisit: null },
    ]);
    const chart = ok(await clinic.call('records.patientChart', { patientId: asha.patientId }, doctor.token));
    expect(chart).toMatchObject({ via: 'appointment', until: null, patient: { fullName: 'Asha Kulkarni', allergies: 'Penicillin' } });
    expect(chart.records.map((r) => r.id)).toEqual([rec.id]);
    expect(chart.records[0]!.sharedWith).toEqual([]);
    expect(ok(await clinic.call('records.file', { recordId: rec.id }, doctor.token)).base64).toBe(JPEG_BASE64);

    const log = ok(await clinic.call('records.accessLog', {}, asha.token));
    expect(log.map((e) => [e.action, e.actorName, e.actorRole, e.emergency])).toEqual([
      ['record.opened', 'Dr Rohan Mehta', 'doctor', false],
      ['records.viewed', 'Dr Rohan Mehta', 'doctor', false],
    ]);
    // The patient's own looks are not accesses by someone else.
    ok(await clinic.call('records.file', { recordId: rec.id }, asha.token));
    expect(ok(await clinic.call('records.accessLog', {}, asha.token))).toHaveLength(2);
  });

  it('a doctor a record was shared with sees that record only; unshared, nothing', async () => {
    const { clinic, asha } = await clinicWithVisit();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const other = await newDoctor('Dr Anjali Iyer');
    const shared = await addRecord(clinic, asha.token, Buffer.from('shared\n'), { name: 's.txt', shareWith: [other.doctorId] });
    const kept = await addRecord(clinic, asha.token, Buffer.from('private\n'), { name: 'p.txt' });
    const chart = ok(await clinic.call('records.patientChart', { patientId: asha.patientId }, other.token));
    expect(chart).toMatchObject({ via: 'shared', consultations: [] });
    expect(chart.records.map((r) => r.id)).toEqual([shared.id]);
    ok(await clinic.call('records.file', { recordId: shared.id }, other.token));
    expect(refused(await clinic.call('records.file', { recordId: kept.id }, other.token)).code).toBe('NOT_FOUND');
    ok(await clinic.call('records.unshare', { recordId: shared.id, doctorId: other.doctorId }, asha.token));
    expect(refused(await clinic.call('records.file', { recordId: shared.id }, other.token)).code).toBe('FORBIDDEN');
    expect(ok(await clinic.call('records.myPatients', {}, other.token))).toEqual([]);
  });

  it('emergency access needs a typed reason, lasts an hour, is flagged in the audit log and on the administrator\'s screen', async () => {
    const { clinic, asha } = await clinicWithVisit();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const other = await newDoctor('Dr Anjali Iyer');
    const rec = await addRecord(clinic, asha.token, Buffer.from('note\n'), { name: 'n.txt' });
    expect(ok(await clinic.call('records.findPatient', { phone: '98220 11111' }, other.token))).toEqual([
      { patientId: asha.patientId, fullName: 'Asha Kulkarni', dateOfBirth: '1990-05-14' },
    ]);
    const short = await expectNoWrites(clinic.app, () => clinic.call('records.emergencyAccess', { patientId: asha.patientId, reason: 'urgent' }, other.token));
    expect(refused(short)).toMatchObject({ code: 'VALIDATION', fields: { reason: 'emergency_reason_short' } });

    const granted = ok(await clinic.call('records.emergencyAccess', { patientId: asha.patientId, reason: 'Unconscious in casualty; allergies needed' }, other.token));
    expect(granted.until).toBe('2026-03-02T05:30:00.000Z');
    expect(ok(await clinic.call('records.patientChart', { patientId: asha.patientId }, other.token))).toMatchObject({ via: 'emergency', until: granted.until });
    ok(await clinic.call('records.file', { recordId: rec.id }, other.token));
    const flagged = (await auditRows(clinic.app)).filter((r) => r.patient_id === asha.patientId && JSON.parse(r.detail).emergency === true).map((r) => r.action);
    expect(flagged).toEqual(['records.emergency_access', 'records.viewed', 'record.opened']);
    const grants = ok(await clinic.call('admin.emergencyAccesses', {}, clinic.adminToken));
    expect(grants).toEqual([
      expect.objectContaining({ doctorName: 'Dr Anjali Iyer', patientName: 'Asha Kulkarni', reason: 'Unconscious in casualty; allergies needed', active: true }),
    ]);
    expect(ok(await clinic.call('records.accessLog', {}, asha.token)).filter((e) => e.emergency).map((e) => e.action)).toEqual([
      'record.opened', 'records.viewed', 'records.emergency_access',
    ]);

    clinic.clock.advanceMinutes(61);
    expect(refused(await clinic.call('records.patientChart', { patientId: asha.patientId }, other.token)).code).toBe('FORBIDDEN');
    expect(ok(await clinic.call('admin.emergencyAccesses', {}, clinic.adminToken))[0]!.active).toBe(false);
  });
});

describe('notes and prescriptions', () => {
  it('the appointment\'s doctor writes them once it has begun; the patient reads both and prints the prescription', async () => {
    const { clinic, doctor, asha, vikram } = await clinicWithVisit();
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: '2026-03-02T05:00:00.000Z', mode: 'in_person' }, asha.token));
    const items = [
      { medicine: 'Paracetamol', strength: '500 mg', dose: '1 tablet', frequency: 'Every 6 hours if fever', duration: '3 days', instructions: 'After food' },
      { medicine: 'ORS', strength: '21 g sachet', dose: '1 sachet in 1 L water', frequency: 'Through the day', duration: '3 days' },
    ];
    const early = await clinic.call('consultations.save', { appointmentId: booked.id, notes: 'Viral fever.', items }, doctor.token);
    expect(refused(early).code).toBe('CONFLICT');
    // Once the patient has checked in, or the time has come, the doctor writes.
    ok(await clinic.call('appointments.setStatus', { appointmentId: booked.id, status: 'checked_in' }, doctor.token));
    expect(refused(await clinic.call('consultations.save', { appointmentId: booked.id, notes: 'x', items }, asha.token)).code).toBe('FORBIDDEN');

    const saved = ok(await clinic.call('consultations.save', { appointmentId: booked.id, notes: 'Viral fever, day three. Fluids and rest.', items }, doctor.token));
    expect(saved).toMatchObject({ appointmentNumber: booked.number, notes: 'Viral fever, day three. Fluids and rest.', canEdit: true, updatedAt: clinic.clock.now().toISOString() });
    expect(saved.items).toEqual([items[0], { ...items[1], instructions: undefined }]);

    const mine = ok(await clinic.call('consultations.mine', {}, asha.token));
    expect(mine.map((c) => [c.doctorName, c.notes, c.items.length, c.canEdit])).toEqual([['Dr Rohan Mehta', 'Viral fever, day three. Fluids and rest.', 2, false]]);
    expect(refused(await clinic.call('consultations.get', { appointmentId: booked.id }, vikram.token)).code).toBe('NOT_FOUND');
    expect(refused(await clinic.call('prescriptions.pdf', { appointmentId: booked.id }, vikram.token)).code).toBe('NOT_FOUND');

    const printed = ok(await clinic.call('prescriptions.pdf', { appointmentId: booked.id }, asha.token));
    expect(printed).toMatchObject({ mime: 'application/pdf', fileName: `prescription-${booked.number}.pdf` });
    const text = await pdfText(printed.base64);
    for (const words of ['Sunrise Clinic', 'Prescription', 'Dr Rohan Mehta', 'Asha Kulkarni', 'Paracetamol', '500 mg', 'Every 6 hours if fever', 'After food', 'Penicillin', 'Maharashtra Medical Council']) {
      expect(text).toContain(words);
    }
    // The same prescription prints to the same bytes.
    expect(ok(await clinic.call('prescriptions.pdf', { appointmentId: booked.id }, doctor.token)).base64).toBe(printed.base64);
  });
});

describe('the front desk and the administrator', () => {
  it('see no record, file or note', async () => {
    const { clinic, doctor, asha } = await clinicWithVisit();
    const desk = await readyFrontDesk(clinic);
    const rec = await addRecord(clinic, asha.token, Buffer.from('note\n'), { name: 'n.txt' });
    const booked = await visit(clinic, doctor, asha);
    for (const token of [desk.token, clinic.adminToken]) {
      expect(refused(await clinic.call('records.file', { recordId: rec.id }, token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('records.patientChart', { patientId: asha.patientId }, token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('consultations.get', { appointmentId: booked.id }, token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('uploads.begin', { purpose: 'record', name: 'x.pdf', size: 10 }, token)).code).toBe('FORBIDDEN');
    }
  });
});

async function fileIdOf(clinic: { app: { deps: { db: import('kysely').Kysely<import('../../electron/core/db/schema').Database> } } }, recordId: number) {
  return (await clinic.app.deps.db.selectFrom('medical_records').select('file_id').where('id', '=', recordId).executeTakeFirstOrThrow()).file_id;
}
