import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { freshDatabase } from './postgres-database';
import { createApp, type AppOptions, type MedLinkApp } from '../../electron/core/app';
import { databaseKey } from '../../electron/core/secrets/database-key';
import { seatKeyFile } from '../../electron/core/secrets/seat-key';
import { codeInMail } from '../../electron/core/auth/mailed-codes';
import { latestTo } from '../../electron/core/outbox/outbox.repo';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import type { ChannelName, Input, LoginResult, Output } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import type { Portal } from '../../shared/roles';
import { testClock, type TestClock } from './clock';
import { ADMIN_EMAIL, doctorSignupInput, PASSWORD, patientSignupInput, setupInput, staffInput } from './data';

export interface Clinic {
  app: MedLinkApp;
  clock: TestClock;
  dataDir: string;
  /** Set in the postgres run: where a second seat connects. */
  databaseUrl?: string;
  adminToken: string;
  /** A call as a screen makes it, typed by the contract. */
  call<C extends ChannelName>(channel: C, input: Input<C>, token?: string): Promise<Result<Output<C>>>;
  close(): Promise<void>;
}

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.data;
}

export function refused(result: Result<unknown>): AppError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

// A real SQLite file, on tmpfs where there is one: the app fsyncs every commit, which costs ~100 ms per test on disk.
const TEMP_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export function tempDir(): string {
  return mkdtempSync(join(TEMP_ROOT, 'medlink-test-'));
}

/** Where a test's seat keeps its clinic key: beside its data folder (never inside it, never in the home folder). */
export const keyFileOf = (dataDir: string): string => `${dataDir}.key`;

/** The key a test seat's SQLite database is encrypted with, for opening its file directly. */
export const databaseKeyOf = (dataDir: string): Buffer => databaseKey(seatKeyFile(keyFileOf(dataDir)).read()!);

/** Removes a test's data folder and the key file beside it. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keyFileOf(dataDir), { force: true });
}

/** Inside a test, `close` runs when it ends; from a hook (beforeAll) the caller runs it. */
function closeAfterTest(close: () => Promise<void>) {
  try {
    onTestFinished(close);
  } catch {
    // Not inside a test.
  }
}

/**
 * An app on a fresh data folder, fixed clock, fast bcrypt; not yet set up. Its database is a real SQLite file,
 * or, in the postgres project, a fresh database on the test cluster.
 */
export async function openClinicApp(clock = testClock(), options: Partial<AppOptions> = {}) {
  const dataDir = tempDir();
  const database = await freshDatabase();
  const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock, bcryptCost: 4, databaseUrl: database?.url, ...options });
  const close = async () => {
    await app.close();
    await database?.drop();
    removeDataDir(dataDir);
  };
  closeAfterTest(close);
  return { app, clock, dataDir, databaseUrl: database?.url, close };
}

/** A set-up clinic with its administrator signed in (`withDoctor`: the administrator is also the clinic's doctor). */
export async function newClinic(options: { withDoctor?: boolean; app?: Partial<AppOptions> } = {}): Promise<Clinic> {
  const { app, clock, dataDir, databaseUrl, close } = await openClinicApp(testClock(), options.app);
  const call: Clinic['call'] = (channel, input, token) => app.dispatch(channel, input, token) as never;
  const setup = ok(await call('setup.complete', setupInput(options.withDoctor)));
  return { app, clock, dataDir, databaseUrl, adminToken: setup.token, call, close };
}

/**
 * Another computer of a multi-seat clinic: its own empty data folder on the clinic's PostgreSQL database,
 * enrolled with the clinic's recovery code as the administrator would. Closed when the test ends.
 */
export async function enrolledSeat(clinic: Clinic): Promise<MedLinkApp> {
  if (!clinic.databaseUrl) throw new Error('a second seat needs the clinic on PostgreSQL');
  const dataDir = tempDir();
  const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), databaseUrl: clinic.databaseUrl, clock: clinic.clock, bcryptCost: 4, log: () => undefined });
  closeAfterTest(async () => {
    await app.close();
    removeDataDir(dataDir);
  });
  ok(await app.dispatch('clinicKey.enrol', { recoveryCode: await recoveryCodeOf(clinic) }));
  return app;
}

/** The clinic's recovery code, as the administrator sees it after confirming their password. */
export async function recoveryCodeOf(clinic: Clinic): Promise<string> {
  return ok(await clinic.call('clinicKey.recoveryCode', { password: PASSWORD }, clinic.adminToken)).recoveryCode;
}

export interface Account {
  token: string;
  email: string;
  password: string;
  login: LoginResult;
}

export const signIn = (clinic: Clinic, email: string, password: string, portal: Portal = 'clinic') =>
  clinic.call('auth.login', { email, password, portal });

/** The code in the latest sign-up email queued for `email`, as its reader would copy it. */
export async function signupCodeFor(app: Pick<MedLinkApp, 'deps'>, email: string): Promise<string> {
  const mail = await latestTo(app.deps.db, 'signup_code', email.trim().toLowerCase());
  return (mail && codeInMail(renderRow(mail).text)) ?? 'no code mailed';
}

/**
 * A sign-up finished as a person does it: the form, then the code from the email. The code's mail is then
 * taken out of the outbox, so it holds only the mail a test is about (sign-up tests look at it themselves).
 */
export async function confirmedSignup(clinic: Pick<Clinic, 'app' | 'call'>, email: string, portal: Portal, start: () => Promise<Result<unknown>>) {
  ok(await start());
  const mail = await latestTo(clinic.app.deps.db, 'signup_code', email.trim().toLowerCase());
  const login = ok(await clinic.call('auth.confirmSignup', { email, code: (mail && codeInMail(renderRow(mail).text)) ?? 'none', portal }));
  await clinic.app.deps.db.deleteFrom('outbox').where('id', '=', mail!.id).execute();
  return login;
}

export async function signupPatient(clinic: Clinic, input = patientSignupInput()): Promise<Account & { patientId: number }> {
  const email = input.profile.email;
  const login = await confirmedSignup(clinic, email, 'patient', () => clinic.call('patients.signup', input));
  const me = ok(await clinic.call('patients.me', {}, login.token));
  return { token: login.token, email, password: input.password, login, patientId: me.id };
}

export async function signupDoctor(clinic: Clinic, input = doctorSignupInput()): Promise<Account & { doctorId: number }> {
  const login = await confirmedSignup(clinic, input.email, 'clinic', () => clinic.call('doctors.signup', input));
  const me = ok(await clinic.call('doctors.me', {}, login.token));
  return { token: login.token, email: input.email, password: input.password, login, doctorId: me.id };
}

/** A front-desk account made by the administrator, signed in with its temporary password (not yet changed). */
export async function newFrontDesk(clinic: Clinic) {
  const staff = ok(await clinic.call('admin.createStaff', staffInput(), clinic.adminToken));
  const login = ok(await signIn(clinic, staff.email, staff.temporaryPassword));
  return { ...staff, token: login.token };
}

/** A front-desk account that has chosen its own password and can work. */
export async function readyFrontDesk(clinic: Clinic) {
  const desk = await newFrontDesk(clinic);
  ok(await clinic.call('auth.changePassword', { currentPassword: desk.temporaryPassword, newPassword: PASSWORD }, desk.token));
  return desk;
}

export { ADMIN_EMAIL, PASSWORD };
