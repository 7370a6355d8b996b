import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createApp } from '../../electron/core/app';
import { readSmtpConfig } from '../../electron/core/mail/mail-settings';
import { ADMIN_EMAIL, keyFileOf, ok, PASSWORD, removeDataDir, tempDir } from '../helpers/clinic';
import { testClock } from '../helpers/clock';
import { smtpServer } from '../helpers/smtp';

// A data folder written by MedLink before encryption at rest (tests/fixtures/old-data-folder, made by
// tests/fixtures/make-old-data-folder.ts from commit f780649's code): a plain database, the clinic key inside the
// folder, a doctor's photo stored plain. Opened by this MedLink it is encrypted in place, its key moves out, its
// photo is sealed, and everything in it reads back. (SQLite only: a clinic on PostgreSQL keeps no database here.)

const FIXTURE = join(import.meta.dirname, '../fixtures/old-data-folder');
const made = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/old-data-folder.json'), 'utf8')) as { doctorId: number; appointmentId: number; photo: string };
const onPostgres = inject('postgresUrl') !== undefined;

const allFiles = (dir: string) =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe.skipIf(onPostgres)('a data folder from before encryption at rest', () => {
  it('starts, is encrypted in place with no plain copy left (its WAL included), and every earlier row and photo reads back', async () => {
    const dataDir = tempDir();
    onTestFinished(() => removeDataDir(dataDir));
    // As MedLink left it while running: a change still in the WAL, not yet in the database file.
    const plain = new SQLite(join(FIXTURE, 'medlink.sqlite'), { readonly: true });
    const counts = Object.fromEntries(
      (plain.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]).map(({ name }) => [
        name,
        (plain.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
      ]),
    );
    plain.close();
    cpSync(FIXTURE, dataDir, { recursive: true });
    const writer = new SQLite(join(dataDir, 'medlink.sqlite'));
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("update appointments set reason = 'CANARY-OLD-WAL fever' where id = ?").run(made.appointmentId);
    const copy = tempDir();
    onTestFinished(() => removeDataDir(copy));
    for (const name of ['medlink.sqlite', 'medlink.sqlite-wal', 'medlink.sqlite-shm']) cpSync(join(dataDir, name), join(copy, name));
    writer.close();
    // The folder as a crash would leave it: the database file and its WAL.
    for (const name of ['medlink.sqlite', 'medlink.sqlite-wal', 'medlink.sqlite-shm']) cpSync(join(copy, name), join(dataDir, name));
    expect(readFileSync(join(dataDir, 'medlink.sqlite-wal')).includes('CANARY-OLD-WAL')).toBe(true);

    const clock = testClock('2026-03-02T05:00:00.000Z');
    const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock, bcryptCost: 4, log: () => undefined });
    onTestFinished(() => app.close());

    // The key left the folder; the database and the photo are no longer readable as they were.
    expect(existsSync(join(dataDir, 'clinic.key'))).toBe(false);
    expect(existsSync(keyFileOf(dataDir))).toBe(true);
    expect(readFileSync(join(dataDir, 'medlink.sqlite')).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    await app.deps.audit.flush();
    for (const canary of ['CANARY-OLD-ALLERGY', 'CANARY-OLD-REASON', 'CANARY-OLD-WAL', 'CANARY-OLD-SECRET', 'rohan.mehta@sunrise.in']) {
      expect(allFiles(dataDir).filter((f) => readFileSync(f).includes(canary)), canary).toEqual([]);
    }
    const photo = Buffer.from(made.photo, 'base64');
    expect(allFiles(join(dataDir, 'files')).some((f) => readFileSync(f).includes(photo.subarray(16, 48)))).toBe(false);
    // Nothing beside the database: no plain copy, no journal.
    expect(readdirSync(dataDir).filter((n) => n.startsWith('medlink.sqlite')).sort()).toEqual(expect.arrayContaining(['medlink.sqlite']));
    expect(readdirSync(dataDir).filter((n) => /encrypting|journal/.test(n))).toEqual([]);

    // Every table kept its rows (and the new tables are there, empty).
    for (const [table, n] of Object.entries(counts)) {
      // These grow as the clinic opens: a migration, sign-ins, keys and settings, audit rows.
      if (['audit_log', 'schema_migrations', 'sessions', 'settings'].includes(table)) continue;
      const row = await app.deps.db.selectFrom(table as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect([table, Number(row.n)]).toEqual([table, n]);
    }
    const call = (channel: string, input: unknown, token?: string) => app.dispatch(channel, input, token);
    const admin = ok(await call('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' })) as { token: string };
    expect(ok(await call('admin.verifyAudit', {}, admin.token))).toMatchObject({ intact: true, problems: [] });
    expect((await readSmtpConfig(app.deps.db, app.deps.keyring.secrets))!.password).toBe('smtp-CANARY-OLD-SECRET');

    const patient = ok(await call('auth.login', { email: 'asha@example.in', password: PASSWORD, portal: 'patient' })) as { token: string };
    expect(ok(await call('patients.me', {}, patient.token))).toMatchObject({ fullName: 'Asha Kulkarni', allergies: 'CANARY-OLD-ALLERGY penicillin' });
    const mine = ok(await call('appointments.mine', {}, patient.token)) as { upcoming: { id: number; reason: string | null }[] };
    expect(mine.upcoming).toEqual([expect.objectContaining({ id: made.appointmentId, reason: 'CANARY-OLD-WAL fever' })]);

    const doctor = ok(await call('auth.login', { email: 'rohan.mehta@sunrise.in', password: PASSWORD, portal: 'clinic' })) as { token: string };
    expect(ok(await call('doctors.myProfile', {}, doctor.token))).toMatchObject({ photo: `data:image/png;base64,${made.photo}` });
    expect(ok(await call('doctors.profile', { doctorId: made.doctorId }, patient.token))).toMatchObject({ fullName: 'Dr Rohan Mehta' });

    // The mail the old MedLink queued and never sent goes out as it was written then (its wording, its invitation).
    const smtp = await smtpServer();
    ok(await call('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'desk@sunrise.in' }, admin.token));
    expect(await app.sender.runOnce()).toEqual({ done: 3, failed: 0 });
    expect(smtp.received.map((r) => [r.envelopeTo[0], r.mail.subject])).toEqual([
      ['rohan.mehta@sunrise.in', 'Your MedLink doctor account is verified'],
      ['asha@example.in', 'Appointment confirmed with Dr Rohan Mehta on 3 March 2026, 09:00'],
      ['rohan.mehta@sunrise.in', 'New appointment: Asha Kulkarni on 3 March 2026, 09:00'],
    ]);
    const confirmation = smtp.received[1]!.mail;
    expect(confirmation.text).toContain('Dear Asha Kulkarni,');
    expect(confirmation.attachments.map((a) => a.contentType)).toContain('text/calendar');

    // Started again: already encrypted and sealed, it simply opens.
    await app.close();
    const again = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock, bcryptCost: 4, log: () => undefined });
    onTestFinished(() => again.close());
    expect(ok(await again.dispatch('auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' }))).toBeTruthy();
  });
});
