import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError } from '../../electron/core/secrets/database-key';
import { auditRows } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, refused, removeDataDir, signupPatient, tempDir } from '../helpers/clinic';
import { addRecord, pdfWith, recordsClinic, visit } from '../helpers/records';
import { openAgain } from '../helpers/smtp';

// Encryption at rest: what a patient, a doctor and a file put into MedLink is in no file of the data folder as it
// was written; the folder copied alone opens nothing; one changed byte of a stored file is caught.

/** Every file under `dir` (the database, its WAL, the file store, the audit head, anything else), raw. */
function everyFile(dir: string): { path: string; bytes: Buffer }[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[])
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(e.parentPath, e.name), bytes: readFileSync(join(e.parentPath, e.name)) }));
}

/** Where `needle` appears raw (as UTF-8, and as UTF-16 for good measure) in any file under `dir`. */
function found(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return everyFile(dir).filter((f) => forms.some((n) => f.bytes.includes(n))).map((f) => f.path);
}

const CANARIES = {
  file: 'CANARY-7Q1-file-text',
  pdf: 'CANARY-7Q2-pdf-text',
  allergy: 'CANARY-7Q3-allergy',
  condition: 'CANARY-7Q4-chronic-condition',
  medication: 'CANARY-7Q5-current-medication',
  notes: 'CANARY-7Q6-consultation-notes',
  medicine: 'CANARY-7Q7-medicine',
  title: 'CANARY-7Q8-record-title',
};

describe('encryption at rest', () => {
  it('leaves no canary typed or uploaded anywhere in the data folder (database, WAL, file store), before and after checkpoints', async () => {
    const clinic = await newClinic();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const doctor = await newDoctor();
    const patient = await signupPatient(clinic, patientSignupInput({ phone: '9822011111' }));
    const me = ok(await clinic.call('patients.me', {}, patient.token));
    const { id: _id, hasAccount: _h, ...profile } = me;
    ok(await clinic.call('patients.updateMe', {
      ...profile, dateOfBirth: me.dateOfBirth!, sex: me.sex!, email: me.email!,
      address: { line: me.address.line!, city: me.address.city!, state: me.address.state, pinCode: me.address.pinCode! },
      allergies: CANARIES.allergy, chronicConditions: CANARIES.condition, currentMedications: CANARIES.medication,
    }, patient.token));
    await addRecord(clinic, patient.token, Buffer.from(`${CANARIES.file}\n`.repeat(50)), { name: 'notes.txt', title: CANARIES.title });
    await addRecord(clinic, patient.token, await pdfWith(CANARIES.pdf), { name: 'report.pdf' });
    const booked = await visit(clinic, doctor, patient);
    ok(await clinic.call('consultations.save', {
      appointmentId: booked.id, notes: CANARIES.notes,
      items: [{ medicine: CANARIES.medicine, strength: '5 mg', dose: '1 tablet', frequency: 'Once a day', duration: '5 days' }],
    }, doctor.token));
    ok(await clinic.call('prescriptions.pdf', { appointmentId: booked.id }, patient.token));
    await clinic.app.deps.audit.flush();

    const search = () => Object.fromEntries(Object.entries(CANARIES).map(([name, canary]) => [name, found(clinic.dataDir, canary)]));
    const none = Object.fromEntries(Object.keys(CANARIES).map((name) => [name, []]));
    expect(search()).toEqual(none);
    if (clinic.databaseUrl) {
      // On PostgreSQL the files are in the database: sealed there too.
      const rows = await clinic.app.deps.db.selectFrom('files').select('data').execute();
      for (const r of rows) for (const canary of [CANARIES.file, CANARIES.pdf]) expect(Buffer.from(r.data).includes(canary)).toBe(false);
    } else {
      // Every page moved from the WAL into the database file, and the WAL emptied.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(clinic.app.deps.db);
      expect(search()).toEqual(none);
    }
    // Nor is the key in the data folder, in any form.
    const key = clinic.app.deps.keyring.clinicKey();
    for (const form of [key.toString('hex'), key.toString('base64')]) expect(found(clinic.dataDir, form)).toEqual([]);
    expect(everyFile(clinic.dataDir).some((f) => f.bytes.includes(key))).toBe(false);
  });

  it('a data folder copied elsewhere alone opens nothing', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    await addRecord(clinic, patient.token, Buffer.from('copied note\n'), { name: 'n.txt' });
    await clinic.app.deps.audit.flush();
    if (!clinic.databaseUrl) await clinic.app.close();
    const copy = tempDir();
    cpSync(clinic.dataDir, copy, { recursive: true });
    try {
      if (clinic.databaseUrl) {
        // The clinic's database is on its server; the copied folder holds no key to its secrets.
        const app = await openAgain(clinic, { dataDir: copy });
        expect(refused(await app.dispatch('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' })).code).toBe('NOT_ENROLLED');
      } else {
        await expect(openAgain(clinic, { dataDir: copy })).rejects.toBeInstanceOf(DatabaseLockedError);
      }
      // Nor is the record itself anywhere in the folder (on SQLite its file is there, sealed under a key that is not).
      expect(found(copy, 'copied note')).toEqual([]);
    } finally {
      removeDataDir(copy);
    }
  });

  it('one flipped byte in a stored file: "this file has been altered", in the audit log though the call is refused', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const rec = await addRecord(clinic, patient.token, Buffer.from('an honest report\n'), { name: 'r.txt' });
    const { file_id: fileId } = await clinic.app.deps.db.selectFrom('medical_records').select('file_id').where('id', '=', rec.id).executeTakeFirstOrThrow();
    if (clinic.databaseUrl) {
      const { data } = await clinic.app.deps.db.selectFrom('files').select('data').where('id', '=', fileId).executeTakeFirstOrThrow();
      const flipped = Buffer.from(data);
      flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0x01;
      await clinic.app.deps.db.updateTable('files').set({ data: flipped }).where('id', '=', fileId).execute();
    } else {
      const path = join(clinic.dataDir, 'files', fileId.slice(0, 2), fileId);
      const bytes = readFileSync(path);
      bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
      writeFileSync(path, bytes);
    }
    const r = refused(await clinic.call('records.file', { recordId: rec.id }, patient.token));
    expect(r).toMatchObject({ code: 'FILE_ALTERED', message: expect.stringContaining('has been altered') });
    const [altered] = await auditRows(clinic.app, 'file.altered');
    expect(altered).toMatchObject({ patient_id: patient.patientId });
    expect(JSON.parse(altered!.detail)).toEqual({ fileId });
  });
});
