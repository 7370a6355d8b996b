import { describe, expect, it } from 'vitest';
import { latestTo } from '../../electron/core/outbox/outbox.repo';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import { codeInMail } from '../../electron/core/auth/mailed-codes';
import { newClinic, ok, PASSWORD, readyFrontDesk, refused, signIn, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';

const NEW_PASSWORD = 'a-fresh-start-2026';
const codeFor = async (clinic: Clinic, email: string) => {
  const mail = await latestTo(clinic.app.deps.db, 'password_reset_code', email);
  return (mail && codeInMail(renderRow(mail).text)) ?? 'none';
};

describe('a forgotten password', () => {
  it('a patient gets a code by email, chooses a new password with it and is signed in; every other session ends', async () => {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic);
    const elsewhere = ok(await signIn(clinic, asha.email, PASSWORD, 'patient'));
    const sent = ok(await clinic.call('auth.forgotPassword', { email: asha.email, portal: 'patient' }));
    expect(sent).toEqual({ email: asha.email, expiresAt: new Date(clinic.clock.now().getTime() + 15 * 60_000).toISOString() });
    const code = await codeFor(clinic, asha.email);
    const login = ok(await clinic.call('auth.resetWithCode', { email: asha.email, code, newPassword: NEW_PASSWORD, portal: 'patient' }));
    expect(login.user.email).toBe(asha.email);
    for (const token of [asha.token, elsewhere.token]) expect(refused(await clinic.call('auth.session', {}, token)).code).toBe('UNAUTHENTICATED');
    expect(refused(await signIn(clinic, asha.email, PASSWORD, 'patient')).code).toBe('BAD_CREDENTIALS');
    ok(await signIn(clinic, asha.email, NEW_PASSWORD, 'patient'));
    // Used once: the same code does nothing more.
    expect(refused(await clinic.call('auth.resetWithCode', { email: asha.email, code, newPassword: 'yet-another-one-2026', portal: 'patient' })).code).toBe('CODE_WRONG');
    expect((await auditRows(clinic.app, 'auth.password_reset_by_code')).map((r) => r.actor_user_id)).toEqual([asha.login.user.id]);
  });

  it('answers the same for an unknown address, a front-desk account and the wrong window, and mails none of them', async () => {
    const clinic = await newClinic();
    const desk = await readyFrontDesk(clinic);
    const doctor = await signupDoctor(clinic);
    const answers = [];
    for (const [email, portal] of [['nobody@x.in', 'patient'], [desk.email, 'clinic'], [doctor.email, 'patient']] as const) {
      const sent = ok(await clinic.call('auth.forgotPassword', { email, portal }));
      answers.push(Object.keys(sent));
      expect(await latestTo(clinic.app.deps.db, 'password_reset_code', email), email).toBeUndefined();
      expect(refused(await clinic.call('auth.resetWithCode', { email, code: '123456', newPassword: NEW_PASSWORD, portal })).code).toBe('CODE_WRONG');
    }
    expect(new Set(answers.map((a) => a.join()))).toEqual(new Set(['email,expiresAt']));
    // A doctor resets at the clinic window.
    ok(await clinic.call('auth.forgotPassword', { email: doctor.email, portal: 'clinic' }));
    ok(await clinic.call('auth.resetWithCode', { email: doctor.email, code: await codeFor(clinic, doctor.email), newPassword: NEW_PASSWORD, portal: 'clinic' }));
  });

  it('a code lasts fifteen minutes, only the newest works, and five wrong tries void it', async () => {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic);
    const reset = (code: string) => clinic.call('auth.resetWithCode', { email: asha.email, code, newPassword: NEW_PASSWORD, portal: 'patient' });
    ok(await clinic.call('auth.forgotPassword', { email: asha.email, portal: 'patient' }));
    const first = await codeFor(clinic, asha.email);
    ok(await clinic.call('auth.forgotPassword', { email: asha.email, portal: 'patient' }));
    const second = await codeFor(clinic, asha.email);
    if (first !== second) expect(refused(await reset(first)).code).toBe('CODE_WRONG');
    const wrong = second === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect(refused(await reset(wrong)).code).toBe('CODE_WRONG');
    expect(refused(await reset(second)).code).toBe('CODE_WRONG');

    ok(await clinic.call('auth.forgotPassword', { email: asha.email, portal: 'patient' }));
    const third = await codeFor(clinic, asha.email);
    clinic.clock.advanceMinutes(16);
    expect(refused(await expectNoWrites(clinic.app, () => reset(third))).code).toBe('CODE_WRONG');
    ok(await signIn(clinic, asha.email, PASSWORD, 'patient'));
  });

  it('a weak new password is refused before the code is spent', async () => {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic);
    ok(await clinic.call('auth.forgotPassword', { email: asha.email, portal: 'patient' }));
    const code = await codeFor(clinic, asha.email);
    expect(refused(await clinic.call('auth.resetWithCode', { email: asha.email, code, newPassword: 'qwertyuiop', portal: 'patient' })).code).toBe('PASSWORD_COMMON');
    ok(await clinic.call('auth.resetWithCode', { email: asha.email, code, newPassword: NEW_PASSWORD, portal: 'patient' }));
  });
});
