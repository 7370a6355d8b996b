import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createApp, type MedLinkApp } from '../../electron/core/app';
import { restoreBackupSet, type Manifest } from '../../electron/core/backup/backup-set';
import { restoreIntoPostgres } from '../../electron/core/backup/restore-postgres';
import { openDatabase } from '../../electron/core/db/dialects';
import { MoveRefusedError } from '../../electron/core/db/move-to-postgres';
import { databaseKey } from '../../electron/core/secrets/database-key';
import { decodeRecoveryCode, encodeRecoveryCode } from '../../electron/core/secrets/recovery-code';
import { seatKeyFile } from '../../electron/core/secrets/seat-key';
import { startSeat } from '../../electron/core/seat/seat';
import { issueBill, billingClinic, line } from '../helpers/billing';
import { ADMIN_EMAIL, keyFileOf, newClinic, ok, PASSWORD, recoveryCodeOf, refused, removeDataDir, tempDir, type Clinic } from '../helpers/clinic';
import { tableContent } from '../helpers/db';
import { freshDatabase } from '../helpers/postgres-database';
import { addRecord, pdfWith } from '../helpers/records';

// The restore drill: a clinic with bookings, bills and records is backed up, its computer is lost, and the set is
// restored with the recovery code on a new computer (SQLite) or into an empty PostgreSQL database. A set made on
// either database restores to either: in the sqlite project the clinic is on SQLite, in the postgres project on
// PostgreSQL (whose sets are written from one repeatable-read snapshot).

const postgresUrl = inject('postgresUrl');

/**
 * The rows a restore must bring back, read before the backup (the backup's own history and audit rows come after
 * its snapshot). The file store's table is left out: files travel as files (a server's are in its `files` table,
 * a single computer's in its data folder), and are compared by reading each one back. schema_migrations: versions only.
 */
async function clinicContent(db: Kysely<any>): Promise<Record<string, string[]>> {
  const content: Record<string, string[]> = {};
  for (const { name } of await db.introspection.getTables()) {
    if (name === 'files') continue;
    content[name] = name === 'schema_migrations' ? (await db.selectFrom(name).select('version').orderBy('version').execute()).map((r) => String(r.version)) : await tableContent(db, name);
  }
  return content;
}

const call = (app: Pick<MedLinkApp, 'dispatch'>): Clinic['call'] => (channel, input, token) => app.dispatch(channel, input, token) as never;

/** A clinic with two visits, an issued bill and a patient's record, backed up; the old computer is then gone. */
async function backedUpClinic(options: { onSqlite?: boolean } = {}) {
  const clinic = await newClinic(options.onSqlite ? { app: { databaseUrl: undefined } } : {});
  const { desk, asha, appointments } = await billingClinic(clinic, 2);
  await issueBill(clinic, desk.token, appointments[0]!, [line('Consultation', 50_000), line('Paracetamol 500 mg', 3_000, { category: 'medication', quantity: 2 })]);
  const pdf = await pdfWith('Haemoglobin 13.2 g/dL');
  const record = await addRecord(clinic, asha.token, pdf);
  const code = await recoveryCodeOf(clinic);
  const folder = tempDir();
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, clinic.adminToken));
  const content = await clinicContent(clinic.app.deps.db as never);
  const outcome = await clinic.app.deps.backups.run('asked', null);
  if (!outcome.ok) throw new Error(outcome.problem);
  const manifest = JSON.parse(readFileSync(join(outcome.path, 'manifest.json'), 'utf8')) as Manifest;
  const fileIds = manifest.parts.map((p) => /^files\/..\/([0-9a-f-]{36})$/.exec(p.path)?.[1]).filter((id): id is string => !!id);
  const files = new Map<string, Buffer>();
  for (const id of fileIds) files.set(id, (await clinic.app.deps.files.get(id))!.bytes);
  await clinic.close();
  return { set: outcome.path, manifest, code, clinicKey: decodeRecoveryCode(code.replaceAll('-', ''))!, content, files, asha, record, pdf, clock: clinic.clock };
}

type BackedUp = Awaited<ReturnType<typeof backedUpClinic>>;

