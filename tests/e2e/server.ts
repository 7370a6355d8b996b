import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { loopbackSmtpServer, type SmtpServer } from '../helpers/smtp-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_PASSWORD = 'MedLink-demo-2026';

export interface RunningApp {
  url: string;
  dataDir: string;
}

/**
 * Starts the built browser-mode server on a free port, on `dataDir` (default: a new empty data folder), with `env`
 * added (MEDLINK_DATABASE_URL). Its clinic key goes beside the data folder (keyFileOf), never into the home folder.
 */
export async function startServer(
  args: string[],
  dataDir = mkdtempSync(join(tmpdir(), 'medlink-e2e-')),
  env: Record<string, string> = {},
): Promise<{ app: RunningApp; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/web/server.cjs', ...args], {
    env: { ...process.env, MEDLINK_DATA_DIR: dataDir, MEDLINK_KEY_FILE: keyFileOf(dataDir), MEDLINK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MedLink is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { app: { url, dataDir }, child };
}

function serverFixture(args: string[]) {
  return async ({}, use: (app: RunningApp) => Promise<void>) => {
    const server = await startServer(args);
    await use(server.app);
    await stopServer(server);
  };
}

/** Where a server's clinic key is kept: beside its data folder. */
export const keyFileOf = (dataDir: string) => `${dataDir}.key`;

/** Stops a server from startServer and removes its data folder and key. */
export async function stopServer({ app, child }: { app: RunningApp; child: ChildProcess }) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(app.dataDir, { recursive: true, force: true });
  rmSync(keyFileOf(app.dataDir), { force: true });
}

/** `fresh`: a clinic never set up. `demo`: the documented demo clinic. `kiosk`: the demo clinic on a seat started with --kiosk. */
export const test = base.extend<{ fresh: RunningApp; demo: RunningApp; kiosk: RunningApp }>({
  fresh: serverFixture([]),
  demo: serverFixture(['--demo']),
  kiosk: serverFixture(['--demo', '--kiosk']),
});
export { expect };

export async function signIn(page: Page, app: RunningApp, portal: 'patient' | 'clinic', email: string, password = DEMO_PASSWORD) {
  await page.goto(`${app.url}/?portal=${portal}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A call to the running app as a screen makes it: for setting a scene, never for what a test checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(request: APIRequestContext, app: RunningApp, channel: string, input: unknown, token?: string): Promise<T> {
  const res = await request.post(`${app.url}/api/invoke`, {
    data: { channel, input },
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel} failed: ${body.error?.message}`);
  return body.data as T;
}

/** A demo account's session token, signed in through the API. */
export const login = async (request: APIRequestContext, app: RunningApp, email: string, portal: 'patient' | 'clinic') =>
  (await call<{ token: string }>(request, app, 'auth.login', { email, password: DEMO_PASSWORD, portal })).token;

/**
 * The demo clinic's mail pointed at a real SMTP server on loopback, as its administrator sets it on the Email
 * settings screen. The caller stops the server.
 */
export async function demoMail(request: APIRequestContext, app: RunningApp): Promise<SmtpServer> {
  const smtp = await loopbackSmtpServer();
  const { token } = await call<{ token: string }>(request, app, 'auth.login', { email: 'admin@medlink.demo', password: DEMO_PASSWORD, portal: 'clinic' });
  await call(request, app, 'mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'clinic@sunrise.example' }, token);
  return smtp;
}

/** The newest mail to `to` whose subject matches, once it has arrived (the clinic's sender wakes for each message). */
export async function mailTo(smtp: SmtpServer, to: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(() => (found = smtp.received.filter((r) => r.envelopeTo.includes(to) && subject.test(r.mail.subject ?? '')).at(-1)?.mail), { timeout: 20_000 })
    .toBeTruthy();
  return found!;
}

/** The six-digit code a sign-up email carries. */
export const signupCode = (mail: ParsedMail) => /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;

/** The demo clinic's zone (Asia/Kolkata): today there, and the minutes of its clock now. */
const DEMO_ZONE = 'Asia/Kolkata';
const clinicNowParts = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date());
const part = (parts: Intl.DateTimeFormatPart[], type: string) => parts.find((p) => p.type === type)!.value;
export function clinicToday(): string {
  const parts = clinicNowParts();
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
}
/** Too late in the clinic's day to book a few slots still today: tests that need them are skipped. */
export const lateInClinicDay = () => {
  const parts = clinicNowParts();
  return Number(part(parts, 'hour')) * 60 + Number(part(parts, 'minute')) >= 23 * 60 + 15;
};

/**
 * The server runs on the real clock, so a test that needs an appointment today has the doctor see patients all
 * day today, at no notice (through the same channels the doctor's own screens use).
 */
export async function openTodayAllDay(request: APIRequestContext, app: RunningApp, doctorEmail: string) {
  const token = await login(request, app, doctorEmail, 'clinic');
  const hours = await call<{ settings: object; weekly: unknown }>(request, app, 'availability.get', {}, token);
  await call(request, app, 'availability.save', { settings: { ...hours.settings, minNoticeMinutes: 0 }, weekly: hours.weekly }, token);
  await call(request, app, 'availability.setException', { date: clinicToday(), ranges: [{ start: '00:00', end: '23:59', modes: ['in_person', 'online'] }] }, token);
}
