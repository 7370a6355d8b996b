import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { createApp, type MedLinkApp } from '../../electron/core/app';
import { startSeat, type Seat } from '../../electron/core/seat/seat';
import { DatabaseLockedError } from '../../electron/core/secrets/database-key';
import { readSmtpConfig } from '../../electron/core/mail/mail-settings';
import { encodeRecoveryCode } from '../../electron/core/secrets/recovery-code';
import type { KeyProtection } from '../../electron/core/secrets/seat-key';
import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { ADMIN_EMAIL, keyFileOf, newClinic, ok, PASSWORD, readyFrontDesk, recoveryCodeOf, refused, removeDataDir, signIn, tempDir, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { openAgain } from '../helpers/smtp';

const SMTP_PASSWORD = 'correct-horse-battery-7';

const call = <C extends ChannelName>(app: Pick<MedLinkApp, 'dispatch'>, channel: C, input: Input<C>, token?: string) =>
  app.dispatch(channel, input, token) as Promise<Result<Output<C>>>;

/**
 * A computer that was never enrolled, on the clinic's database, as MedLink runs it (a seat): on PostgreSQL a
 * second seat with its own data folder beside the first; on SQLite the encrypted database file copied to another
 * folder without its key (the first seat closes), which no key the seat holds opens until it is enrolled.
 */
async function unenrolledSeat(clinic: Clinic, keyProtection?: KeyProtection) {
  const dataDir = tempDir();
  onTestFinished(() => removeDataDir(dataDir));
  if (!clinic.databaseUrl) {
    await clinic.app.close();
    copyFileSync(join(clinic.dataDir, 'medlink.sqlite'), join(dataDir, 'medlink.sqlite'));
  }
  return { seat: openSeat(clinic, dataDir, keyProtection), dataDir };
}

function openSeat(clinic: Clinic, dataDir: string, keyProtection?: KeyProtection): Seat {
  const seat = startSeat({
    dataDir,
    databaseUrl: clinic.databaseUrl,
    createApp,
    appOptions: { keyFile: keyFileOf(dataDir), keyProtection, clock: clinic.clock, bcryptCost: 4 },
    log: () => undefined,
  });
  onTestFinished(() => seat.close());
  return seat;
}

/** Runs `action` and checks it wrote nothing to the seat's database (the clinic's on PostgreSQL, the copied file on SQLite). */
async function nothingWritten<T>(clinic: Clinic, dataDir: string, action: () => Promise<T>): Promise<T> {
  if (clinic.databaseUrl) return expectNoWrites(clinic.app, action);
  const file = join(dataDir, 'medlink.sqlite');
  const before = readFileSync(file);
  const result = await action();
  expect(readFileSync(file).equals(before)).toBe(true);
  return result;
}

describe('the clinic key', () => {
  it('is made with the clinic: the seat keeps it in an owner-only file outside the data folder, the database only a check and sealed secrets', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('setup.status', {}))).toMatchObject({ needsSetup: false, enrolled: true });
    expect(existsSync(join(clinic.dataDir, 'clinic.key'))).toBe(false);
    expect(statSync(keyFileOf(clinic.dataDir)).mode & 0o777).toBe(0o600);
    const key = Buffer.from(JSON.parse(readFileSync(keyFileOf(clinic.dataDir), 'utf8')).key, 'base64');
    expect(key).toHaveLength(32);
    const settings = await clinic.app.deps.db.selectFrom('settings').selectAll().execute();
    const everything = JSON.stringify(settings);
    expect(everything).not.toContain(key.toString('base64'));
    expect(everything).not.toContain(key.toString('hex'));
    expect(settings.map((s) => s.key)).toEqual(expect.arrayContaining(['clinic_key.check', 'audit.key', 'records.key']));
    // The audit key in the database is sealed: what is stored is not the key the chain is hashed with.
    const sealedAuditKey = settings.find((s) => s.key === 'audit.key')!.value;
    expect(sealedAuditKey).not.toContain(clinic.app.deps.keyring.auditKey().toString('base64'));
  });

  it('shows its recovery code only to an administrator who confirms their password, and audits it', async () => {
    const clinic = await newClinic();
    const wrong = await expectNoWrites(clinic.app, () => clinic.call('clinicKey.recoveryCode', { password: 'not-my-password' }, clinic.adminToken));
    expect(refused(wrong)).toMatchObject({ code: 'PASSWORD_WRONG', fields: { password: 'password_wrong' } });
    const desk = await readyFrontDesk(clinic);
    expect(refused(await clinic.call('clinicKey.recoveryCode', { password: PASSWORD }, desk.token)).code).toBe('FORBIDDEN');

    const code = await recoveryCodeOf(clinic);
    expect(code).toMatch(/^([A-Z2-9]{4}-){13}[A-Z2-9]{4}$/);
    expect(code).toBe(encodeRecoveryCode(clinic.app.deps.keyring.clinicKey()));
    expect(await auditRows(clinic.app, 'clinic_key.shown')).toHaveLength(1);
  });

  it('a seat never enrolled cannot read a shared secret or do anything but enrol', async () => {
    const clinic = await newClinic();
    ok(await clinic.call('mail.saveSettings', { host: 'smtp.sunrise.in', port: 587, security: 'starttls', user: 'desk@sunrise.in', password: SMTP_PASSWORD, from: 'desk@sunrise.in' }, clinic.adminToken));
    const { seat, dataDir } = await unenrolledSeat(clinic);

    expect(ok(await call(seat, 'setup.status', {}))).toMatchObject({ needsSetup: false, enrolled: false });
    const login = await call(seat, 'auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' });
    expect(refused(login)).toMatchObject({ code: 'NOT_ENROLLED', message: expect.stringContaining('recovery code') });
    expect(refused(await call(seat, 'mail.settings', {}, clinic.adminToken)).code).toBe('NOT_ENROLLED');
    if (clinic.databaseUrl) {
      // The core on its own: the database opens, the secrets do not.
      const app = await openAgain(clinic, { dataDir });
      await expect(readSmtpConfig(app.deps.db, app.deps.keyring.secrets)).rejects.toThrow(/not yet enrolled/);
      expect(() => app.deps.keyring.auditKey()).toThrow(/not yet enrolled/);
    } else {
      // On SQLite not even the database opens: it is encrypted under the key this computer lacks.
      await expect(openAgain(clinic, { dataDir })).rejects.toBeInstanceOf(DatabaseLockedError);
    }
  });

  it('enrols a new seat with the recovery code, which then reads what another seat sealed; one audit chain for both', async () => {
    const clinic = await newClinic();
    ok(await clinic.call('mail.saveSettings', { host: 'smtp.sunrise.in', port: 587, security: 'starttls', user: 'desk@sunrise.in', password: SMTP_PASSWORD, from: 'desk@sunrise.in' }, clinic.adminToken));
    const code = await recoveryCodeOf(clinic);
    const { seat, dataDir } = await unenrolledSeat(clinic);

    // A typing mistake, another clinic's code, a malformed code: each said plainly, nothing written, still not enrolled.
    const typo = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    const attempts: [string, string][] = [
      [typo, 'code_typo'],
      [encodeRecoveryCode(randomBytes(32)), 'code_other_clinic'],
      [code.slice(0, -5), 'code_invalid'],
      ['', 'code_required'],
    ];
    for (const [recoveryCode, field] of attempts) {
      const r = await nothingWritten(clinic, dataDir, () => call(seat, 'clinicKey.enrol', { recoveryCode }));
      expect(refused(r)).toMatchObject({ code: 'VALIDATION', fields: { recoveryCode: field } });
    }
    expect(ok(await call(seat, 'setup.status', {})).enrolled).toBe(false);
    expect(existsSync(keyFileOf(dataDir))).toBe(false);

    // Typed the way people type: lower case, spaces instead of dashes.
    ok(await call(seat, 'clinicKey.enrol', { recoveryCode: code.toLowerCase().replaceAll('-', ' ') }));
    expect(ok(await call(seat, 'setup.status', {})).enrolled).toBe(true);
    expect(refused(await call(seat, 'clinicKey.enrol', { recoveryCode: code })).code).toBe('CONFLICT');

    // Both seats work and append to one chain, which verifies from either.
    const onSeat = ok(await call(seat, 'auth.login', { email: ADMIN_EMAIL, password: PASSWORD, portal: 'clinic' }));
    // The mail password another seat sealed opens here.
    expect(ok(await call(seat, 'mail.settings', {}, onSeat.token))).toMatchObject({ host: 'smtp.sunrise.in' });
    if (clinic.databaseUrl) {
      ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
      expect(ok(await clinic.call('admin.verifyAudit', {}, clinic.adminToken))).toMatchObject({ intact: true, problems: [] });
    }
    expect(ok(await call(seat, 'admin.verifyAudit', {}, onSeat.token))).toMatchObject({ intact: true, problems: [] });
    await seat.close();

    // Enrolment lasts: the seat started again is still enrolled, and its core reads the sealed secrets.
    expect(ok(await call(openSeat(clinic, dataDir), 'setup.status', {})).enrolled).toBe(true);
    const app = await openAgain(clinic, { dataDir });
    expect((await readSmtpConfig(app.deps.db, app.deps.keyring.secrets))!.password).toBe(SMTP_PASSWORD);
    expect(await auditRows(app, 'seat.enrolled')).toHaveLength(1);
  });

  it("a key kept by the keychain is not readable without it: the file holds the keychain's sealed form", async () => {
    const clinic = await newClinic();
    const code = await recoveryCodeOf(clinic);
    // Stands in for safeStorage: a reversible transformation only this "keychain" knows.
    const mask = randomBytes(32);
    const keychain: KeyProtection = {
      name: 'safeStorage',
      protect: (key) => Buffer.from(key.map((b, i) => b ^ mask[i]!)),
      unprotect: (stored) => Buffer.from(stored.map((b, i) => b ^ mask[i]!)),
    };
    const { seat, dataDir } = await unenrolledSeat(clinic, keychain);
    ok(await call(seat, 'clinicKey.enrol', { recoveryCode: code }));
    const stored = JSON.parse(readFileSync(keyFileOf(dataDir), 'utf8')) as { protection: string; key: string };
    expect(stored.protection).toBe('safeStorage');
    expect(Buffer.from(stored.key, 'base64').equals(clinic.app.deps.keyring.clinicKey())).toBe(false);
    await seat.close();

    const withKeychain = openSeat(clinic, dataDir, keychain);
    expect(ok(await call(withKeychain, 'setup.status', {})).enrolled).toBe(true);
    await withKeychain.close();
    // The same folder opened without that keychain (browser mode) is not enrolled.
    expect(ok(await call(openSeat(clinic, dataDir), 'setup.status', {})).enrolled).toBe(false);
  });
});
