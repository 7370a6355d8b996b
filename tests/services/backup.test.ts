import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createApp, type MedLinkApp } from '../../electron/core/app';
import { BackupProblem, restoreBackupSet, verifyBackupSet } from '../../electron/core/backup/backup-set';
import { checkDatabase } from '../../electron/core/db/sqlite-snapshot';
import { keyConnection } from '../../electron/core/db/sqlite-cipher';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/core/db/migrations/index';
import SQLite from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { decodeRecoveryCode } from '../../electron/core/secrets/recovery-code';
import { databaseKey } from '../../electron/core/secrets/database-key';
import { ADMIN_EMAIL, PASSWORD, databaseKeyOf, keyFileOf, newClinic, ok, recoveryCodeOf, refused, removeDataDir, signupPatient, tempDir, type Clinic } from '../helpers/clinic';
import { auditRows, countRows } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { addRecord, pdfWith } from '../helpers/records';
import { ist, practisingDoctor } from '../helpers/scheduling';
import { openSeat } from '../helpers/seat';

// Backups of a single-seat clinic: a set written while the clinic works, read back, restored on a new computer;
// damaged sets and unusable folders refused with the live data untouched.

const onPostgres = inject('postgresUrl') !== undefined;

/** Every table's rows, hashed in a fixed order (a table's rows as canonical JSON, sorted). */
async function tableHashes(app: Pick<MedLinkApp, 'deps'>): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const { name } of await app.deps.db.introspection.getTables()) {
    const rows = (await app.deps.db.selectFrom(name as never).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
    hashes[name] = createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  return hashes;
}

/** A folder for backup sets, removed when the test ends. */
function backupFolder(): string {
  const folder = tempDir();
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

async function filledClinic() {
  const clinic = await newClinic();
  const doctor = await practisingDoctor(clinic);
  const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni', phone: '9822011111' }));
  ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', '09:00'), mode: 'in_person' }, asha.token));
  const pdf = await pdfWith('Haemoglobin 13.2 g/dL');
  const record = await addRecord(clinic, asha.token, pdf);
  return { clinic, doctor, asha, pdf, record };
}

async function backUp(clinic: Clinic, folder: string) {
  ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, clinic.adminToken));
  const outcome = await clinic.app.deps.backups.run('asked', null);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.path;
}

const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((p) => statSync(join(dir, p)).isFile()).sort() : [];

