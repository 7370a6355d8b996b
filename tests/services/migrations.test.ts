import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { nextNumber } from '../../electron/core/db/counters.repo';
import { MIGRATIONS, NewerDatabaseError } from '../../electron/core/db/migrations/index';
import { openDatabase } from '../../electron/core/db/dialects';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import type { Database } from '../../electron/core/db/schema';
import { freshDatabase } from '../helpers/postgres-database';
import { testClock } from '../helpers/clock';
import { ADMIN_EMAIL, databaseKeyOf, keyFileOf, ok, PASSWORD, removeDataDir, tempDir } from '../helpers/clinic';
import { countRows } from '../helpers/db';
import { setupInput } from '../helpers/data';

const TABLES_001 = [
  'audit_log', 'doctor_education', 'doctor_info', 'login_failures', 'patient_info', 'sessions', 'settings', 'user_roles', 'users',
];
const TABLES_002 = ['appointment_history', 'appointments', 'availability', 'blocked_times', 'clinic_holidays', 'doctor_invitations', 'doctor_schedule', 'outbox'];
const TABLES_003 = ['files'];
const TABLES_004 = ['counters'];
const TABLES_006 = ['audit_patients'];
const TABLES_007 = ['mailed_codes'];
const TABLES_008 = ['google_connections', 'jobs', 'video_links'];
const TABLES_009 = ['assistant_alerts'];
const TABLES_011 = ['consultations', 'doctor_documents', 'emergency_access', 'medical_records', 'prescription_items', 'record_shares'];
const TABLES_012 = ['bill_lines', 'bills', 'credit_notes', 'doctor_fees', 'health_services', 'payments', 'service_order_history', 'service_orders'];
const TABLES_013 = ['record_invitations'];
const TABLES_014 = ['waitlist_entries', 'waitlist_offers'];
const TABLES_015 = ['appointment_series'];
const TABLES_TO_008 = [...TABLES_001, ...TABLES_002, ...TABLES_003, ...TABLES_004, ...TABLES_006, ...TABLES_007, ...TABLES_008];
const TABLES_TO_011 = [...TABLES_TO_008, ...TABLES_009, ...TABLES_011];
const TABLES_TO_012 = [...TABLES_TO_011, ...TABLES_012];
const TABLES_016 = ['backups'];
const TABLES_017 = ['monitoring_alerts', 'monitoring_digests', 'monitoring_plans', 'plan_measures', 'readings'];
const TABLES_BEFORE_016 = [...TABLES_TO_012, ...TABLES_013, ...TABLES_014, ...TABLES_015].sort();
const TABLES_018 = ['monitoring_reminders', 'monitoring_visits'];
const TABLES_BEFORE_017 = [...TABLES_BEFORE_016, ...TABLES_016].sort();
const TABLES_BEFORE_018 = [...TABLES_BEFORE_017, ...TABLES_017].sort();
const TABLES = [...TABLES_BEFORE_018, ...TABLES_018, 'schema_migrations'].sort();

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/** Where a clinic's data lives in this project: a data folder, plus a PostgreSQL database in the postgres run. */
async function place() {
  const dir = tempDir();
  const database = await freshDatabase();
  cleanups.push(async () => {
    await database?.drop();
    removeDataDir(dir);
  });
  return { dir, databaseUrl: database?.url };
}
type Place = Awaited<ReturnType<typeof place>>;

const open = (p: Place, at = '2026-03-02T04:30:00.000Z') =>
  createApp({ dataDir: p.dir, keyFile: keyFileOf(p.dir), databaseUrl: p.databaseUrl, clock: testClock(at), bcryptCost: 4 });
const tableNames = async (db: Kysely<any>) => (await db.introspection.getTables()).map((t) => t.name).sort();
const versions = (db: Kysely<Database>) => db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
const fileHash = (dir: string) => createHash('sha256').update(readFileSync(join(dir, 'medlink.sqlite'))).digest('hex');