/** What the restored clinic must show once this computer is enrolled: every file readable, the patient's record and the administrator's sign-in. */
async function expectReadable(app: Pick<MedLinkApp, 'dispatch' | 'deps'>, was: BackedUp) {
  expect(was.files.size).toBeGreaterThanOrEqual(2);
  for (const [id, bytes] of was.files) expect((await app.deps.files.get(id))?.bytes.equals(bytes), id).toBe(true);
  const login = ok(await call(app)('auth.login', { email: was.asha.email, password: was.asha.password, portal: 'patient' }));
  const file = ok(await call(app)('records.file', { recordId: was.record.id }, login.token));
  expect(Buffer.from(file.base64, 'base64').equals(was.pdf)).toBe(true);
  expect(ok(await call(app)('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' })).user.roles).toContain('admin');
}

/** A new computer's empty data folder, removed when the test ends. */
function newComputer(): string {
  const dataDir = tempDir();
  onTestFinished(() => removeDataDir(dataDir));
  return dataDir;
}

describe('the restore drill', () => {
  it(`restores a clinic backed up on ${postgresUrl ? 'PostgreSQL' : 'SQLite'} onto a new computer with the recovery code`, async () => {
    const was = await backedUpClinic();
    expect(was.manifest.counts).toMatchObject({ appointments: 2, bills: 1, medical_records: 1, files: 0 });
    const dataDir = newComputer();
    await restoreBackupSet({ dataDir, setDir: was.set, databaseKey: databaseKey(was.clinicKey), now: was.clock.now() });
    const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock: was.clock, bcryptCost: 4, enrolKey: was.clinicKey, log: () => undefined });
    onTestFinished(() => app.close());
    // Every table's rows as they were, read before anything is written on the new computer.
    expect(await clinicContent(app.deps.db as never)).toEqual(was.content);
    ok(await call(app)('clinicKey.enrol', { recoveryCode: was.code }));
    await expectReadable(app, was);
  });
});

describe("the first run's restore from a backup", () => {
  it('takes the clinic from a set with the recovery code, refuses a damaged set or another code with nothing changed, then opens on it', async () => {
    const was = await backedUpClinic();
    const dataDir = newComputer();
    const seat = startSeat({ dataDir, createApp, appOptions: { keyFile: keyFileOf(dataDir), clock: was.clock, bcryptCost: 4 }, log: () => undefined });
    onTestFinished(() => seat.close());
    await seat.whenReady();
    const firstRun = call(seat);
    const folder = dirname(was.set);
    const name = basename(was.set);

    // What the folder holds, from the set's own folder or the backup folder.
    const found = ok(await firstRun('backup.findSets', { path: folder }));
    expect(found).toMatchObject({ folder, sets: [{ name, counts: { patients: 2, appointments: 2, records: 1 } }], unreadable: [] });
    expect(ok(await firstRun('backup.findSets', { path: was.set })).sets.map((s) => s.name)).toEqual([name]);
    expect(refused(await firstRun('backup.findSets', { path: join(folder, 'not-there') })).fields).toEqual({ path: 'backup_folder_missing' });

    // A flipped byte, another clinic's code, a typing mistake: refused, and this computer is as it was.
    const files = readdirSync(dataDir).sort();
    const damaged = join(folder, 'damaged');
    mkdirSync(damaged);
    execFileSync('cp', ['-a', was.set, damaged]);
    const db = readFileSync(join(damaged, name, 'medlink.sqlite'));
    db[4096] = db[4096]! ^ 1;
    writeFileSync(join(damaged, name, 'medlink.sqlite'), db);
    const flipped = refused(await firstRun('backup.restoreNew', { folder: damaged, name, recoveryCode: was.code }));
    expect(flipped).toMatchObject({ fields: { path: 'backup_part_damaged' }, message: 'medlink.sqlite in the backup set has been damaged or changed since it was written. It cannot be restored.' });
    const otherCode = encodeRecoveryCode(randomBytes(32));
    expect(refused(await firstRun('backup.restoreNew', { folder, name, recoveryCode: otherCode })).fields).toEqual({ recoveryCode: 'code_other_clinic' });
    expect(refused(await firstRun('backup.restoreNew', { folder, name, recoveryCode: `${was.code.slice(0, -1)}${was.code.endsWith('A') ? 'B' : 'A'}` })).fields).toEqual({ recoveryCode: 'code_typo' });
    expect(readdirSync(dataDir).sort()).toEqual(files);
    expect(ok(await firstRun('setup.status', {})).needsSetup).toBe(true);

    ok(await firstRun('backup.restoreNew', { folder, name, recoveryCode: was.code }));
    // Calls wait while the seat swaps the clinics; the restored one answers.
    expect(ok(await firstRun('setup.status', {}))).toMatchObject({ needsSetup: false, enrolled: true, clinicName: 'Sunrise Clinic' });
    const restored = seat.ready()!;
    const content = await clinicContent(restored.deps.db as never);
    // Its own history starts after the set's snapshot: once started, the restored clinic takes its daily backup
    // (here refused: the test clock stands still, so the new set would have the restored one's name).
    expect({ ...content, audit_log: [], backups: [] }).toEqual({ ...was.content, audit_log: [], backups: [] });
    const added = content.audit_log!.filter((row) => !was.content.audit_log!.includes(row));
    expect(content.audit_log!.length - added.length).toBe(was.content.audit_log!.length);
    expect(added.filter((row) => row.includes('"backup.restored"'))).toHaveLength(1);
    // The empty clinic kept aside while the restored one opened and was checked is gone; the key is the clinic's.
    expect(readdirSync(dataDir).filter((n) => n.startsWith('before-restore-'))).toEqual([]);
    expect(seatKeyFile(keyFileOf(dataDir)).read()!.equals(was.clinicKey)).toBe(true);
    await expectReadable(restored, was);
    expect(refused(await firstRun('backup.restoreNew', { folder, name, recoveryCode: was.code })).code).toBe('SETUP_DONE');
  });
});

