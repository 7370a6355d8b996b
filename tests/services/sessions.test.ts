import { describe, expect, it } from 'vitest';
import { settingsInput } from '../helpers/data';
import { ADMIN_EMAIL, newClinic, newFrontDesk, ok, PASSWORD, refused, signIn, signupPatient, type Clinic } from '../helpers/clinic';
import { contract } from '../../shared/contract';
import { auditRows, expectNoWrites } from '../helpers/db';
import { channelNames, validInputs } from '../helpers/payloads';

const sessionCode = async (clinic: Clinic, token: string) => {
  const result = await clinic.call('auth.session', {}, token);
  return result.ok ? 'OK' : result.error.code;
};

describe('session limits', () => {
  it('ends a session idle for more than 15 minutes, then no longer knows it', async () => {
    const clinic = await newClinic();
    const { token } = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    clinic.clock.advanceMinutes(14);
    expect(await sessionCode(clinic, token)).toBe('OK');
    clinic.clock.advanceMinutes(14); // 28 minutes in, but only 14 since the last call
    expect(await sessionCode(clinic, token)).toBe('OK');
    clinic.clock.advanceMinutes(16);
    expect(await sessionCode(clinic, token)).toBe('SESSION_EXPIRED');
    expect(await sessionCode(clinic, token)).toBe('UNAUTHENTICATED');
  });

  it('honours the idle limit the administrator sets', async () => {
    const clinic = await newClinic();
    ok(await clinic.call('settings.update', settingsInput({ sessionIdleMinutes: 30 }), clinic.adminToken));
    const login = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    expect(login.idleMinutes).toBe(30);
    clinic.clock.advanceMinutes(29);
    expect(await sessionCode(clinic, login.token)).toBe('OK');
    clinic.clock.advanceMinutes(31);
    expect(await sessionCode(clinic, login.token)).toBe('SESSION_EXPIRED');

    const short = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    ok(await clinic.call('settings.update', settingsInput({ sessionIdleMinutes: 5 }), short.token));
    clinic.clock.advanceMinutes(6);
    expect(await sessionCode(clinic, short.token)).toBe('SESSION_EXPIRED');
  });

  it('ends every session after 12 hours, however active', async () => {
    const clinic = await newClinic();
    const { token } = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    for (let minutes = 10; minutes <= 12 * 60; minutes += 10) {
      clinic.clock.advanceMinutes(10);
      expect(await sessionCode(clinic, token), `after ${minutes} minutes`).toBe('OK');
    }
    clinic.clock.advanceMinutes(10);
    expect(await sessionCode(clinic, token)).toBe('SESSION_EXPIRED');
  });

  it('signing out ends that session only', async () => {
    const clinic = await newClinic();
    const first = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    const second = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    ok(await clinic.call('auth.logout', {}, first.token));
    expect(await sessionCode(clinic, first.token)).toBe('UNAUTHENTICATED');
    expect(await sessionCode(clinic, second.token)).toBe('OK');
    expect(await auditRows(clinic.app, 'auth.logout')).toHaveLength(1);
  });
});

describe('temporary passwords must be changed first', () => {
  /** Everything but seeing the session, changing the password and signing out waits for the new password. */
  const mustChangeGate = async (clinic: Clinic, token: string) => {
    expect(ok(await clinic.call('auth.session', {}, token)).mustChangePassword).toBe(true);
    const inputs = validInputs();
    const gated = channelNames.filter(
      (c) => contract[c].roles !== 'public' && !['auth.session', 'auth.changePassword', 'auth.logout'].includes(c),
    );
    await expectNoWrites(clinic.app, async () => {
      for (const channel of gated) expect(refused(await clinic.app.dispatch(channel, inputs[channel], token)).code, channel).toBe('PASSWORD_CHANGE_REQUIRED');
    });
  };

  it('a new front-desk account works only after choosing its own password', async () => {
    const clinic = await newClinic();
    const desk = await newFrontDesk(clinic);
    expect(desk.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await mustChangeGate(clinic, desk.token);

    const wrong = refused(await clinic.call('auth.changePassword', { currentPassword: 'not-it-at-all', newPassword: PASSWORD }, desk.token));
    expect(wrong).toMatchObject({ code: 'PASSWORD_WRONG', fields: { currentPassword: 'password_wrong' } });
    const common = refused(await clinic.call('auth.changePassword', { currentPassword: desk.temporaryPassword, newPassword: 'qwertyuiop' }, desk.token));
    expect(common).toMatchObject({ code: 'PASSWORD_COMMON', fields: { newPassword: 'password_common' } });

    const user = ok(await clinic.call('auth.changePassword', { currentPassword: desk.temporaryPassword, newPassword: PASSWORD }, desk.token));
    expect(user.mustChangePassword).toBe(false);
    expect(ok(await clinic.call('patients.search', { query: 'Asha' }, desk.token))).toEqual([]);
    expect(ok(await signIn(clinic, desk.email, PASSWORD)).user.roles).toEqual(['front_desk']);
  });

  it('a password reset signs the person out everywhere and hands out a one-time password', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const { temporaryPassword } = ok(await clinic.call('admin.resetPassword', { email: patient.email.toUpperCase() }, clinic.adminToken));
    expect(await sessionCode(clinic, patient.token)).toBe('UNAUTHENTICATED');
    expect(refused(await signIn(clinic, patient.email, PASSWORD, 'patient')).code).toBe('BAD_CREDENTIALS');

    const { token } = ok(await signIn(clinic, patient.email, temporaryPassword, 'patient'));
    await mustChangeGate(clinic, token);
    ok(await clinic.call('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'a-fresh-passphrase' }, token));
    expect(ok(await clinic.call('patients.me', {}, token)).email).toBe(patient.email);
    expect(await auditRows(clinic.app, 'auth.password_reset')).toHaveLength(1);
  });

  it('a reset for an unknown email says so', async () => {
    const clinic = await newClinic();
    const error = refused(await clinic.call('admin.resetPassword', { email: 'ghost@example.in' }, clinic.adminToken));
    expect(error).toMatchObject({ code: 'NOT_FOUND', fields: { email: 'account_not_found' } });
  });
});