describe('opening a data folder', () => {
  it('creates every table in an empty folder', async () => {
    const app = await open(await place());
    expect(await tableNames(app.deps.db)).toEqual(TABLES);
    expect(await versions(app.deps.db)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, applied_at: '2026-03-02T04:30:00.000Z' })));
    await app.close();
  });

  it('opens an up-to-date database a second time without changing anything', async () => {
    const p = await place();
    const first = await open(p);
    ok(await first.dispatch('setup.complete', setupInput()));
    const counts = await countRows(first);
    await first.close();

    const second = await open(p, '2026-04-01T00:00:00.000Z');
    expect(await versions(second.deps.db)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, applied_at: '2026-03-02T04:30:00.000Z' })));
    expect(await countRows(second)).toEqual(counts);
    ok(await second.dispatch('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' }));
    await second.close();
  });

  it('refuses a database written by a newer MedLink and leaves it exactly as it was', async () => {
    const p = await place();
    const app = await open(p);
    ok(await app.dispatch('setup.complete', setupInput()));
    await app.deps.db.insertInto('schema_migrations').values({ version: 99, applied_at: '2030-01-01T00:00:00.000Z' }).execute();
    const counts = await countRows(app);
    await app.close();
    const before = p.databaseUrl ? null : fileHash(p.dir);

    const refusal = open(p);
    await expect(refusal).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(refusal).rejects.toThrow(/version 99/);
    if (before) expect(fileHash(p.dir)).toBe(before);
    const reopened = openDatabase(p.databaseUrl ? { kind: 'postgres', url: p.databaseUrl } : { kind: 'sqlite', file: join(p.dir, 'medlink.sqlite'), key: databaseKeyOf(p.dir) });
    expect(await countRows({ deps: { db: reopened.kysely } })).toEqual(counts);
    await reopened.kysely.destroy();
  });
});