describe.skipIf(!postgresUrl)('restoring into PostgreSQL (needs a PostgreSQL server: runs in the postgres project only)', () => {
  /** An empty database on the test cluster, dropped when the test ends. */
  async function emptyDatabase() {
    const database = (await freshDatabase())!;
    onTestFinished(() => database.drop());
    return database.url;
  }

  /** A computer of the restored clinic: its own data folder on the server, enrolled with the recovery code. */
  async function seatOn(url: string, was: BackedUp) {
    const dataDir = newComputer();
    const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), databaseUrl: url, clock: was.clock, bcryptCost: 4, log: () => undefined });
    onTestFinished(() => app.close());
    ok(await call(app)('clinicKey.enrol', { recoveryCode: was.code }));
    return app;
  }

  /** The database at `url`, opened as the tests read it. */
  function open(url: string) {
    const db = openDatabase({ kind: 'postgres', url }).kysely;
    onTestFinished(() => db.destroy());
    return db;
  }

  it.each([['SQLite', true], ['PostgreSQL', false]])('restores a set made on %s into an empty database', async (_, onSqlite) => {
    const was = await backedUpClinic({ onSqlite });
    const url = await emptyDatabase();
    const report = await restoreIntoPostgres({ setDir: was.set, clinicKey: was.clinicKey, targetUrl: url, now: was.clock.now() });
    expect(report.files).toBe(was.files.size);
    expect(report.tables.find((t) => t.name === 'bills')?.rows).toBe(1);
    expect(await clinicContent(open(url) as never)).toEqual(was.content);
    await expectReadable(await seatOn(url, was), was);
  });

  it('refuses a database that is not empty (here: one already restored into), and changes nothing in it', async () => {
    const was = await backedUpClinic();
    const url = await emptyDatabase();
    await restoreIntoPostgres({ setDir: was.set, clinicKey: was.clinicKey, targetUrl: url, now: was.clock.now() });
    const db = open(url);
    const before = await clinicContent(db as never);
    const refusal = await restoreIntoPostgres({ setDir: was.set, clinicKey: was.clinicKey, targetUrl: url, now: was.clock.now() }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MoveRefusedError);
    expect((refusal as MoveRefusedError).code).toBe('TARGET_NOT_EMPTY');
    expect((refusal as Error).message).toMatch(/^The target database is not empty; nothing was copied\. It already holds public\.appointment_history, /);
    expect(await clinicContent(db as never)).toEqual(before);
  });
});
