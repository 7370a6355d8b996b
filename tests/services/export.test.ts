import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { patientExport, type PatientExport } from '../../shared/contract';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { newClinic, ok, refused, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { bytesOf, PNG_BASE64 } from '../helpers/images';
import { readPdf } from '../helpers/pdf';
import { addRecord, pdfWith } from '../helpers/records';
import { ist } from '../helpers/scheduling';

// A patient's own data as one ZIP: everything of theirs in it, every file reading back, nobody else's data, and
// only the patient, their account holder or the front desk (audited) may ask for it.

const minutesAgo = (clinic: Clinic, n: number) => new Date(clinic.clock.now().getTime() - n * 60_000).toISOString();

/** Asha with every kind of data, and Vikram (at the same clinic, same doctor) with his own of each kind. */
async function clinicWithData() {
  const clinic = await newClinic();
  const c = await billingClinic(clinic, ['asha', 'asha', 'vikram']);
  const [ashaVisit, ashaSecond, vikramVisit] = c.appointments as [number, number, number];

  const save = (appointmentId: number, notes: string, medicine: string) =>
    clinic.call('consultations.save', { appointmentId, notes, items: [{ medicine, strength: '500 mg', dose: '1 tablet', frequency: 'Twice a day', duration: '5 days' }] }, c.doctor.token);
  ok(await save(ashaVisit, 'Viral fever; rest and fluids.', 'Paracetamol'));
  ok(await save(vikramVisit, 'Sprained ankle of Vikram.', 'Zerodolol'));

  const ashaBill = await issueBill(clinic, c.desk.token, ashaVisit, [line('Consultation', 50_000)]);
  ok(await clinic.call('bills.pay', { billId: ashaBill.id, method: 'upi', amountPaise: 50_000, reference: 'UPI-111' }, c.desk.token));
  const cancelled = await issueBill(clinic, c.desk.token, ashaSecond, [line('Consultation', 30_000)]);
  ok(await clinic.call('bills.creditNote', { billId: cancelled.id, reason: 'Billed twice by mistake', refundPaise: 0 }, c.desk.token));
  const vikramBill = await issueBill(clinic, c.desk.token, vikramVisit, [line('Ankle strapping', 77_700)]);

  const ashaPdf = await pdfWith('Haemoglobin 13.2 g/dL');
  const cbc = await addRecord(clinic, c.asha.token, ashaPdf, { name: 'cbc.pdf' });
  const xray = await addRecord(clinic, c.asha.token, bytesOf(PNG_BASE64), { name: 'चेस्ट एक्स-रे.png', title: 'Chest X-ray', category: 'imaging' });
  ok(await clinic.call('records.delete', { recordId: xray.id }, c.asha.token));
  const vikramPdf = await pdfWith('VIKRAM-ONLY MRI ankle findings');
  const vikramRecord = await addRecord(clinic, c.vikram.token, vikramPdf, { name: 'vikram-mri.pdf', title: 'MRI ankle' });

  ok(await clinic.call('monitoring.enrol', { patientId: c.asha.patientId, heightCm: 160, measures: [{ measure: 'glucose_fasting', everyDays: 1, low: 70, high: 130 }] }, c.doctor.token));
  ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 260, takenAt: minutesAgo(clinic, 5), note: 'After a wedding dinner' }, c.asha.token));
  ok(await clinic.call('monitoring.enrol', { patientId: c.vikram.patientId, measures: [{ measure: 'weight', everyDays: 7 }] }, c.doctor.token));
  ok(await clinic.call('readings.add', { measure: 'weight', value: 93.5, takenAt: minutesAgo(clinic, 5), note: 'Vikram after gym' }, c.vikram.token));
  ok(await clinic.call('monitoring.logVisit', { patientId: c.asha.patientId, visitedOn: '2026-03-02', kind: 'home', notes: 'Insulin technique reviewed.' }, c.doctor.token));
  ok(await clinic.call('monitoring.logVisit', { patientId: c.vikram.patientId, visitedOn: '2026-03-02', kind: 'phone', notes: 'Called Vikram about his knee.' }, c.doctor.token));

  // A booking of Asha's moved and then cancelled: its history.
  const later = ok(await clinic.call('appointments.book', { doctorId: c.doctor.doctorId, start: ist('2026-03-10', '10:00'), mode: 'online' }, c.asha.token));
  ok(await clinic.call('appointments.reschedule', { appointmentId: later.id, start: ist('2026-03-11', '11:00') }, c.asha.token));
  ok(await clinic.call('appointments.cancel', { appointmentId: later.id, reason: 'Feeling better' }, c.asha.token));
  // The desk opens Asha's record: an access she sees in her export.
  ok(await clinic.call('patients.get', { patientId: c.asha.patientId }, c.desk.token));

  return { clinic, ...c, ashaPdf, cbc, xray, vikramPdf, vikramRecord, vikramBill, later };
}

