import { createHash, randomBytes } from 'node:crypto';
import type { LoginResult, ParsedInput, SessionUser } from '../../../shared/contract';
import { portalAdmits, type Portal, type Role } from '../../../shared/roles';
import { record } from '../audit/audit.service';
import { idleMinutes } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx, type Session } from '../context';
import * as repo from './auth.repo';
import { burnComparison, checkNewPassword, hashPassword, passwordMatches, temporaryPassword } from './passwords';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SESSION_MAX_HOURS = 12;

const MINUTE = 60_000;
const TOUCH_EVERY_MS = 30_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const lockedError = () =>
  new DomainError('LOCKED', `Too many failed sign-in attempts. This email address is locked for ${LOCK_MINUTES} minutes.`, {
    keep: true,
  });

export async function sessionUser(ctx: Ctx, userId: number): Promise<SessionUser> {
  const u = await repo.userById(ctx.db, userId);
  if (!u) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  return {
    id: u.id,
    fullName: u.full_name,
    email: u.email,
    roles: await repo.rolesOf(ctx.db, u.id),
    mustChangePassword: u.must_change_password === 1,
    language: u.language,
  };
}

/** Opens a session for a user who has just proved who they are (login, sign-up, first-run setup). */
export async function openSession(ctx: Ctx, userId: number, portal: Portal): Promise<LoginResult> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(ctx.db, { tokenHash: hashToken(token), userId, portal, nowIso: ctx.now.toISOString() });
  return { token, user: await sessionUser(ctx, userId), idleMinutes: await idleMinutes(ctx) };
}

export async function login(ctx: Ctx, input: ParsedInput<'auth.login'>): Promise<LoginResult> {
  const { email, password, portal } = input;
  const nowIso = ctx.now.toISOString();
  const failures = await repo.failuresFor(ctx.db, email);
  if (failures?.locked_until && failures.locked_until > nowIso) throw lockedError();

  const user = await repo.userByEmail(ctx.db, email);
  const matches = user ? await passwordMatches(password, user.password_hash) : (await burnComparison(password, ctx.deps.bcryptCost), false);
  const roles = user && matches ? await repo.rolesOf(ctx.db, user.id) : [];
  if (!user || !matches) {
    // A lock that has run out starts a fresh count.
    const count = (failures?.locked_until ? 0 : (failures?.failures ?? 0)) + 1;
    const locks = count >= MAX_FAILURES;
    const until = locks ? new Date(ctx.now.getTime() + LOCK_MINUTES * MINUTE).toISOString() : null;
    await repo.saveFailures(ctx.db, email, locks ? 0 : count, until, nowIso);
    await record(ctx, { action: 'auth.login_failed', actorId: null, detail: { email, portal } });
    if (locks) {
      await record(ctx, { action: 'auth.locked', actorId: null, detail: { email, minutes: LOCK_MINUTES } });
      throw lockedError();
    }
    throw new DomainError('BAD_CREDENTIALS', 'The email address or password is not right.', { keep: true });
  }
  if (!portalAdmits(portal, roles)) {
    throw new DomainError(
      'WRONG_PORTAL',
      portal === 'patient'
        ? 'This account belongs to clinic staff. Please use the clinic sign-in.'
        : 'This is a patient account. Please use the patient sign-in.',
    );
  }
  await repo.clearFailures(ctx.db, email);
  await record(ctx, { action: 'auth.login', actorId: user.id, detail: { portal } });
  return openSession(ctx, user.id, portal);
}

/** The open session behind a token, and whether it has run out (idle too long, or open too long); reads only. */
async function sessionRow(ctx: Ctx, token: string | undefined) {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const row = await repo.sessionByHash(ctx.db, tokenHash);
  if (!row) return null;
  const now = ctx.now.getTime();
  const idle = (await idleMinutes(ctx)) * MINUTE;
  const expired = now - Date.parse(row.last_seen_at) > idle || now - Date.parse(row.created_at) > SESSION_MAX_HOURS * 60 * MINUTE;
  return { row, tokenHash, expired };
}

async function sessionOf(ctx: Ctx, userId: number, tokenHash: string): Promise<Session | null> {
  const user = await repo.userById(ctx.db, userId);
  if (!user) return null;
  return { tokenHash, userId: user.id, roles: await repo.rolesOf(ctx.db, user.id), mustChangePassword: user.must_change_password === 1 };
}

