import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keySecretBox } from '../../electron/core/secrets/secret-box';
import type { ChannelName } from '../../shared/contract';
import { keyFileOf, newClinic, ok, readyFrontDesk, refused, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

const PLAIN = 'correct-horse-battery-7';
const AUTH = { user: 'reception@sunrise.in', pass: PLAIN };

const rawSetting = async (clinic: Clinic, key: string) =>
  (await clinic.app.deps.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

describe('mail settings', () => {
  it('start unconfigured, with suggestions for the form', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('mail.settings', {}, clinic.adminToken))).toEqual({
      configured: false, host: '', port: 587, security: 'starttls', user: '', from: '', passwordStored: false,
    });
  });

  it('keep the password sealed, never return it, and keep it when the form leaves it out', async () => {
    const clinic = await newClinic();
    const input = { host: 'SMTP.Gmail.com', port: 465, security: 'tls' as const, user: 'reception@sunrise.in', password: PLAIN, from: 'Reception@Sunrise.in' };
    const saved = ok(await clinic.call('mail.saveSettings', input, clinic.adminToken));
    expect(saved).toEqual({
      configured: true, host: 'smtp.gmail.com', port: 465, security: 'tls', user: 'reception@sunrise.in', from: 'reception@sunrise.in', passwordStored: true,
    });
    expect(JSON.stringify(saved)).not.toContain(PLAIN);
    expect(JSON.stringify(ok(await clinic.call('mail.settings', {}, clinic.adminToken)))).not.toContain(PLAIN);

    const sealed = (await rawSetting(clinic, 'mail.password'))!;
    expect(sealed).toBeTruthy();
    expect(sealed).not.toContain(PLAIN);
    expect(sealed).not.toContain(Buffer.from(PLAIN).toString('base64'));
    expect(clinic.app.deps.keyring.secrets.open(sealed)).toBe(PLAIN);
    // Sealed under the clinic key, which this seat keeps in an owner-only file.
    expect(statSync(keyFileOf(clinic.dataDir)).mode & 0o777).toBe(0o600);
    // Another key cannot open it.
    expect(() => keySecretBox(randomBytes(32)).open(sealed)).toThrow();
    // Sealing twice gives different text (a fresh IV each time).
    expect(clinic.app.deps.keyring.secrets.seal(PLAIN)).not.toBe(clinic.app.deps.keyring.secrets.seal(PLAIN));

    // Password left out: the stored one stays, unchanged.
    const { password: _, ...withoutPassword } = input;
    expect(ok(await clinic.call('mail.saveSettings', { ...withoutPassword, port: 587, security: 'starttls' }, clinic.adminToken))).toMatchObject({
      port: 587, security: 'starttls', passwordStored: true,
    });
    expect(await rawSetting(clinic, 'mail.password')).toBe(sealed);
    // A new password replaces it.
    ok(await clinic.call('mail.saveSettings', { ...input, password: 'another-secret-9' }, clinic.adminToken));
    const resealed = (await rawSetting(clinic, 'mail.password'))!;
    expect(clinic.app.deps.keyring.secrets.open(resealed)).toBe('another-secret-9');
    // No user name: no sign-in, so no password kept.
    const { user: __, ...anonymous } = withoutPassword;
    expect(ok(await clinic.call('mail.saveSettings', anonymous, clinic.adminToken))).toMatchObject({ user: '', passwordStored: false });
    expect(await rawSetting(clinic, 'mail.password')).toBeUndefined();

    const audited = await auditRows(clinic.app, 'settings.updated');
    expect(audited).toHaveLength(4);
    for (const row of audited) expect(row.detail).not.toContain(PLAIN);
    expect(JSON.parse(audited[0]!.detail)).toEqual({ changed: ['mail.host', 'mail.port', 'mail.security', 'mail.user', 'mail.from', 'mail.password'] });
  });

  it('refuse a bad host, port or sender address and save nothing', async () => {
    const clinic = await newClinic();
    const good = { host: 'smtp.example.in', port: 587, security: 'starttls' as const, from: 'clinic@example.in' };
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ host: 'smtp example.in' }, { host: 'host_invalid' }],
      [{ host: 'https://smtp.example.in' }, { host: 'host_invalid' }],
      [{ host: '  ' }, { host: 'host_required' }],
      [{ port: 0 }, { port: 'port_invalid' }],
      [{ port: 65536 }, { port: 'port_invalid' }],
      [{ port: 25.5 }, { port: 'port_invalid' }],
      [{ from: 'not-an-email' }, { from: 'email_invalid' }],
      [{ security: 'ssl' }, { security: 'security_invalid' }],
      [{ password: '' }, { password: 'password_required' }],
    ];
    for (const [change, fields] of cases) {
      const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('mail.saveSettings', { ...good, ...change } as never, clinic.adminToken)));
      expect(error, JSON.stringify(change)).toMatchObject({ code: 'VALIDATION', fields });
    }
    expect(ok(await clinic.call('mail.saveSettings', { ...good, port: 65535, host: '192.168.1.20' }, clinic.adminToken))).toMatchObject({ port: 65535, host: '192.168.1.20' });
  });

  it('the stored password signs in to the SMTP server; a wrong one fails without showing it', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ auth: AUTH });
    await useSmtp(clinic, server.port, { user: AUTH.user, pass: 'wrong-password-123' });
    const { id } = ok(await clinic.call('mail.sendTest', { to: 'meera@example.in' }, clinic.adminToken));
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 1 });
    const [failed] = ok(await clinic.call('mail.queue', {}, clinic.adminToken)).messages;
    expect(failed).toMatchObject({ id, status: 'pending', attempts: 1 });
    expect(failed!.lastError).toContain('535');
    expect(failed!.lastError).not.toContain('wrong-password-123');

    await useSmtp(clinic, server.port, AUTH);
    clinic.clock.advanceMinutes(1);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(server.received.map((r) => [r.envelopeTo, r.mail.subject])).toEqual([[['meera@example.in'], 'MedLink test email from Sunrise Clinic']]);
    expect(server.received[0]!.mail.text).toContain('sent by Dr Meera Joshi');
  });

  it('the queue lists newest first, fifty to a page, filtered by status', async () => {
    const clinic = await newClinic();
    const ids: number[] = [];
    for (let i = 0; i < 53; i++) ids.push(ok(await clinic.call('mail.sendTest', { to: `reader${i}@example.in` }, clinic.adminToken)).id);
    const first = ok(await clinic.call('mail.queue', {}, clinic.adminToken));
    expect(first.more).toBe(true);
    expect(first.messages.map((m) => m.id)).toEqual(ids.slice(3).reverse());
    expect(first.messages[0]).toEqual({
      id: ids[52], kind: 'test_message', recipient: 'reader52@example.in', subject: 'MedLink test email from Sunrise Clinic', status: 'pending',
      attempts: 0, dueAt: clinic.clock.now().toISOString(), lastError: null, createdAt: clinic.clock.now().toISOString(), sentAt: null,
    });
    const second = ok(await clinic.call('mail.queue', { beforeId: first.messages.at(-1)!.id }, clinic.adminToken));
    expect(second).toEqual({ messages: expect.any(Array), more: false });
    expect(second.messages.map((m) => m.id)).toEqual(ids.slice(0, 3).reverse());
    expect(ok(await clinic.call('mail.queue', { status: 'sent' }, clinic.adminToken))).toEqual({ messages: [], more: false });
    expect((await outboxRows(clinic.app)).every((r) => r.status === 'pending')).toBe(true);
    expect(refused(await clinic.call('mail.sendTest', { to: 'not an address' }, clinic.adminToken))).toMatchObject({ code: 'VALIDATION', fields: { to: 'email_invalid' } });
  });

  it('only the administrator reaches the mail channels', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const doctor = await signupDoctor(clinic);
    const desk = await readyFrontDesk(clinic);
    const inputs: { [C in ChannelName & `mail.${string}`]: unknown } = {
      'mail.settings': {},
      'mail.saveSettings': { host: 'smtp.example.in', port: 587, security: 'starttls', from: 'x@example.in' },
      'mail.sendTest': { to: 'x@example.in' },
      'mail.queue': {},
      'mail.retry': { id: 1 },
    };
    for (const token of [patient.token, doctor.token, desk.token]) {
      for (const [channel, input] of Object.entries(inputs)) {
        const error = await expectNoWrites(clinic.app, async () => refused(await clinic.app.dispatch(channel, input, token)));
        expect(error.code, channel).toBe('FORBIDDEN');
      }
    }
    for (const [channel, input] of Object.entries(inputs)) expect(refused(await clinic.app.dispatch(channel, input)).code).toBe('UNAUTHENTICATED');
  });
});