describe.skipIf(onPostgres)('backups of a clinic on this computer (SQLite; on PostgreSQL the server keeps the backups)', () => {
  it('writes a verified, encrypted set with its manifest, keeps it in the history and the audit log', async () => {
    const { clinic } = await filledClinic();
    const folder = backupFolder();
    ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, clinic.adminToken));
    ok(await clinic.call('backup.start', {}, clinic.adminToken));
    // Under way at once, then done: the screen follows it through backup.status.
    expect(ok(await clinic.call('backup.status', {}, clinic.adminToken)).running).not.toBeNull();
    // A second one a minute later waits for the first; retention then keeps the day's newest set only.
    clinic.clock.advanceMinutes(1);
    await clinic.app.deps.backups.run('asked', null);
    const status = ok(await clinic.call('backup.status', {}, clinic.adminToken));
    expect(status.running).toBeNull();
    expect(status.history).toHaveLength(2);
    expect(status.history.every((h) => h.problem === null && h.bytes! > 0 && h.folder === folder)).toBe(true);

    const [name] = readdirSync(folder);
    const set = join(folder, name!);
    const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 1, medlinkVersion: '0.1.0', createdAt: clinic.clock.now().toISOString() });
    expect(manifest.counts).toMatchObject({ appointments: 1, medical_records: 1, patient_info: 1 });
    // The record's file and its description, still sealed, and the database, still encrypted: no health data in the clear.
    expect(manifest.parts.map((p: { path: string }) => p.path).filter((p: string) => p.startsWith('files/'))).toHaveLength(2);
    const database = readFileSync(join(set, 'medlink.sqlite'));
    expect(database.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(database.includes(Buffer.from('Kulkarni'))).toBe(false);
    for (const p of filesUnder(join(set, 'files')).filter((f) => !f.endsWith('.json'))) expect(readFileSync(join(set, 'files', p)).includes(Buffer.from('Haemoglobin'))).toBe(false);
    expect(checkDatabase(join(set, 'medlink.sqlite'), databaseKeyOf(clinic.dataDir)).integrity).toBe('ok');

    const made = await auditRows(clinic.app, 'backup.made');
    expect(made).toHaveLength(2);
    expect(JSON.parse(made[1]!.detail)).toEqual({ name: set });
  });

  it('restores on a new computer with the recovery code: every table hashes equal and every file reads back', async () => {
    const { clinic, asha, pdf, record } = await filledClinic();
    const folder = backupFolder();
    const set = await backUp(clinic, folder);
    const code = await recoveryCodeOf(clinic);
    const before = await tableHashes(clinic.app);
    await clinic.app.close();
    // The old computer is gone: its data folder and its key file.
    removeDataDir(clinic.dataDir);

    const newComputer = tempDir();
    onTestFinished(() => removeDataDir(newComputer));
    const clinicKey = decodeRecoveryCode(code.replaceAll('-', ''))!;
    await restoreBackupSet({ dataDir: newComputer, setDir: set, databaseKey: databaseKey(clinicKey), now: clinic.clock.now() });
    const app = await createApp({ dataDir: newComputer, keyFile: keyFileOf(newComputer), clock: clinic.clock, bcryptCost: 4, enrolKey: clinicKey, log: () => undefined });
    onTestFinished(() => app.close());
    const after = await tableHashes(app);
    // The backup's own history row and audit row were written after its snapshot.
    expect(after).toEqual({ ...before, backups: after.backups, audit_log: after.audit_log, audit_patients: after.audit_patients });
    expect(await countRows(app)).toMatchObject({ backups: 0 });

    const call = app.dispatch as Clinic['call'];
    ok(await call('clinicKey.enrol', { recoveryCode: code }));
    const login = ok(await call('auth.login', { email: asha.email, password: asha.password, portal: 'patient' }));
    const file = ok(await call('records.file', { recordId: record.id }, login.token));
    expect(Buffer.from(file.base64, 'base64')).toEqual(pdf);
    expect(ok(await call('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' })).user.roles).toContain('admin');
  });

  it('refuses a damaged set (a flipped byte, a missing file, a newer MedLink) and changes nothing', async () => {
    const { clinic } = await filledClinic();
    const folder = backupFolder();
    const set = await backUp(clinic, folder);
    const key = databaseKeyOf(clinic.dataDir);
    await clinic.app.close();
    const live = filesUnder(clinic.dataDir).map((p) => [p, createHash('sha256').update(readFileSync(join(clinic.dataDir, p))).digest('hex')]);

    const damaged = async (name: string, damage: (copy: string) => void) => {
      const copy = join(folder, name);
      execFileSync('cp', ['-a', set, copy]);
      damage(copy);
      const problem = await restoreBackupSet({ dataDir: clinic.dataDir, setDir: copy, databaseKey: key, now: new Date() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(problem).toBeInstanceOf(BackupProblem);
      const now = filesUnder(clinic.dataDir).map((p) => [p, createHash('sha256').update(readFileSync(join(clinic.dataDir, p))).digest('hex')]);
      expect(now).toEqual(live);
      return problem as BackupProblem;
    };
    const flip = (file: string, at: number) => {
      const bytes = readFileSync(file);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
    };
    const recordFile = (copy: string) => join(copy, 'files', filesUnder(join(copy, 'files')).find((p) => !p.endsWith('.json'))!);

    const db = await damaged('flipped-db', (copy) => flip(join(copy, 'medlink.sqlite'), 5000));
    expect(db.code).toBe('part_damaged');
    expect(db.message).toBe('medlink.sqlite in the backup set has been damaged or changed since it was written. It cannot be restored.');
    expect((await damaged('flipped-file', (copy) => flip(recordFile(copy), 40))).code).toBe('part_damaged');
    const missing = await damaged('missing-file', (copy) => rmSync(recordFile(copy)));
    expect(missing.code).toBe('part_missing');
    expect(missing.message).toMatch(/^The backup set is missing files\/[0-9a-f]{2}\/[0-9a-f-]{36}\. It cannot be restored\.$/);
    const newer = await damaged('newer', (copy) => {
      const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
      writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, medlinkVersion: '9.0.0', schemaVersion: 999 }));
    });
    expect(newer.code).toBe('newer');
    expect(newer.message).toMatch(/^This backup was made by a newer MedLink \(9\.0\.0, database version 999;/);
    // Another clinic's key opens nothing.
    const other = await restoreBackupSet({ dataDir: clinic.dataDir, setDir: set, databaseKey: Buffer.alloc(32, 1), now: new Date() }).catch((e: unknown) => e);
    expect((other as BackupProblem).code).toBe('wrong_key');
  });

  it('reports a read-only or full backup folder, leaves the live data as it was and tries again sooner', async (t) => {
    const { clinic } = await filledClinic();
    const mount = (options: string) => {
      const dir = backupFolder();
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
      } catch {
        return null;
      }
      onTestFinished(() => void execFileSync('umount', [dir]));
      return dir;
    };
    const full = mount('size=64k');
    if (!full) t.skip('needs to mount a small tmpfs (root in a container that allows it)');
    const readOnly = mount('ro,size=64k')!;
    ok(await clinic.call('backup.saveSettings', { folder: full!, time: '18:00' }, clinic.adminToken));
    const hashes = await tableHashes(clinic.app);

    const outcome = await clinic.app.deps.backups.run('scheduled', null);
    expect(outcome).toEqual({ ok: false, code: 'folder_full', problem: `The backup folder ${full} is full. Free some space or choose a larger drive.` });
    // Nothing half-written is left in the folder.
    expect(readdirSync(full!)).toEqual([]);

    // A read-only folder cannot even be chosen; one that became read-only is reported when the backup runs.
    const chosen = refused(await clinic.call('backup.saveSettings', { folder: readOnly, time: '18:00' }, clinic.adminToken));
    expect(chosen.fields).toEqual({ folder: 'backup_folder_readonly' });
    await clinic.app.deps.db.updateTable('settings').set({ value: readOnly }).where('key', '=', 'backup.folder').execute();
    expect(await clinic.app.deps.backups.run('scheduled', null)).toMatchObject({ ok: false, code: 'folder_readonly' });

    const status = ok(await clinic.call('backup.status', {}, clinic.adminToken));
    expect(status.history.map((h) => h.problem)).toEqual(['folder_readonly', 'folder_full']);
    const after = await tableHashes(clinic.app);
    expect(after).toEqual({ ...hashes, backups: after.backups, audit_log: after.audit_log, settings: after.settings });
    expect((await auditRows(clinic.app, 'backup.failed')).map((r) => JSON.parse(r.detail).reason)).toEqual([
      `The backup folder ${full} is full. Free some space or choose a larger drive.`,
      `MedLink may not write in the backup folder ${readOnly}. Choose another folder, or give MedLink's user the right to write there.`,
    ]);
  });

  it('backs up a clinic before migrations change its database', async () => {
    const { clinic } = await filledClinic();
    const folder = backupFolder();
    ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, clinic.adminToken));
    await clinic.app.close();
    // As an older MedLink left it: without the newest migration (the search guard's index).
    const raw = new SQLite(join(clinic.dataDir, 'medlink.sqlite'));
    keyConnection(raw, databaseKeyOf(clinic.dataDir));
    raw.exec(`drop index doctor_info_unsearchable; delete from schema_migrations where version = ${LATEST_VERSION}`);
    raw.close();

    const app = await createApp({ dataDir: clinic.dataDir, keyFile: keyFileOf(clinic.dataDir), clock: clinic.clock, bcryptCost: 4, log: () => undefined });
    onTestFinished(() => app.close());
    const [attempt] = await app.deps.db.selectFrom('backups').selectAll().execute();
    expect(attempt).toMatchObject({ reason: 'before_migration', problem: null, folder });
    const manifest = JSON.parse(readFileSync(join(folder, attempt!.set_name!, 'manifest.json'), 'utf8'));
    // The set is of the database as it was, before the migration.
    expect(manifest.schemaVersion).toBe(MIGRATIONS.at(-2)!.version);
    expect(manifest.counts.readings).toBeDefined();
  });

  it('warns staff when the last good backup is more than two days old', async () => {
    const { clinic } = await filledClinic();
    expect(ok(await clinic.call('backup.warning', {}, clinic.adminToken))).toEqual({ stale: false, lastGoodAt: null });
    // Two days on (signed in again: a session ends after 15 idle minutes), a clinic never backed up is warned.
    const signIn = async () => ok(await clinic.call('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' })).token;
    clinic.clock.advanceMinutes(2 * 24 * 60 + 1);
    expect(ok(await clinic.call('backup.warning', {}, await signIn())).stale).toBe(true);
    const folder = backupFolder();
    const token = await signIn();
    ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, token));
    await clinic.app.deps.backups.run('asked', null);
    expect(ok(await clinic.call('backup.warning', {}, token))).toEqual({ stale: false, lastGoodAt: clinic.clock.now().toISOString() });
    clinic.clock.advanceMinutes(2 * 24 * 60 - 1);
    expect(ok(await clinic.call('backup.warning', {}, await signIn())).stale).toBe(false);
    clinic.clock.advanceMinutes(2);
    expect(ok(await clinic.call('backup.warning', {}, await signIn())).stale).toBe(true);
  });
});

