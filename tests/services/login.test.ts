import { describe, expect, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { BCRYPT_COST } from '../../electron/core/auth/passwords';
import { ADMIN_EMAIL, newClinic, newFrontDesk, ok, PASSWORD, refused, signIn, signupPatient, tempDir, keyFileOf, removeDataDir, type Clinic } from '../helpers/clinic';
import { auditRows } from '../helpers/db';

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
    expect(locked.map((r) => JSON.parse(r.detail))).toEqual([{ email: ADMIN_EMAIL, minutes: 15 }]);
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
});