async function exported(clinic: Clinic, token: string, patientId: number) {
  const zip = ok(await clinic.call('export.patient', { patientId }, token));
  const entries = unzipSync(Buffer.from(zip.base64, 'base64'));
  const json = JSON.parse(Buffer.from(entries['medlink-export.json']!).toString('utf8')) as PatientExport;
  return { zip, entries, json };
}

describe("a patient's own data export", () => {
  it('holds everything of the patient in a ZIP whose JSON follows its schema and whose files all read back', async () => {
    const s = await clinicWithData();
    const { zip, entries, json } = await exported(s.clinic, s.asha.token, s.asha.patientId);
    expect(zip.fileName).toBe(`medlink-export-${s.asha.patientId}-2026-03-03.zip`);

    // The JSON is exactly the published shape: parsing it loses nothing (no field the schema does not name).
    expect(patientExport.parse(json)).toEqual(json);
    const schema = JSON.parse(readFileSync('resources/export/patient-export.schema.json', 'utf8')) as { required: string[] };
    expect(Object.keys(json).sort()).toEqual([...schema.required].sort());

    expect(json.patient).toMatchObject({ id: s.asha.patientId, fullName: 'Asha Kulkarni' });
    expect(json.appointments.map((a) => a.status)).toEqual(['completed', 'completed', 'cancelled']);
    expect(json.appointments[2]!.history.map((h) => h.change)).toEqual(['booked', 'rescheduled', 'cancelled']);
    expect(json.consultations).toMatchObject([{ notes: 'Viral fever; rest and fluids.', items: [{ medicine: 'Paracetamol' }], prescriptionFile: expect.any(String) }]);
    expect(json.records.map((r) => [r.title, r.deletedAt !== null])).toEqual([['Complete blood count', false], ['Chest X-ray', true]]);
    expect(json.bills.map((b) => [b.status, b.paidPaise, b.creditNote?.reason ?? null])).toEqual([['issued', 50_000, null], ['cancelled', 0, 'Billed twice by mistake']]);
    expect(json.bills[1]!.creditNoteFile).toMatch(/^receipts\/Credit-note-/);
    expect(json.monitoring.plans).toHaveLength(1);
    expect(json.monitoring.readings).toMatchObject([{ measure: 'glucose_fasting', value: 260, note: 'After a wedding dinner' }]);
    expect(json.monitoring.alerts.length).toBeGreaterThan(0);
    expect(json.monitoring.visits).toMatchObject([{ kind: 'home', visitedOn: '2026-03-02', notes: 'Insulin technique reviewed.' }]);
    expect(json.auditLog.find((e) => e.action === 'patient.viewed')).toMatchObject({ by: s.desk.fullName, description: 'Patient record viewed' });
    expect(json.auditLog[0]).toMatchObject({ action: 'patient.exported', by: 'Asha Kulkarni' });

    // Every file listed is in the ZIP with its size and hash, and nothing else is.
    expect(Object.keys(entries).sort()).toEqual(['medlink-export.json', ...json.files.map((f) => f.path)].sort());
    for (const f of json.files) {
      const bytes = entries[f.path]!;
      expect(bytes.length).toBe(f.size);
      expect(Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex')).toBe(f.sha256);
      if (f.mime === 'application/pdf') expect((await readPdf(bytes)).pages.length).toBeGreaterThan(0);
    }
    const referenced = [
      ...json.records.map((r) => r.file), ...json.consultations.map((c) => c.prescriptionFile),
      ...json.bills.flatMap((b) => [b.receiptFile, b.creditNoteFile]), 'summary.pdf',
    ].filter((path) => path !== null);
    expect(referenced.sort()).toEqual(json.files.map((f) => f.path).sort());
    // The records are the very bytes uploaded, decrypted from the store; the name from the patient's computer kept.
    expect(Buffer.from(entries[json.records[0]!.file!]!).equals(s.ashaPdf)).toBe(true);
    expect(json.records[1]!.file).toBe(`records/${s.xray.id}-चेस्ट एक्स-रे.png`);
    expect(Buffer.from(entries[json.records[1]!.file!]!).equals(bytesOf(PNG_BASE64))).toBe(true);

    const text = async (path: string) => (await readPdf(entries[path]!)).pages.flatMap((p) => p.lines).join('\n');
    expect(await text(json.consultations[0]!.prescriptionFile!)).toContain('Paracetamol');
    expect(await text(json.bills[0]!.receiptFile!)).toContain(json.bills[0]!.number!);
    const summary = await text('summary.pdf');
    for (const words of ['Your MedLink data', 'Asha Kulkarni', 'Appointments', 'Paracetamol', 'Complete blood count', '₹500.00', 'Glucose fasting', 'Insulin technique reviewed', 'Patient record viewed']) {
      expect(summary).toContain(words);
    }
    // The record's Devanagari file name cannot print: marked, and the JSON keeps it as written.
    expect(summary).toContain('cannot print');
  });

  it("holds nothing of another patient's", async () => {
    const s = await clinicWithData();
    const { entries, json } = await exported(s.clinic, s.asha.token, s.asha.patientId);
    const vikram = [
      'Vikram', 'Rao', s.vikram.email, '9822055555', 'Zerodolol', 'VIKRAM-ONLY', 'vikram-mri', 'MRI ankle', 'Ankle strapping', 'after gym', 'his knee', s.vikramBill.number!,
    ];
    const textsOf = async (files: Record<string, Uint8Array>) => {
      const texts: string[] = [];
      for (const [path, bytes] of Object.entries(files)) {
        texts.push(path, Buffer.from(bytes).toString('latin1'), Buffer.from(bytes).toString('utf8'));
        if (path.endsWith('.pdf')) texts.push((await readPdf(bytes)).pages.flatMap((p) => p.lines).join('\n'));
      }
      return texts.join('\n');
    };
    // Each of these is found in Vikram's own export, so the search below would find it in Asha's if it were there.
    const his = await textsOf((await exported(s.clinic, s.vikram.token, s.vikram.patientId)).entries);
    for (const needle of vikram) expect(his).toContain(needle);
    const hers = await textsOf(entries);
    for (const needle of vikram) expect(hers).not.toContain(needle);
    for (const bytes of Object.values(entries)) expect(Buffer.from(bytes).includes(s.vikramPdf)).toBe(false);
    const ids = JSON.stringify(json.appointments.map((a) => a.id)) + JSON.stringify(json.monitoring);
    expect(json.appointments.every((a) => a.id !== s.appointments[2])).toBe(true);
    expect(json.records.every((r) => r.id !== s.vikramRecord.id)).toBe(true);
    expect(json.bills.every((b) => b.id !== s.vikramBill.id)).toBe(true);
    expect(ids).not.toContain(`"patientId":${s.vikram.patientId},`);
  });

  it('answers other calls while the ZIP is being written', async () => {
    const s = await clinicWithData();
    const done: string[] = [];
    const exporting = s.clinic.call('export.patient', { patientId: s.asha.patientId }, s.asha.token).then((r) => done.push(`export ${r.ok}`));
    const other = s.clinic.call('patients.me', {}, s.vikram.token).then((r) => done.push(`other ${r.ok}`));
    await Promise.all([exporting, other]);
    expect(done).toEqual(['other true', 'export true']);
  });

  it('is refused to a doctor and to another patient; the front desk may, in the audit log; an account holder for a dependant', async () => {
    const s = await clinicWithData();
    const app = s.clinic.app;
    expect(refused(await expectNoWrites(app, () => s.clinic.call('export.patient', { patientId: s.asha.patientId }, s.doctor.token))).code).toBe('FORBIDDEN');
    expect(refused(await expectNoWrites(app, () => s.clinic.call('export.patient', { patientId: s.asha.patientId }, s.vikram.token))).code).toBe('FORBIDDEN');
    expect(refused(await expectNoWrites(app, () => s.clinic.call('export.patient', { patientId: 424242 }, s.asha.token))).code).toBe('FORBIDDEN');
    expect(refused(await expectNoWrites(app, () => s.clinic.call('export.patient', { patientId: 424242 }, s.desk.token))).code).toBe('NOT_FOUND');

    const { json } = await exported(s.clinic, s.desk.token, s.asha.patientId);
    expect(json.exportedBy).toBe(s.desk.fullName);
    const [row] = (await auditRows(app, 'patient.exported')).filter((r) => r.actor_user_id === s.desk.id);
    expect(row).toMatchObject({ patient_id: s.asha.patientId });
    // Asha sees it among who looked at her data; her own exports are not listed there.
    const seen = ok(await s.clinic.call('records.accessLog', {}, s.asha.token)).filter((e) => e.action === 'patient.exported');
    expect(seen).toMatchObject([{ actorName: s.desk.fullName, actorRole: 'front_desk' }]);

    const child = ok(await s.clinic.call('family.add', { fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male' }, s.asha.token));
    const mine = await exported(s.clinic, s.asha.token, child.id);
    expect(mine.json.patient).toMatchObject({ fullName: 'Aarav Kulkarni', accountHolder: 'Asha Kulkarni', relation: 'child' });
    expect(mine.json.appointments).toEqual([]);
    expect(refused(await s.clinic.call('export.patient', { patientId: child.id }, s.vikram.token)).code).toBe('FORBIDDEN');
  });
});