describe('backups while the clinic works', () => {
  it(`stays consistent while another process books appointments on ${onPostgres ? 'PostgreSQL' : 'SQLite'}: every booking in a set is whole`, async () => {
    const clinic = await newClinic();
    const doctor = await practisingDoctor(clinic);
    const patient = await signupPatient(clinic);
    const folder = backupFolder();
    ok(await clinic.call('backup.saveSettings', { folder, time: '18:00' }, clinic.adminToken));
    const seat = await openSeat(clinic);
    // 16 weekday mornings of 15-minute slots: 9:00 to 12:45 on each day from 3 March.
    const days = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
    const starts = days.flatMap((d) => Array.from({ length: 16 }, (_, i) => ist(d, `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`)));
    const booking = seat.dispatch(starts.map((start) => ({ channel: 'appointments.book', input: { doctorId: doctor.doctorId, start, mode: 'in_person' }, token: patient.token })));
    const key = databaseKeyOf(clinic.dataDir);
    let checked = 0;
    for (let i = 0; i < 3; i++) {
      clinic.clock.advanceMinutes(1);
      const outcome = await clinic.app.deps.backups.run('asked', null);
      if (!outcome.ok) throw new Error(outcome.problem);
      // Checked at once: retention keeps one set a day, so the next one replaces it.
      await verifyBackupSet(outcome.path, key);
      const restoredDir = tempDir();
      onTestFinished(() => removeDataDir(restoredDir));
      // Each set opened as a clinic of its own: every appointment in it has its history row, and the numbers have no gap.
      writeFileSync(keyFileOf(restoredDir), readFileSync(keyFileOf(clinic.dataDir)));
      await restoreBackupSet({ dataDir: restoredDir, setDir: outcome.path, databaseKey: key, now: clinic.clock.now() });
      const copy = await createApp({ dataDir: restoredDir, keyFile: keyFileOf(restoredDir), clock: clinic.clock, bcryptCost: 4, log: () => undefined });
      try {
        const appointments = await copy.deps.db.selectFrom('appointments').select(['id', 'number']).execute();
        const booked = await copy.deps.db.selectFrom('appointment_history').select('appointment_id').where('change', '=', 'booked').execute();
        expect(new Set(booked.map((b) => b.appointment_id))).toEqual(new Set(appointments.map((a) => a.id)));
        expect(appointments.map((a) => a.number).sort((a, b) => a - b)).toEqual(appointments.map((_, n) => n + 1));
        checked += appointments.length;
      } finally {
        await copy.close();
      }
    }
    const results = await booking;
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    // The sets were taken while bookings went on, not all before or after them.
    expect(checked).toBeGreaterThan(0);
  }, 240_000);

});