/** Finds the caller's session, ending it when it has been idle too long or open too long. */
export async function resolveSession(ctx: Ctx, token: string | undefined): Promise<Session | null> {
  const found = await sessionRow(ctx, token);
  if (!found) return null;
  const { row, tokenHash } = found;
  if (found.expired) {
    await repo.endSession(ctx.db, tokenHash, ctx.now.toISOString());
    throw new DomainError('SESSION_EXPIRED', 'Your session ended. Please sign in again.', { keep: true });
  }
  // Recording activity is a write (and an fsync); once every half minute is precise enough for idle limits.
  if (ctx.now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) await repo.touchSession(ctx.db, tokenHash, ctx.now.toISOString());
  return sessionOf(ctx, row.user_id, tokenHash);
}

/**
 * The session behind a token if it is still open, without counting the look as activity: a screen's live feed
 * asks this while nobody touches the screen, which must not keep the session from running out.
 */
export async function peekSession(ctx: Ctx, token: string | undefined): Promise<Session | null> {
  const found = await sessionRow(ctx, token);
  return found && !found.expired ? sessionOf(ctx, found.row.user_id, found.tokenHash) : null;
}

export async function logout(ctx: Ctx): Promise<{ done: true }> {
  const s = requireSession(ctx);
  await repo.endSession(ctx.db, s.tokenHash, ctx.now.toISOString());
  await record(ctx, { action: 'auth.logout', actorId: s.userId });
  return { done: true };
}

/** The signed-in person confirms their own password before something sensitive; refused under `field` otherwise. */
export async function confirmPassword(ctx: Ctx, password: string, field: string, message: string): Promise<Session> {
  const s = requireSession(ctx);
  const user = await repo.userById(ctx.db, s.userId);
  if (!user || !(await passwordMatches(password, user.password_hash))) {
    throw new DomainError('PASSWORD_WRONG', message, { fields: { [field]: 'password_wrong' } });
  }
  return s;
}

export async function changePassword(ctx: Ctx, input: ParsedInput<'auth.changePassword'>): Promise<SessionUser> {
  const s = await confirmPassword(ctx, input.currentPassword, 'currentPassword', 'Your current password is not right.');
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('PASSWORD_WEAK', 'Choose a password different from the current one.', { fields: { newPassword: 'password_same' } });
  }
  checkNewPassword(input.newPassword, 'newPassword');
  const nowIso = ctx.now.toISOString();
  await repo.setPassword(ctx.db, s.userId, await hashPassword(input.newPassword, ctx.deps.bcryptCost), false, nowIso);
  // Other devices signed in with the old password are signed out.
  await repo.endSessionsOf(ctx.db, s.userId, nowIso, s.tokenHash);
  await record(ctx, { action: 'auth.password_changed', actorId: s.userId });
  return sessionUser(ctx, s.userId);
}

/** The administrator hands out a one-time password; the holder must choose their own at next sign-in. */
export async function resetPassword(ctx: Ctx, input: ParsedInput<'admin.resetPassword'>): Promise<{ temporaryPassword: string }> {
  const admin = requireSession(ctx);
  const user = await repo.userByEmail(ctx.db, input.email);
  if (!user) throw new DomainError('NOT_FOUND', 'No account has this email address.', { fields: { email: 'account_not_found' } });
  const temp = temporaryPassword();
  const nowIso = ctx.now.toISOString();
  await repo.setPassword(ctx.db, user.id, await hashPassword(temp, ctx.deps.bcryptCost), true, nowIso);
  await repo.endSessionsOf(ctx.db, user.id, nowIso);
  await repo.clearFailures(ctx.db, user.email);
  await record(ctx, { action: 'auth.password_reset', actorId: admin.userId, detail: { userId: user.id } });
  return { temporaryPassword: temp };
}

export interface NewAccount {
  email: string;
  fullName: string;
  phone: string;
  password: string;
  language?: string;
  roles: Role[];
  mustChangePassword?: boolean;
  /** Where the email and password sit in the caller's input, so a refusal lands on the field the screen shows. */
  fieldPaths?: { email?: string; password?: string };
}

/** The one way an account is made: unique email, an acceptable password, hashed at the configured cost. */
export async function createAccount(ctx: Ctx, a: NewAccount): Promise<number> {
  if (await repo.emailTaken(ctx.db, a.email)) {
    throw new DomainError('EMAIL_TAKEN', 'An account with this email address already exists. Sign in instead.', {
      fields: { [a.fieldPaths?.email ?? 'email']: 'email_taken' },
    });
  }
  if (!a.mustChangePassword) checkNewPassword(a.password, a.fieldPaths?.password);
  return repo.insertUser(
    ctx.db,
    {
      email: a.email,
      fullName: a.fullName,
      phone: a.phone,
      passwordHash: await hashPassword(a.password, ctx.deps.bcryptCost),
      mustChangePassword: !!a.mustChangePassword,
      language: a.language ?? 'en',
      roles: a.roles,
    },
    ctx.now.toISOString(),
  );
}
