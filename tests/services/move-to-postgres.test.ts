import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApp, type MedLinkApp } from '../../electron/core/app';
import { openDatabase, SQLITE_FILE } from '../../electron/core/db/dialects';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/core/db/migrations/index';
import { moveToPostgres, MoveRefusedError, TARGET_NOT_EMPTY } from '../../electron/core/db/move-to-postgres';
import { databaseFileStore } from '../../electron/core/files/db-file-store';
import { diskFileStore, filesRoot } from '../../electron/core/files/file-store';
import { testClock } from '../helpers/clock';
import { ADMIN_EMAIL, keyFileOf, ok, PASSWORD, removeDataDir, signIn, signupPatient, tempDir, type Clinic } from '../helpers/clinic';
import { countRows, tableContent } from '../helpers/db';
import { patientSignupInput, setupInput } from '../helpers/data';
import { freshDatabase } from '../helpers/postgres-database';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';

// The move needs a PostgreSQL server: it runs in the postgres project, and is skipped in the sqlite one.
const postgresUrl = inject('postgresUrl') as string | undefined;

// The test clock starts on Monday 2 March 2026, 10:00 in Pune.
const TUESDAY = '2026-03-03';
const WEDNESDAY = '2026-03-04';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Calls as a screen makes them, typed by the contract. */
const callOf =
  (app: MedLinkApp): Clinic['call'] =>
  (channel, input, token) =>
    app.dispatch(channel, input, token) as never;

/** A single-seat clinic on SQLite (whatever the project), with a few days' activity. */
async function busySqliteClinic() {
  const dataDir = tempDir();
  const clock = testClock();
  const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock, bcryptCost: 4 });
  cleanups.push(async () => {
    await app.close();
    removeDataDir(dataDir);
  });
  const call = callOf(app);
  const setup = ok(await call('setup.complete', setupInput()));
  const clinic: Clinic = { app, clock, dataDir, adminToken: setup.token, call, close: () => app.close() };

  const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
  const second = await practisingDoctor(clinic, 'Dr Anjali Iyer');
  const sunita = await signupPatient(clinic, patientSignupInput({ fullName: 'सुनीता देशपांडे', phone: '9822066666' }));
  const kept = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'online', reason: 'Cough — ₹ ✓' }, asha.token));
  const moved = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person' }, vikram.token));
  ok(await clinic.call('appointments.reschedule', { appointmentId: moved.id, start: ist(TUESDAY, '11:00') }, vikram.token));
  const dropped = ok(await clinic.call('appointments.book', { doctorId: second.doctorId, start: ist(WEDNESDAY, '10:00'), mode: 'online', patientId: sunita.patientId }, desk.token));
  ok(await clinic.call('appointments.cancel', { appointmentId: dropped.id, reason: 'Patient phoned: travelling' }, desk.token));
  ok(await clinic.call('appointments.blockTime', { start: ist(TUESDAY, '12:00'), end: ist(TUESDAY, '13:00'), reason: 'Ward round' }, doctor.token));
  ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));

  // Written directly (not through the front desk's walk-in screens): a walk-in merged into a record made after it (a row referencing a later
  // row of its own table), and a holiday with a non-Latin name.
  const db = app.deps.db;
  const now = clock.now().toISOString();
  const walkIn = await db
    .insertInto('patient_info')
    .values({ full_name: 'Walk-in Ravi', phone: '9822077777', state: 'Maharashtra', preferred_language: 'mr', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ravi = await signupPatient(clinic, patientSignupInput({ fullName: 'Ravi Patil', phone: '9822077777' }));
  await db.updateTable('patient_info').set({ merged_into: ravi.patientId }).where('id', '=', walkIn.id).execute();
  await db.insertInto('clinic_holidays').values({ date: '2026-03-04', name: 'होळी (Holi)' }).execute();

  // The single-seat file store: files in the data folder, one of them the doctor's photo.
  const store = diskFileStore(dataDir, clock, app.deps.keyring.recordsKey);
  const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]);
  const photoId = await store.put(photo, { kind: 'doctor_photo', mime: 'image/png' });
  const oldPhoto = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
  const oldPhotoId = await store.put(oldPhoto, { kind: 'doctor_photo', mime: 'image/jpeg' });
  await db.updateTable('doctor_info').set({ photo_file: photoId }).where('id', '=', doctor.doctorId).execute();

  return { clinic, dataDir, clock, doctor, asha, kept, files: { [photoId]: photo, [oldPhotoId]: oldPhoto } };
}

