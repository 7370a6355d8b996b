import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { BCRYPT_COST } from '../../electron/core/auth/passwords';
import { ADMIN_EMAIL, keyFileOf, newClinic, newFrontDesk, ok, PASSWORD, readyFrontDesk, refused, removeDataDir, signIn, signupPatient, tempDir, type Clinic } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { setupInput } from '../helpers/data';
import { openSeat } from '../helpers/seat';

describe('signing in', () => {
  it('returns a session token, the roles and the idle limit', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const login = ok(await signIn(clinic, ` ${patient.email.toUpperCase()} `, PASSWORD, 'patient'));
    expect(login.token).toMatch(/^[\w-]{40,}$/);
    expect(login.user).toMatchObject({ email: patient.email, roles: ['patient'], mustChangePassword: false });
    expect(login.idleMinutes).toBe(15);
    expect(ok(await clinic.call('auth.session', {}, login.token)).email).toBe(patient.email);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const clinic = await newClinic();
    const unknown = refused(await signIn(clinic, 'nobody@example.in', PASSWORD));
    const wrong = refused(await signIn(clinic, ADMIN_EMAIL, 'not-the-password'));
    expect(unknown).toEqual(wrong);
    expect(unknown.code).toBe('BAD_CREDENTIALS');
  });

  it('sends each person to their own door', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const desk = await newFrontDesk(clinic);
    const atClinic = refused(await signIn(clinic, patient.email, PASSWORD, 'clinic'));
    const deskAtHome = refused(await signIn(clinic, desk.email, desk.temporaryPassword, 'patient'));
    const adminAtHome = refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD, 'patient'));
    expect([atClinic.code, deskAtHome.code, adminAtHome.code]).toEqual(['WRONG_PORTAL', 'WRONG_PORTAL', 'WRONG_PORTAL']);
    expect(atClinic.message).toMatch(/patient sign-in/);
    expect(deskAtHome.message).toMatch(/clinic sign-in/);
  });

  it('hashes passwords at cost 12 unless told otherwise', async () => {
    expect(BCRYPT_COST).toBe(12);
    const dataDir = tempDir();
    const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir) });
    expect(app.deps.bcryptCost).toBe(12);
    await app.close();
    removeDataDir(dataDir);
  });
});

describe('lockout after 5 failed attempts', () => {
  const failFiveTimes = async (clinic: Clinic, email: string) => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(refused(await signIn(clinic, email, 'wrong-password-1')).code);
    return codes;
  };

  it('locks the email for 15 minutes, even against the right password', async () => {
    const clinic = await newClinic();
    expect(await failFiveTimes(clinic, ADMIN_EMAIL)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED']);
    expect(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).code).toBe('LOCKED');
    clinic.clock.advanceMinutes(14);
    expect(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).code).toBe('LOCKED');
    clinic.clock.advanceMinutes(1);
    // The lock has run out: a slip starts a new count rather than locking again.
    expect(refused(await signIn(clinic, ADMIN_EMAIL, 'wrong-password-1')).code).toBe('BAD_CREDENTIALS');
    expect(ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).user.roles).toEqual(['admin']);

    const failed = await auditRows(clinic.app, 'auth.login_failed');
    expect(failed).toHaveLength(6);
    expect(JSON.parse(failed[0]!.detail)).toEqual({ email: ADMIN_EMAIL, portal: 'clinic' });
    const locked = await auditRows(clinic.app, 'auth.locked');
    expect(locked.map((r) => JSON.parse(r.detail))).toEqual([{ email: ADMIN_EMAIL, door: 'clinic', minutes: 15, why: 'sign_in' }]);
  });

  it('locks an email that has no account in the same words', async () => {
    const clinic = await newClinic();
    const codes = await failFiveTimes(clinic, 'ghost@example.in');
    expect(codes.at(-1)).toBe('LOCKED');
    await failFiveTimes(clinic, ADMIN_EMAIL);
    expect(refused(await signIn(clinic, 'ghost@example.in', PASSWORD))).toEqual(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD)));
  });

  it('starts a fresh count after a successful sign-in', async () => {
    const clinic = await newClinic();
    for (let i = 0; i < 4; i++) refused(await signIn(clinic, ADMIN_EMAIL, 'wrong-password-1'));
    ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    expect(refused(await signIn(clinic, ADMIN_EMAIL, 'wrong-password-1')).code).toBe('BAD_CREDENTIALS');
  });

  it('counts each door apart: wrong passwords at the patient window (a kiosk) never lock staff out of the clinic window', async () => {
    const clinic = await newClinic();
    for (let i = 0; i < 5; i++) refused(await signIn(clinic, ADMIN_EMAIL, 'wrong-password-1', 'patient'));
    expect(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD, 'patient')).code).toBe('LOCKED');
    expect(ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD, 'clinic')).user.roles).toContain('admin');
  });

  it('the administrator lifts a lock, and it is recorded', async () => {
    const clinic = await newClinic();
    const desk = await readyFrontDesk(clinic);
    for (let i = 0; i < 5; i++) refused(await signIn(clinic, desk.email, 'wrong-password-1'));
    expect(refused(await signIn(clinic, desk.email, PASSWORD)).code).toBe('LOCKED');
    expect(refused(await clinic.call('admin.unlockAccount', { email: 'nobody@x.in' }, clinic.adminToken)).code).toBe('NOT_FOUND');
    ok(await clinic.call('admin.unlockAccount', { email: desk.email }, clinic.adminToken));
    ok(await signIn(clinic, desk.email, PASSWORD));
    expect((await auditRows(clinic.app, 'auth.unlocked')).map((r) => JSON.parse(r.detail))).toEqual([{ userId: desk.id, email: desk.email }]);
    expect(refused(await clinic.call('admin.unlockAccount', { email: desk.email }, desk.token)).code).toBe('FORBIDDEN');
  });
});