/** A user who is a verified doctor, a patient, and a maker of appointments between them (as migration 002 left them). */
async function people(db: Kysely<any>) {
  const now = '2026-03-02T00:00:00.000Z';
  const { id: userId } = await db
    .insertInto('users')
    .values({ email: 'd@x.in', full_name: 'D', phone: '9822000000', password_hash: 'x', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: doctorId } = await db
    .insertInto('doctor_info')
    .values({
      user_id: userId, full_name: 'D', phone: '9822000000', speciality: 'ent', registration_number: 'R1', registration_council: 'C',
      hospital: 'H', experience_years: 1, languages: '[]', status: 'verified', submitted_at: now, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: patientId } = await db
    .insertInto('patient_info')
    .values({
      full_name: 'P', phone: '9822000001', date_of_birth: '1990-01-01', sex: 'female', address_line: 'L', city: 'C', state: 'Goa',
      pin_code: '403001', created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const appointment = (status: string, uid: string) => ({
    doctor_id: doctorId, patient_id: patientId, start_at: '2026-03-03T04:30:00.000Z', end_at: '2026-03-03T04:45:00.000Z',
    mode: 'in_person', status, ics_uid: uid, created_by: userId, created_at: now, updated_at: now,
  });
  return { doctorId, patientId, userId, appointment };
}

/** What each migration must leave behind, checked right after it runs on top of the ones before it. */
// Kysely<any>: a migration's tables are checked as the migration left them, whatever the app's row types say.
const checks: Record<number, (db: Kysely<any>) => Promise<void>> = {
  1: async (db) => {
    expect(await tableNames(db)).toEqual(TABLES_001);
    const now = '2026-03-02T00:00:00.000Z';
    const user = { email: 'a@x.in', full_name: 'A', phone: '9822000000', password_hash: 'x', created_at: now, updated_at: now };
    const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
    expect(await db.selectFrom('users').select(['must_change_password', 'language']).where('id', '=', id).executeTakeFirst())
      .toEqual({ must_change_password: 0, language: 'en' });
    // One account per email; roles and doctor statuses from fixed lists; sessions belong to real users.
    await expect(db.insertInto('users').values(user).execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('user_roles').values({ user_id: id, role: 'superuser' }).execute()).rejects.toThrow(/check/i);
    await expect(
      db.insertInto('sessions').values({ token_hash: 'h', user_id: 999, portal: 'clinic', created_at: now, last_seen_at: now, ended_at: null }).execute(),
    ).rejects.toThrow(/foreign key/i);
    // A walk-in's record: no login, only a name, a phone number and a state; linked later to another record.
    const walkIn = { full_name: 'W', phone: '9822000002', state: 'Goa', created_at: now, updated_at: now };
    const { id: walkInId } = await db.insertInto('patient_info').values(walkIn).returning('id').executeTakeFirstOrThrow();
    expect(await db.selectFrom('patient_info').select(['user_id', 'date_of_birth', 'sex', 'address_line', 'city', 'pin_code', 'merged_into']).where('id', '=', walkInId).executeTakeFirst())
      .toEqual({ user_id: null, date_of_birth: null, sex: null, address_line: null, city: null, pin_code: null, merged_into: null });
    await expect(db.updateTable('patient_info').set({ merged_into: 999 }).where('id', '=', walkInId).execute()).rejects.toThrow(/foreign key/i);
    await expect(db.insertInto('patient_info').values({ ...walkIn, state: null }).execute()).rejects.toThrow(/not null|null value/i);
  },
  2: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_001, ...TABLES_002].sort());
    const { doctorId, appointment } = await people(db);
    // One active appointment per doctor and start; a cancelled one does not hold the time.
    await db.insertInto('appointments').values(appointment('cancelled', 'u1')).execute();
    await db.insertInto('appointments').values(appointment('booked', 'u2')).execute();
    await expect(db.insertInto('appointments').values(appointment('checked_in', 'u3')).execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('appointments').values(appointment('lost', 'u4')).execute()).rejects.toThrow(/check/i);
    // An availability row is weekly hours or a date exception, never both nor neither.
    await expect(db.insertInto('availability').values({ doctor_id: doctorId, weekday: 1, date: '2026-03-03' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('availability').values({ doctor_id: doctorId }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('availability').values({ doctor_id: doctorId, weekday: 7 }).execute()).rejects.toThrow(/check/i);
  },
  3: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_001, ...TABLES_002, ...TABLES_003].sort());
    // Bytes go in and come back unchanged (a blob on SQLite, bytea on PostgreSQL); ids are unique.
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);
    const file = { id: '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10', kind: 'doctor_photo', mime: 'image/png', size: bytes.length, sha256: 'x', data: bytes, created_at: '2026-03-02T00:00:00.000Z' };
    await db.insertInto('files').values(file).execute();
    const back = await db.selectFrom('files').select('data').where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(Buffer.from(back.data).equals(bytes)).toBe(true);
    await expect(db.insertInto('files').values(file).execute()).rejects.toThrow(/unique|primary/i);
    await expect(db.insertInto('files').values({ ...file, id: 'other', data: null }).execute()).rejects.toThrow(/not.null/i);
  },
  4: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_001, ...TABLES_002, ...TABLES_003, ...TABLES_004].sort());
    // The appointments made before it (see rowsBefore) are numbered in the order they were made; the counter goes on from there.
    const numbered = await db.selectFrom('appointments').select(['ics_uid', 'number']).orderBy('id').execute();
    expect(numbered).toEqual([{ ics_uid: 'u1', number: 1 }, { ics_uid: 'u2', number: 2 }, { ics_uid: 'u3', number: 3 }]);
    expect(await db.selectFrom('counters').selectAll().execute()).toEqual([{ name: 'appointment', value: 3 }]);
    await expect(db.updateTable('appointments').set({ number: 1 }).where('ics_uid', '=', 'u3').execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('counters').values({ name: 'appointment', value: 0 }).execute()).rejects.toThrow(/unique|primary/i);
    expect(await nextNumber(db, 'appointment')).toBe(4);
    expect(await nextNumber(db, 'appointment')).toBe(5);
  },
  5: async (db) => {
    const { appointment } = await people(db);
    const numbered = (status: string, uid: string, number: number) => ({ ...appointment(status, uid), number });
    // A completed visit holds its time: nothing else may start then, while a cancelled or missed one frees it.
    await db.insertInto('appointments').values(numbered('completed', 'u1', 1)).execute();
    await expect(db.insertInto('appointments').values(numbered('booked', 'u2', 2)).execute()).rejects.toThrow(/unique/i);
    await db.updateTable('appointments').set({ status: 'no_show' }).where('ics_uid', '=', 'u1').execute();
    await db.insertInto('appointments').values(numbered('booked', 'u3', 3)).execute();
    await expect(db.updateTable('appointments').set({ status: 'completed' }).where('ics_uid', '=', 'u1').execute()).rejects.toThrow(/unique/i);
  },
  6: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_001, ...TABLES_002, ...TABLES_003, ...TABLES_004, ...TABLES_006].sort());
    await db.insertInto('audit_patients').values([{ audit_id: 1, patient_id: 7 }, { audit_id: 1, patient_id: 9 }]).execute();
    await expect(db.insertInto('audit_patients').values({ audit_id: 1, patient_id: 7 }).execute()).rejects.toThrow(/unique|primary/i);
  },
  7: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_001, ...TABLES_002, ...TABLES_003, ...TABLES_004, ...TABLES_006, ...TABLES_007].sort());
    // Failures are counted per address and door; the lockouts of the old table (see rowsBefore) are gone.
    expect(await db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
    const now = '2026-03-02T00:00:00.000Z';
    await db.insertInto('login_failures').values([{ email: 'a@x.in', door: 'patient', failures: 2, updated_at: now }, { email: 'a@x.in', door: 'clinic', failures: 1, updated_at: now }]).execute();
    await expect(db.insertInto('login_failures').values({ email: 'a@x.in', door: 'clinic', failures: 1, updated_at: now }).execute()).rejects.toThrow(/unique|primary/i);
    // Every account starts with no wrong confirmations.
    expect(await db.selectFrom('users').select('confirm_failures').execute()).toEqual([{ confirm_failures: 0 }]);
    const code = { id: 'r1', purpose: 'signup', email: 'a@x.in', door: 'patient', code_hash: 'h', attempts: 0, payload: null, created_at: now, expires_at: now };
    await db.insertInto('mailed_codes').values(code).execute();
    await expect(db.insertInto('mailed_codes').values(code).execute()).rejects.toThrow(/unique|primary/i);
    await expect(db.insertInto('mailed_codes').values({ ...code, id: 'r2', purpose: 'other' }).execute()).rejects.toThrow(/check/i);
  },
  8: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_008].sort());
    const { appointment, doctorId } = await people(db);
    const { id: appointmentId } = await db.insertInto('appointments').values({ ...appointment('booked', 'v1'), number: 1 }).returning('id').executeTakeFirstOrThrow();
    const now = '2026-03-02T00:00:00.000Z';
    // A job belongs to a real appointment (or none) and has a status from the queue's list.
    const job = { kind: 'video.sync', appointment_id: appointmentId, status: 'pending', due_at: now, created_at: now };
    await db.insertInto('jobs').values(job).execute();
    await db.insertInto('jobs').values({ ...job, appointment_id: null }).execute();
    await expect(db.insertInto('jobs').values({ ...job, status: 'sending' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('jobs').values({ ...job, appointment_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
    // One link per appointment, from a known provider in a known state.
    const link = { appointment_id: appointmentId, provider: 'jitsi', state: 'ready', url: 'https://meet.jit.si/x', generation: 1, since: now, updated_at: now };
    await db.insertInto('video_links').values(link).execute();
    await expect(db.insertInto('video_links').values(link).execute()).rejects.toThrow(/unique|primary/i);
    await expect(db.updateTable('video_links').set({ provider: 'zoom' }).execute()).rejects.toThrow(/check/i);
    await expect(db.updateTable('video_links').set({ state: 'lost' }).execute()).rejects.toThrow(/check/i);
    // One connection per owner; a doctor's goes with the doctor.
    const { id: userId } = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const connection = { owner: `doctor:${doctorId}`, doctor_id: doctorId, status: 'connected', tokens: 'sealed', connected_by: userId, connected_at: now, updated_at: now };
    await db.insertInto('google_connections').values(connection).execute();
    await expect(db.insertInto('google_connections').values(connection).execute()).rejects.toThrow(/unique|primary/i);
    await expect(db.insertInto('google_connections').values({ ...connection, owner: 'clinic', status: 'lost' }).execute()).rejects.toThrow(/check/i);
  },
  9: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_008, ...TABLES_009].sort());
    // An alert belongs to a real patient, or to nobody signed in; it is open until handled by a real user.
    const at = '2026-03-02T00:00:00.000Z';
    const { id } = await db.insertInto('assistant_alerts').values({ at, patient_id: null, message: 'chest pain', flags: '["chest_pain"]' }).returning('id').executeTakeFirstOrThrow();
    expect(await db.selectFrom('assistant_alerts').select(['handled_at', 'handled_by']).where('id', '=', id).executeTakeFirst()).toEqual({ handled_at: null, handled_by: null });
    await expect(db.insertInto('assistant_alerts').values({ at, patient_id: 999, message: 'm', flags: '[]' }).execute()).rejects.toThrow(/foreign key/i);
    await expect(db.updateTable('assistant_alerts').set({ handled_at: at, handled_by: 999 }).where('id', '=', id).execute()).rejects.toThrow(/foreign key/i);
    await expect(db.insertInto('assistant_alerts').values({ at, message: null, flags: '[]' }).execute()).rejects.toThrow(/not.null|null value/i);
  },
  10: async (db) => {
    // Appointments made before it have no check-in code and no queue place; new ones carry both, and a code is found by its index.
    expect(await db.selectFrom('appointments').select(['check_in_code', 'queue_number']).execute()).toEqual([{ check_in_code: null, queue_number: null }]);
    const { id: _, ...before } = await db.selectFrom('appointments').selectAll().executeTakeFirstOrThrow();
    await db.insertInto('appointments').values({ ...before, status: 'checked_in', ics_uid: 'u9', start_at: '2026-03-04T04:30:00.000Z', end_at: '2026-03-04T04:45:00.000Z', number: 9, check_in_code: 'K7M4XE', queue_number: 3 }).execute();
    expect(await db.selectFrom('appointments').select(['ics_uid', 'queue_number']).where('check_in_code', '=', 'K7M4XE').execute()).toEqual([{ ics_uid: 'u9', queue_number: 3 }]);
    expect((await db.introspection.getTables()).find((t) => t.name === 'outbox')!.columns.map((c) => c.name)).toContain('inline_images');
  },
  11: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_011].sort());
    // The patient and doctor made before it keep their rows, with the new columns empty.
    expect(await db.selectFrom('patient_info').select(['full_name', 'chronic_conditions', 'current_medications']).execute()).toEqual([
      { full_name: 'P', chronic_conditions: null, current_medications: null },
    ]);
    expect(await db.selectFrom('doctor_info').select(['status', 'verified_before_at']).execute()).toEqual([{ status: 'verified', verified_before_at: null }]);
    const now = '2026-03-02T00:00:00.000Z';
    const patient = await db.selectFrom('patient_info').select('id').executeTakeFirstOrThrow();
    const doctor = await db.selectFrom('doctor_info').select(['id', 'user_id']).executeTakeFirstOrThrow();
    const record = {
      patient_id: patient.id, title: 'CBC', category: 'lab_report', record_date: '2026-02-20', file_id: 'f', mime: 'application/pdf', size: 1,
      file_name: 'cbc.pdf', uploaded_by: doctor.user_id, created_at: now,
    };
    const { id: recordId } = await db.insertInto('medical_records').values(record).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('medical_records').values({ ...record, category: 'horoscope' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('medical_records').values({ ...record, patient_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
    // A record is shared with a doctor once; its shares go with it.
    await db.insertInto('record_shares').values({ record_id: recordId, doctor_id: doctor.id, shared_at: now }).execute();
    await expect(db.insertInto('record_shares').values({ record_id: recordId, doctor_id: doctor.id, shared_at: now }).execute()).rejects.toThrow(/unique|primary/i);
    await db.deleteFrom('medical_records').where('id', '=', recordId).execute();
    expect(await db.selectFrom('record_shares').selectAll().execute()).toEqual([]);
    await expect(
      db.insertInto('doctor_documents').values({ doctor_id: doctor.id, kind: 'passport', title: 't', file_id: 'f', mime: 'image/png', size: 1, file_name: 'x.png', uploaded_at: now }).execute(),
    ).rejects.toThrow(/check/i);
  },
  12: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_012].sort());
    const now = '2026-03-02T00:00:00.000Z';
    const { doctorId, appointment } = await people(db);
    const { id: appointmentId } = await db.insertInto('appointments').values({ ...appointment('completed', 'u1'), number: 1 }).returning('id').executeTakeFirstOrThrow();
    const { patient_id: patientId, created_by: userId } = await db.selectFrom('appointments').select(['patient_id', 'created_by']).where('id', '=', appointmentId).executeTakeFirstOrThrow();
    const bill = { patient_id: patientId, doctor_id: doctorId, appointment_id: appointmentId, status: 'draft', created_by: userId, created_at: now, updated_at: now };
    const { id: billId } = await db.insertInto('bills').values(bill).returning('id').executeTakeFirstOrThrow();
    // One open bill per appointment; a draft has no number and an issued bill always has one.
    await expect(db.insertInto('bills').values(bill).execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('bills').values({ ...bill, status: 'cancelled' }).execute()).rejects.toThrow(/check/i);
    await db.insertInto('bills').values({ ...bill, status: 'cancelled', number: 'ML/2025-26/000001' }).execute();
    await expect(db.insertInto('bills').values({ ...bill, appointment_id: null }).execute()).rejects.toThrow(/check/i);
    // Money in paise beyond 32 bits comes back exact, as a number.
    const big = 99_99_99_999_99;
    const lineRow = { bill_id: billId, position: 0, description: 'x', category: 'other', sac_code: '999319', quantity: 1, unit_paise: big, rate_bp: 0, taxable_paise: big, cgst_paise: 0, sgst_paise: 0, igst_paise: 0, total_paise: big };
    await db.insertInto('bill_lines').values(lineRow).execute();
    expect((await db.selectFrom('bill_lines').select('total_paise').executeTakeFirstOrThrow()).total_paise).toBe(big);
    await expect(db.insertInto('bill_lines').values({ ...lineRow, position: 1, quantity: 0 }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('payments').values({ bill_id: billId, method: 'cheque', amount_paise: 1, received_at: now, received_by: userId }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('health_services').values({ kind: 'massage', name: 'x', description: 'x', price_paise: 1, category: 'other', active: 1, created_at: now, updated_at: now }).execute()).rejects.toThrow(/check/i);
    expect(await db.selectFrom('outbox').select('attachments').execute()).toEqual([]);
  },
  13: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_012, ...TABLES_013].sort());
    // The record from before (rowsBefore) holds its own, with a date of birth as given.
    expect(await db.selectFrom('patient_info').select(['holder_patient_id', 'relation', 'birth_estimated']).execute()).toEqual([
      { holder_patient_id: null, relation: null, birth_estimated: 0 },
    ]);
    const { id: holder } = await db.selectFrom('patient_info').select('id').executeTakeFirstOrThrow();
    const now = '2026-03-02T00:00:00.000Z';
    const child = { full_name: 'C', phone: '9822000001', state: 'Goa', created_at: now, updated_at: now, holder_patient_id: holder, relation: 'child', birth_estimated: 1 };
    await db.insertInto('patient_info').values(child).execute();
    await expect(db.insertInto('patient_info').values({ ...child, relation: 'neighbour' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('patient_info').values({ ...child, holder_patient_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
    const { id: userId } = await db.insertInto('users').values({ email: 'h@x.in', full_name: 'H', phone: '9822000000', password_hash: 'x', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const invitation = { code_hash: 'h1', patient_id: holder, email: 'c@x.in', invited_by: userId, created_at: now, expires_at: now };
    await db.insertInto('record_invitations').values(invitation).execute();
    await expect(db.insertInto('record_invitations').values(invitation).execute()).rejects.toThrow(/unique|primary/i);
  },
  14: async (db) => {
    expect(await tableNames(db)).toEqual([...TABLES_TO_012, ...TABLES_013, ...TABLES_014].sort());
    const { doctorId, patientId, userId } = await people(db);
    const now = '2026-03-02T00:00:00.000Z';
    const entry = { doctor_id: doctorId, patient_id: patientId, from_date: '2026-03-03', to_date: '2026-03-10', day_parts: 'morning', status: 'waiting', created_by: userId, created_at: now, updated_at: now };
    const { id: entryId } = await db.insertInto('waitlist_entries').values(entry).returning('id').executeTakeFirstOrThrow();
    const { id: other } = await db.insertInto('waitlist_entries').values(entry).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('waitlist_entries').values({ ...entry, status: 'gone' }).execute()).rejects.toThrow(/check/i);
    const offer = {
      entry_id: entryId, doctor_id: doctorId, start_at: '2026-03-03T04:30:00.000Z', end_at: '2026-03-03T04:45:00.000Z', modes: 'in_person',
      status: 'open', offered_at: now, expires_at: now,
    };
    await db.insertInto('waitlist_offers').values(offer).execute();
    // One open offer per time of a doctor, and per person waiting; answered ones may repeat.
    await expect(db.insertInto('waitlist_offers').values({ ...offer, entry_id: other }).execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('waitlist_offers').values({ ...offer, start_at: '2026-03-03T05:00:00.000Z' }).execute()).rejects.toThrow(/unique/i);
    await db.insertInto('waitlist_offers').values({ ...offer, entry_id: other, status: 'declined' }).execute();
    await expect(db.insertInto('waitlist_offers').values({ ...offer, status: 'lost' }).execute()).rejects.toThrow(/check/i);
  },
  15: async (db) => {
    expect(await tableNames(db)).toEqual(TABLES_BEFORE_016);
    const { doctorId, patientId, userId, appointment } = await people(db);
    const { id: seriesId } = await db
      .insertInto('appointment_series')
      .values({ doctor_id: doctorId, patient_id: patientId, every_weeks: 2, created_by: userId, created_at: '2026-03-02T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('appointments').values({ ...appointment('booked', 's1'), number: 1, series_id: seriesId }).execute();
    await db.insertInto('appointments').values({ ...appointment('cancelled', 's2'), number: 2 }).execute();
    expect((await db.selectFrom('appointments').select('series_id').orderBy('id').execute()).map((r) => r.series_id)).toEqual([seriesId, null]);
    await expect(db.insertInto('appointments').values({ ...appointment('cancelled', 's3'), number: 3, series_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
  },
  16: async (db) => {
    expect(await tableNames(db)).toEqual(TABLES_BEFORE_017);
    const now = '2026-03-02T00:00:00.000Z';
    const attempt = { started_at: now, finished_at: now, reason: 'scheduled', folder: '/media/backup', set_name: null, bytes: null, problem: 'full', problem_code: 'folder_full' };
    await db.insertInto('backups').values(attempt).execute();
    await expect(db.insertInto('backups').values({ ...attempt, reason: 'whenever' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('backups').values({ ...attempt, started_by: 999 }).execute()).rejects.toThrow(/foreign key/i);
  },
  17: async (db) => {
    expect(await tableNames(db)).toEqual(TABLES_BEFORE_018);
    const now = '2026-03-02T00:00:00.000Z';
    const patient = await db.selectFrom('patient_info').select('id').executeTakeFirstOrThrow();
    const doctor = await db.selectFrom('doctor_info').select(['id', 'user_id']).executeTakeFirstOrThrow();
    const reading = { patient_id: patient.id, measure: 'temperature', value: 37.9, taken_at: now, entered_by: doctor.user_id, entered_as: 'doctor', created_at: now };
    await db.insertInto('readings').values(reading).execute();
    // A fraction is kept as typed on both databases (double precision, not a 4-byte real).
    expect(await db.selectFrom('readings').select('value').execute()).toEqual([{ value: 37.9 }]);
    await expect(db.insertInto('readings').values({ ...reading, measure: 'mood' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('readings').values({ ...reading, entered_as: 'neighbour' }).execute()).rejects.toThrow(/check/i);
    const plan = { patient_id: patient.id, doctor_id: doctor.id, started_at: now, updated_at: now };
    const { id: planId } = await db.insertInto('monitoring_plans').values(plan).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('monitoring_plans').values(plan).execute()).rejects.toThrow(/unique/i);
    await db.insertInto('plan_measures').values({ plan_id: planId, measure: 'hba1c', every_days: 90, high: 7 }).execute();
    await expect(
      db.insertInto('monitoring_alerts').values({ plan_id: planId, patient_id: patient.id, doctor_id: doctor.id, rule: 'bad_luck', measure: 'hba1c', reading_ids: '[]', figures: '{}', raised_at: now }).execute(),
    ).rejects.toThrow(/check/i);
  },
  18: async (db) => {
    expect(await tableNames(db)).toEqual(TABLES.filter((t) => t !== 'schema_migrations'));
    const now = '2026-03-02T00:00:00.000Z';
    const patient = await db.selectFrom('patient_info').select('id').executeTakeFirstOrThrow();
    const doctor = await db.selectFrom('doctor_info').select('id').executeTakeFirstOrThrow();
    const visit = { patient_id: patient.id, doctor_id: doctor.id, visited_on: '2026-03-01', kind: 'home', notes: 'Feet checked', created_at: now };
    await db.insertInto('monitoring_visits').values(visit).execute();
    await expect(db.insertInto('monitoring_visits').values({ ...visit, kind: 'carrier pigeon' }).execute()).rejects.toThrow(/check/i);
    await expect(db.insertInto('monitoring_visits').values({ ...visit, doctor_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
    const reminder = { patient_id: patient.id, measure: 'hba1c', sent_at: now };
    await db.insertInto('monitoring_reminders').values(reminder).execute();
    await expect(db.insertInto('monitoring_reminders').values(reminder).execute()).rejects.toThrow(/unique|duplicate|primary/i);
  },
  19: async (db) => {
    // The messages queued before it (see rowsBefore) go out as they were rendered then, their image bytes intact.
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'outbox')!.columns.map((c) => c.name);
    expect(columns).toContain('content');
    for (const gone of ['subject', 'text_body', 'html_body', 'inline_images']) expect(columns).not.toContain(gone);
    const rows = await db.selectFrom('outbox').select(['kind', 'content', 'ics']).orderBy('id').execute();
    expect(rows.map((r) => renderRow(r))).toEqual([
      { subject: 'Appointment confirmed', text: 'Booking no.: 1', html: '<p>Booking no.: 1</p>', inlineImages: [{ cid: 'check-in-code@medlink', filename: 'check-in-code.png', contentType: 'image/png', content: Buffer.from('png bytes') }] },
      { subject: 'Your MedLink doctor account is verified', text: 'Dear D,', html: '<p>Dear D,</p>', inlineImages: [] },
    ]);
  },
  20: async (db) => {
    // The search guard's index: only the doctors who may not be shown are in it.
    const found = inject('postgresUrl')
      ? await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'doctor_info_unsearchable'`.execute(db)
      : await sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and name = 'doctor_info_unsearchable'`.execute(db);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]!.def).toMatch(/\(\W*id\W*\).*where.*status.*<>.*'verified'.*or.*suspended_at is not null/i);
  },
};

/** Rows a migration finds already there (it must carry them over), written by the migrations before it. */
const rowsBefore: Record<number, (db: Kysely<any>) => Promise<void>> = {
  13: async (db) => {
    const now = '2026-03-02T00:00:00.000Z';
    await db.insertInto('patient_info').values({ full_name: 'P', phone: '9822000001', date_of_birth: '1990-01-01', state: 'Goa', created_at: now, updated_at: now }).execute();
  },
  7: async (db) => {
    const now = '2026-03-02T00:00:00.000Z';
    await db.insertInto('users').values({ email: 'a@x.in', full_name: 'A', phone: '9822000000', password_hash: 'x', created_at: now, updated_at: now }).execute();
    await db.insertInto('login_failures').values({ email: 'a@x.in', failures: 3, locked_until: null, updated_at: now }).execute();
  },
  10: async (db) => {
    const { appointment } = await people(db);
    await db.insertInto('appointments').values({ ...appointment('booked', 'u1'), number: 1 }).execute();
  },
  11: async (db) => {
    await people(db);
  },
  17: async (db) => {
    await people(db);
  },
  18: async (db) => {
    await people(db);
  },
  19: async (db) => {
    const now = '2026-03-02T00:00:00.000Z';
    const row = { ics: null, status: 'pending', attempts: 0, due_at: now, created_at: now };
    const image = { cid: 'check-in-code@medlink', filename: 'check-in-code.png', contentType: 'image/png', content: Buffer.from('png bytes').toString('base64') };
    await db.insertInto('outbox').values([
      { ...row, message_id: '<1@x>', kind: 'booking_confirmation', recipient: 'p@x.in', subject: 'Appointment confirmed', text_body: 'Booking no.: 1', html_body: '<p>Booking no.: 1</p>', inline_images: JSON.stringify([image]) },
      { ...row, message_id: '<2@x>', kind: 'verification_approved', recipient: 'd@x.in', subject: 'Your MedLink doctor account is verified', text_body: 'Dear D,', html_body: '<p>Dear D,</p>', inline_images: null },
    ]).execute();
  },
  4: async (db) => {
    const { appointment } = await people(db);
    for (const [status, uid] of [['cancelled', 'u1'], ['completed', 'u2'], ['booked', 'u3']] as const) {
      await db.insertInto('appointments').values(appointment(status, uid)).execute();
    }
  },
};

describe('each migration', () => {
  it('has its own check', () => {
    expect(Object.keys(checks).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it.each(MIGRATIONS.map((m) => [m.version, m] as const))('%i', async (version, migration) => {
    const p = await place();
    const { kysely: db, dialect } = openDatabase(
      p.databaseUrl ? { kind: 'postgres', url: p.databaseUrl } : { kind: 'sqlite', file: join(p.dir, 'medlink.sqlite') },
    );
    for (const earlier of MIGRATIONS.filter((m) => m.version < version)) await earlier.up(db, dialect);
    await rowsBefore[version]?.(db);
    await migration.up(db, dialect);
    await checks[version]!(db);
    await db.destroy();
  });
});