describe('backups on a database server', () => {
  it.runIf(onPostgres)('are written from the database into the folder, and a set is not restored over the clinic in use', async () => {
    const { clinic } = await filledClinic();
    const folder = backupFolder();
    expect(ok(await clinic.call('backup.status', {}, clinic.adminToken))).toMatchObject({ database: 'server', history: [] });
    const set = await backUp(clinic, folder);
    const status = ok(await clinic.call('backup.status', {}, clinic.adminToken));
    expect(status.history).toMatchObject([{ problem: null, setName: basename(set) }]);
    // The same shape as a single computer's set: the database as an encrypted SQLite file, the files beside it.
    const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ appointments: 1, medical_records: 1, files: 0 });
    expect(manifest.parts.filter((p: { path: string }) => p.path.startsWith('files/'))).toHaveLength(2);
    expect(readFileSync(join(set, 'medlink.sqlite')).includes(Buffer.from('Kulkarni'))).toBe(false);
    expect(ok(await clinic.call('backup.sets', {}, clinic.adminToken)).sets).toMatchObject([{ name: basename(set), counts: { appointments: 1, records: 1, files: 1 } }]);
    expect(ok(await clinic.call('backup.warning', {}, clinic.adminToken)).stale).toBe(false);

    const refusal = refused(await clinic.call('backup.restore', { name: basename(set) }, clinic.adminToken));
    expect(refusal.message).toMatch(/^This clinic's database is on a server, which MedLink does not overwrite while the clinic uses it\./);
  });

  it.runIf(onPostgres)('reads one snapshot: a change committed while the set is being read is not in it, even in a table read later', async () => {
    const { clinic } = await filledClinic();
    ok(await clinic.call('backup.saveSettings', { folder: backupFolder(), time: '18:00' }, clinic.adminToken));
    // Another seat holds the appointments table, so the backup stops there, after the tables before it (appointment_history…).
    const other = new pg.Client({ connectionString: clinic.databaseUrl });
    await other.connect();
    onTestFinished(() => other.end());
    await other.query('begin');
    await other.query('lock table appointments in access exclusive mode');
    const backup = clinic.app.deps.backups.run('asked', null);
    await expect
      .poll(async () => (await other.query("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and application_name = 'MedLink'")).rows[0].n)
      .toBe(1);
    await other.query("update appointments set reason = 'changed while the backup was read'");
    await other.query('commit');
    const outcome = await backup;
    if (!outcome.ok) throw new Error(outcome.problem);
    const copy = new SQLite(join(outcome.path, 'medlink.sqlite'), { readonly: true });
    keyConnection(copy, databaseKey(clinic.app.deps.keyring.clinicKey()));
    expect(copy.prepare('select reason from appointments').pluck().all()).toEqual([null]);
    copy.close();
  });
});