describe("confirming one's own password", () => {
  it('five wrong ones in a row end every session and lock the address, then even the right one waits', async () => {
    const clinic = await newClinic();
    const other = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(refused(await clinic.call('clinicKey.recoveryCode', { password: 'wrong-password-1' }, clinic.adminToken)).code);
    tries.push(refused(await clinic.call('auth.changePassword', { currentPassword: 'wrong-password-1', newPassword: 'a-new-password-2026' }, clinic.adminToken)).code);
    expect(tries).toEqual(['PASSWORD_WRONG', 'PASSWORD_WRONG', 'PASSWORD_WRONG', 'PASSWORD_WRONG', 'LOCKED']);
    for (const token of [clinic.adminToken, other.token]) expect(refused(await clinic.call('auth.session', {}, token)).code).toBe('UNAUTHENTICATED');
    expect(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).code).toBe('LOCKED');
    clinic.clock.advanceMinutes(15);
    const again = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    expect(ok(await clinic.call('clinicKey.recoveryCode', { password: PASSWORD }, again.token)).recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){13}$/);
  });

  it('a right one starts the count afresh', async () => {
    const clinic = await newClinic();
    for (let i = 0; i < 4; i++) refused(await clinic.call('clinicKey.recoveryCode', { password: 'wrong-password-1' }, clinic.adminToken));
    ok(await clinic.call('clinicKey.recoveryCode', { password: PASSWORD }, clinic.adminToken));
    expect(refused(await clinic.call('clinicKey.recoveryCode', { password: 'wrong-password-1' }, clinic.adminToken)).code).toBe('PASSWORD_WRONG');
  });
});

describe('a sign-in goes on with what it read before comparing the password, unless the audit log moved meanwhile', () => {
  // bcrypt at cost 10 takes tens of milliseconds: the other calls land while the sign-ins are hashing, after their reads.
  it.skipIf(!inject('postgresUrl'))('a password reset at another seat while a sign-in with the old password is hashing refuses it', async () => {
    // This seat compares at cost 12 (a quarter of a second); the other, in a process of its own, hashes the temporary
    // password at cost 4: its reset is done long before this seat's comparison, and after its reads.
    const clinic = await newClinic({ app: { bcryptCost: 12 } });
    const patient = await signupPatient(clinic);
    const seat = await openSeat(clinic);
    const pending = signIn(clinic, patient.email, PASSWORD, 'patient');
    const reset = ok(await seat.call('admin.resetPassword', { email: patient.email }, clinic.adminToken));
    expect(refused(await pending).code).toBe('BAD_CREDENTIALS');
    expect(ok(await signIn(clinic, patient.email, reset.temporaryPassword, 'patient')).user.mustChangePassword).toBe(true);
    expect((await auditRows(clinic.app)).slice(-3).map((r) => r.action)).toEqual(['auth.password_reset', 'auth.login_failed', 'auth.login']);
    expect(ok(await clinic.call('admin.verifyAudit', {}, clinic.adminToken)).intact).toBe(true);
  });

  it('five wrong passwords at once still lock the address, each counted once, and the log stays one chain', async () => {
    const clinic = await newClinic({ app: { bcryptCost: 10 } });
    const codes = (await Promise.all(Array.from({ length: 5 }, () => signIn(clinic, ADMIN_EMAIL, 'wrong-password-1')))).map((r) => refused(r).code);
    expect(codes.sort()).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED']);
    expect(refused(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).code).toBe('LOCKED');
    expect(await auditRows(clinic.app, 'auth.login_failed')).toHaveLength(5);
    expect(await auditRows(clinic.app, 'auth.locked')).toHaveLength(1);
    expect(ok(await clinic.call('admin.verifyAudit', {}, clinic.adminToken)).intact).toBe(true);
  });
});

describe('bcrypt runs outside the write transaction', () => {
  it('other calls are answered while a sign-in is still hashing', async () => {
    // Real cost: a comparison takes a quarter of a second, long enough to see whether others wait behind it.
    const dataDir = tempDir();
    const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), bcryptCost: 12 });
    try {
      ok(await app.dispatch('setup.complete', setupInput()));
      const order: string[] = [];
      const slow = app.dispatch('auth.login', { email: ADMIN_EMAIL, password: 'wrong-password-1', portal: 'clinic' }).then(() => order.push('sign-in'));
      await new Promise((r) => setTimeout(r, 20));
      await app.dispatch('setup.status', {}).then(() => order.push('status'));
      await slow;
      expect(order).toEqual(['status', 'sign-in']);
    } finally {
      await app.close();
      removeDataDir(dataDir);
    }
  });
});