/** A new database on the test cluster, dropped after the test. */
async function emptyTarget() {
  const database = await freshDatabase();
  if (!database) throw new Error('no PostgreSQL cluster');
  cleanups.push(() => database.drop());
  return database.url;
}

const open = (url: string) => {
  const db = openDatabase({ kind: 'postgres', url }).kysely;
  cleanups.push(() => db.destroy());
  return db as unknown as Kysely<any>;
};

describe.skipIf(!postgresUrl)('moving a single-seat clinic into PostgreSQL (needs a PostgreSQL server: runs in the postgres project only)', () => {
  it('copies every row, checks it on both sides, and the clinic carries on there', async () => {
    const { clinic, dataDir, clock, doctor, asha, kept, files } = await busySqliteClinic();
    // Bytes a save cut short left without a description: the store never serves them, the move leaves them out
    // (the files table below holds exactly the two described files).
    mkdirSync(join(filesRoot(dataDir), '00'), { recursive: true });
    writeFileSync(join(filesRoot(dataDir), '00', '00000000-0000-4000-8000-000000000000'), 'half');
    const sourceCounts = await countRows(clinic.app);
    expect(sourceCounts).toMatchObject({ appointments: 3, blocked_times: 1, clinic_holidays: 1, counters: 1 });
    expect(sourceCounts.outbox).toBeGreaterThan(0);
    expect(sourceCounts.appointment_history).toBeGreaterThanOrEqual(5);
    expect(sourceCounts.audit_log).toBeGreaterThan(10);
    const sqlite = clinic.app.deps.db as unknown as Kysely<any>;
    const sourceContent = Object.fromEntries(
      await Promise.all(Object.keys(sourceCounts).map(async (t) => [t, t === 'schema_migrations' ? [] : await tableContent(sqlite, t)] as const)),
    );
    await clinic.app.close();

    const targetUrl = await emptyTarget();
    const lines: string[] = [];
    const report = await moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl, log: (l) => lines.push(l), batchSize: 3 });

    // The report names every table once, with the source's row count.
    expect(report.tables.map((t) => t.name).sort()).toEqual(Object.keys(sourceCounts).sort());
    for (const t of report.tables) expect([t.name, t.rows]).toEqual([t.name, sourceCounts[t.name]]);
    expect(report.tables.every((t) => /^[0-9a-f]{64}$/.test(t.hash))).toBe(true);
    expect(report.files).toBe(2);
    expect(lines).toContain(`appointments: 3 rows, hash ok`);
    expect(lines).toContain('files: 2 from the data folder copied into the files table, sha256 ok');
    // Parents come before the tables that reference them.
    const position = (n: string) => report.tables.findIndex((t) => t.name === n);
    expect(position('users')).toBeLessThan(position('patient_info'));
    expect(position('appointments')).toBeLessThan(position('appointment_history'));

    // Checked here independently of the move's own hashes: the same rows on both sides.
    const pg = open(targetUrl);
    expect(await countRows({ deps: { db: pg } } as never)).toEqual({ ...sourceCounts, files: 2 });
    for (const table of Object.keys(sourceCounts)) {
      if (table === 'schema_migrations' || table === 'files') continue;
      expect(await tableContent(pg, table), table).toEqual(sourceContent[table]);
    }
    const versions = await pg.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));

    // The files, as the multi-seat file store reads them (it checks each one's sha256).
    const dbFiles = databaseFileStore(pg as never, clock, clinic.app.deps.keyring.recordsKey);
    for (const [id, bytes] of Object.entries(files)) {
      const stored = await dbFiles.get(id);
      expect(stored?.mime, id).toMatch(/^image\//);
      expect(stored!.bytes.equals(bytes)).toBe(true);
    }

    // The moved clinic: the same data folder (audit key and head), the database on the server.
    const moved = await createApp({ dataDir, keyFile: keyFileOf(dataDir), databaseUrl: targetUrl, clock, bcryptCost: 4 });
    cleanups.push(() => moved.close());
    const call = callOf(moved);
    expect(moved.deps.dialect).toBe('postgres');
    const admin = ok(await call('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' }));
    const audit = ok(await call('admin.verifyAudit', {}, admin.token));
    expect(audit).toMatchObject({ intact: true, problems: [] });
    expect(audit.rows).toBe(sourceCounts.audit_log! + 1);

    const doctorLogin = ok(await call('auth.login', { email: doctor.email, password: doctor.password, portal: 'clinic' }));
    const diary = ok(await call('appointments.schedule', { fromDate: TUESDAY, toDate: TUESDAY }, doctorLogin.token));
    expect(diary.appointments.find((a) => a.id === kept.id)).toMatchObject({ patientName: 'Asha Kulkarni', reason: 'Cough — ₹ ✓', status: 'booked' });
    expect(diary.blocked.map((b) => b.reason)).toEqual(['Ward round']);

    const ashaLogin = ok(await call('auth.login', { email: asha.email, password: asha.password, portal: 'patient' }));
    const fresh = ok(await call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online' }, ashaLogin.token));
    expect(fresh.id).toBe(sourceCounts.appointments! + 1);
    // The booking counter came across (compared above with the rest) and carries on from where SQLite left it.
    expect(fresh.number).toBe(sourceCounts.appointments! + 1);
    const history = ok(await call('appointments.history', { appointmentId: fresh.id }, ashaLogin.token));
    expect(history.map((h) => h.change)).toEqual(['booked']);
    expect(ok(await call('admin.verifyAudit', {}, admin.token)).intact).toBe(true);
  });

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const { clinic, dataDir } = await busySqliteClinic();
    await clinic.app.close();
    const targetUrl = await emptyTarget();
    await moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl });
    const pg = open(targetUrl);
    const before = await countRows({ deps: { db: pg } } as never);
    const sequenceBefore = await pg.selectFrom('appointments').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();

    const again = moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl });
    await expect(again).rejects.toBeInstanceOf(MoveRefusedError);
    await expect(again).rejects.toThrow(TARGET_NOT_EMPTY);
    expect(await countRows({ deps: { db: pg } } as never)).toEqual(before);
    expect(await pg.selectFrom('appointments').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).toEqual(sequenceBefore);
  });

  it('refuses a target holding any other table', async () => {
    const { clinic, dataDir } = await busySqliteClinic();
    await clinic.app.close();
    const targetUrl = await emptyTarget();
    const pg = open(targetUrl);
    await pg.schema.createTable('invoices').addColumn('id', 'integer').execute();
    await expect(moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl })).rejects.toThrow(`${TARGET_NOT_EMPTY} It already holds public.invoices.`);
    expect((await pg.introspection.getTables()).map((t) => t.name)).toEqual(['invoices']);
  });

  it('leaves the target empty when a row cannot be copied', async () => {
    const { clinic, dataDir } = await busySqliteClinic();
    // SQLite keeps a NUL character in text; PostgreSQL refuses it. The failure comes after the schema and most rows.
    await clinic.app.deps.db.insertInto('settings').values({ key: 'zz.note', value: 'before\u0000after' }).execute();
    await clinic.app.close();
    const targetUrl = await emptyTarget();
    await expect(moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl })).rejects.toThrow(/0x00/);
    expect(await open(targetUrl).introspection.getTables()).toEqual([]);
  });

  it('refuses a damaged file, and the target stays empty', async () => {
    const { clinic, dataDir, files } = await busySqliteClinic();
    await clinic.app.close();
    const id = Object.keys(files)[0]!;
    writeFileSync(join(filesRoot(dataDir), id.slice(0, 2), id), 'not the photo any more');
    const targetUrl = await emptyTarget();
    const refusal = moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl });
    await expect(refusal).rejects.toMatchObject({ code: 'FILE_DAMAGED' });
    await expect(refusal).rejects.toThrow(new RegExp(`${id}.*damaged`));
    expect(await open(targetUrl).introspection.getTables()).toEqual([]);
  });

  it('refuses a data folder without a database, or one not brought up to date, and the target stays empty', async () => {
    const targetUrl = await emptyTarget();
    const nowhere = tempDir();
    cleanups.push(async () => rmSync(nowhere, { recursive: true, force: true }));
    await expect(moveToPostgres({ dataDir: nowhere, keyFile: keyFileOf(nowhere), targetUrl })).rejects.toMatchObject({ code: 'SOURCE_MISSING', message: expect.stringContaining(SQLITE_FILE) });

    const { clinic, dataDir } = await busySqliteClinic();
    await clinic.app.deps.db.deleteFrom('schema_migrations').where('version', '=', LATEST_VERSION).execute();
    await clinic.app.close();
    const refusal = moveToPostgres({ dataDir, keyFile: keyFileOf(dataDir), targetUrl });
    await expect(refusal).rejects.toMatchObject({ code: 'SOURCE_VERSION' });
    await expect(refusal).rejects.toThrow(`at version ${MIGRATIONS.at(-2)!.version}, not ${LATEST_VERSION}`);
    expect(await open(targetUrl).introspection.getTables()).toEqual([]);
  });
});
