import { randomBytes } from 'node:crypto';
import type { LoginResult, ParsedInput, SessionUser } from '../../../shared/contract';
import { portalAdmits, type Portal, type Role } from '../../../shared/roles';
import { continueFrom, readBeforeRecording, record } from '../audit/audit.service';
import { idleMinutes } from '../clinic/clinic.service';
import { knowSettings } from '../clinic/settings.repo';
import { DomainError, requireSession, type Ctx, type Deps, type Session } from '../context';
import { BUSY_VERSION_KEY, SEARCH_VERSION_KEY } from '../search/versions.repo';
import * as repo from './auth.repo';
import { hashToken, stillHolds, type PasswordCheck, type SignInRead } from './password-checks';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SESSION_MAX_HOURS = 12;

const MINUTE = 60_000;
const TOUCH_EVERY_MS = 30_000;

const lockedError = () =>
  new DomainError('LOCKED', `Too many failed sign-in attempts. This email address is locked for ${LOCK_MINUTES} minutes.`, {
    keep: true,
  });

/** Locks the address at one door for LOCK_MINUTES, recorded; the caller throws. */
async function lock(ctx: Ctx, email: string, door: string, why: 'sign_in' | 'confirmations') {
  const until = new Date(ctx.now.getTime() + LOCK_MINUTES * MINUTE).toISOString();
  await repo.saveFailures(ctx.db, email, door, 0, until, ctx.now.toISOString());
  await record(ctx, { action: 'auth.locked', actorId: null, detail: { email, door, minutes: LOCK_MINUTES, why } });
}

const userOf = (rows: { id: number; full_name: string; email: string; language: string; must_change_password: number; role: string | null }[]): SessionUser | null =>
  rows[0]
    ? {
        id: rows[0].id,
        fullName: rows[0].full_name,
        email: rows[0].email,
        roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])).sort(),
        mustChangePassword: rows[0].must_change_password === 1,
        language: rows[0].language,
      }
    : null;

export async function sessionUser(ctx: Ctx, userId: number): Promise<SessionUser> {
  const user = userOf(await repo.userWithRoles(ctx.db, userId));
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  return user;
}

/** Opens a session for a user who has just proved who they are (login, sign-up, first-run setup). */
/** `user`: the account as the caller has just read it, if it has. */
export async function openSession(ctx: Ctx, userId: number, portal: Portal, user?: SessionUser): Promise<LoginResult> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(ctx.db, { tokenHash: hashToken(token), userId, portal, nowIso: ctx.now.toISOString() });
  return { token, user: user ?? (await sessionUser(ctx, userId)), idleMinutes: await idleMinutes(ctx) };
}

/**
 * Failures are counted per address and door: five wrong passwords typed at the patient window (a kiosk) lock that
 * address there only, never a doctor's or receptionist's sign-in at the clinic window.
 */
export async function login(ctx: Ctx, input: ParsedInput<'auth.login'>, check: PasswordCheck & { read?: SignInRead }): Promise<LoginResult> {
  const { email, portal } = input;
  const nowIso = ctx.now.toISOString();
  // A sign-in, failed or not, is recorded. It goes on with what its check read before (once: a call run again reads
  // afresh), which only an append to the audit log changes: every change to an account, its roles or its failed
  // sign-ins is recorded. Else the log's lock comes with the reads.
  const early = check.read;
  delete check.read;
  const { failures: [failures], account: rows, settings } =
    early && (await continueFrom(ctx, early.auditTail)) ? early : await readBeforeRecording(ctx, repo.signInReads(ctx.db, email, portal));
  knowSettings(ctx.db, new Map(settings.map((r) => [r.key, r.value])));
  if (failures?.locked_until && failures.locked_until > nowIso) throw lockedError();

  const user = rows[0];
  const matches = stillHolds(check, user);
  const account = matches ? userOf(rows) : null;
  const roles = account?.roles ?? [];
  if (!user || !account) {
    // A lock that has run out starts a fresh count.
    const count = (failures?.locked_until ? 0 : (failures?.failures ?? 0)) + 1;
    await record(ctx, { action: 'auth.login_failed', actorId: null, detail: { email, portal } });
    if (count >= MAX_FAILURES) {
      await lock(ctx, email, portal, 'sign_in');
      throw lockedError();
    }
    await repo.saveFailures(ctx.db, email, portal, count, null, nowIso);
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
  return openSession(ctx, user.id, portal, account);
}

/** The open session the rows of a session read show (none: no such session), and the settings read with them. */
function sessionIn(tokenHash: string, rows: repo.SessionRow[]) {
  const settings = new Map(rows.flatMap((r) => (r.key != null && r.value != null ? [[r.key, r.value] as const] : [])));
  const own = rows.filter((r) => r.key == null);
  const user = userOf(own.map((r) => ({ ...r, id: r.user_id! }) as never));
  if (!user) return null;
  const row = own[0]!;
  const session: Session = { tokenHash, userId: user.id, portal: row.portal as Portal, roles: user.roles, mustChangePassword: user.mustChangePassword, user };
  return { session, settings, lastSeenAt: row.last_seen_at!, createdAt: row.created_at! };
}
type Found = NonNullable<ReturnType<typeof sessionIn>>;

/** Whether the session has run out: idle too long, or open too long (the call's settings known). */
async function hasExpired(ctx: Ctx, found: Found): Promise<boolean> {
  const nowMs = ctx.now.getTime();
  return nowMs - Date.parse(found.lastSeenAt) > (await idleMinutes(ctx)) * MINUTE || nowMs - Date.parse(found.createdAt) > SESSION_MAX_HOURS * 60 * MINUTE;
}

/** The activity a call records, when last recorded more than half a minute ago (a write costs an fsync; that is precise enough). */
const touchOf = (ctx: Ctx): repo.Touch => ({ nowIso: ctx.now.toISOString(), staleBefore: new Date(ctx.now.getTime() - TOUCH_EVERY_MS).toISOString() });

/**
 * The session behind a token and the clinic's settings, in one statement, with the activity recorded along if
 * `touch`: how to get them (on PostgreSQL the statement may wait to go with the call's next one), and whether they
 * are here already.
 */
async function sessionRead(ctx: Ctx, tokenHash: string, touch: boolean) {
  const read = await repo.sessionForCall(ctx.db, ctx.deps.dialect, tokenHash, touch ? touchOf(ctx) : undefined);
  return { arrived: read.arrived, found: async () => sessionIn(tokenHash, await read.rows()) };
}

/** The counters every booking moves: the call never takes them from its settings (search/versions.repo.ts). */
const MOVING_SETTINGS = new Set([SEARCH_VERSION_KEY, BUSY_VERSION_KEY]);
const sameSettings = (a: Map<string, string>, b: Map<string, string>) =>
  [...new Set([...a.keys(), ...b.keys()])].every((k) => MOVING_SETTINGS.has(k) || a.get(k) === b.get(k));

/** What this seat last found of each token's session (and the settings then), most recent last; a few hundred at most. */
const keptSessions = new WeakMap<Deps, Map<string, Found>>();
const KEPT_SESSIONS = 500;
/** The check of a session a call took from keptSessions, until the call asks whether it still holds. */
const unconfirmed = new WeakMap<Ctx, () => Promise<boolean>>();

/** The session a call took from what this seat had kept no longer holds: the call is run again, with it read first. */
export class SessionChanged extends Error {}

/**
 * Finds the caller's session, ending it when it has been idle too long or open too long. A session this seat found
 * before (`fresh` false) is used at once, with the settings found with it, while the database reads it again with
 * the call's first statement (no round trip of its own on PostgreSQL); the call must then confirm it
 * (confirmSession) before it commits or answers.
 */
export async function resolveSession(ctx: Ctx, token: string | undefined, fresh = false): Promise<Session | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const kept = keptSessions.get(ctx.deps) ?? new Map<string, Found>();
  keptSessions.set(ctx.deps, kept);
  const before = fresh ? undefined : kept.get(tokenHash);
  // A kept session's activity is recorded once the session is known to hold, with the call's commit: recorded with
  // the read (which may commit on its own), it would make a session that had run out look active to the run after.
  const read = await sessionRead(ctx, tokenHash, !before);
  // Rows already here (SQLite) serve as they are.
  if (before && !read.arrived) {
    knowSettings(ctx.db, new Map(before.settings));
    unconfirmed.set(ctx, async () => {
      const now = await read.found();
      const holds = !!now && JSON.stringify(now.session) === JSON.stringify(before.session) && sameSettings(now.settings, before.settings) && !(await hasExpired(ctx, now));
      const touch = touchOf(ctx);
      if (!holds) kept.delete(tokenHash);
      else if (now.lastSeenAt < touch.staleBefore) await repo.touchLater(ctx.db, tokenHash, touch);
      return holds;
    });
    return before.session;
  }
  const found = await read.found();
  // Read without its activity, as for a kept session, the rows came at once: the activity is recorded now.
  if (before && found) await repo.touchLater(ctx.db, tokenHash, touchOf(ctx));
  if (!found) return null;
  knowSettings(ctx.db, found.settings);
  if (await hasExpired(ctx, found)) {
    kept.delete(tokenHash);
    await repo.endSession(ctx.db, tokenHash, ctx.now.toISOString());
    throw new DomainError('SESSION_EXPIRED', 'Your session ended. Please sign in again.', { keep: true });
  }
  kept.delete(tokenHash);
  kept.set(tokenHash, found);
  if (kept.size > KEPT_SESSIONS) kept.delete(kept.keys().next().value!);
  return found.session;
}

/**
 * Throws SessionChanged unless the session the call took from what this seat had kept still holds as it was (the
 * same account, roles and settings, not run out); nothing to do for a session read first. `failed`: the call is
 * failing anyway; a check that cannot be made then (its statement went with the one that failed) lets it fail.
 */
export async function confirmSession(ctx: Ctx, failed = false): Promise<void> {
  const check = unconfirmed.get(ctx);
  if (!check) return;
  unconfirmed.delete(ctx);
  const holds = await check().catch((e: unknown) => {
    if (failed) return true;
    throw e;
  });
  if (!holds) throw new SessionChanged();
}

/**
 * The session behind a token if it is still open, without counting the look as activity: a screen's live feed
 * asks this while nobody touches the screen, which must not keep the session from running out.
 */
export async function peekSession(ctx: Ctx, token: string | undefined): Promise<Session | null> {
  if (!token) return null;
  const found = await (await sessionRead(ctx, hashToken(token), false)).found();
  if (!found) return null;
  knowSettings(ctx.db, found.settings);
  return (await hasExpired(ctx, found)) ? null : found.session;
}

export async function logout(ctx: Ctx): Promise<{ done: true }> {
  const s = requireSession(ctx);
  await repo.endSession(ctx.db, s.tokenHash, ctx.now.toISOString());
  await record(ctx, { action: 'auth.logout', actorId: s.userId });
  return { done: true };
}

/**
 * The signed-in person confirmed their own password (`check`, made before the transaction) before something
 * sensitive; refused under `field` otherwise. Wrong ones are counted per account: the fifth in a row ends every
 * session of the account and locks its address at this door, as sign-in does.
 */
export async function confirmPassword(ctx: Ctx, check: PasswordCheck, field: string, message: string): Promise<Session> {
  const s = requireSession(ctx);
  const user = await repo.userById(ctx.db, s.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  if (stillHolds(check, user)) {
    if (user.confirm_failures > 0) await repo.setConfirmFailures(ctx.db, user.id, 0);
    return s;
  }
  const failures = user.confirm_failures + 1;
  if (failures >= MAX_FAILURES) {
    await repo.setConfirmFailures(ctx.db, user.id, 0);
    await repo.endSessionsOf(ctx.db, user.id, ctx.now.toISOString());
    await lock(ctx, user.email, s.portal, 'confirmations');
    throw new DomainError('LOCKED', `Too many wrong passwords. You have been signed out, and this account is locked for ${LOCK_MINUTES} minutes.`, { keep: true });
  }
  await repo.setConfirmFailures(ctx.db, user.id, failures);
  throw new DomainError('PASSWORD_WRONG', message, { fields: { [field]: 'password_wrong' }, keep: true });
}

/** The current password checked and the new one hashed, before the transaction. */
export interface PasswordChange {
  check: PasswordCheck;
  /** Null when the current password did not match (nothing to hash) or the new one is the same. */
  newHash: string | null;
}

export async function changePassword(ctx: Ctx, input: ParsedInput<'auth.changePassword'>, change: PasswordChange): Promise<SessionUser> {
  const s = await confirmPassword(ctx, change.check, 'currentPassword', 'Your current password is not right.');
  if (input.newPassword === input.currentPassword || !change.newHash) {
    throw new DomainError('PASSWORD_WEAK', 'Choose a password different from the current one.', { fields: { newPassword: 'password_same' } });
  }
  const nowIso = ctx.now.toISOString();
  await repo.setPassword(ctx.db, s.userId, change.newHash, false, nowIso);
  // Other devices signed in with the old password are signed out.
  await repo.endSessionsOf(ctx.db, s.userId, nowIso, s.tokenHash);
  await record(ctx, { action: 'auth.password_changed', actorId: s.userId });
  return sessionUser(ctx, s.userId);
}

/** A one-time password and its hash, made before the transaction. */
export interface TemporaryPassword {
  password: string;
  hash: string;
}

/** The administrator hands out a one-time password; the holder must choose their own at next sign-in. */
export async function resetPassword(ctx: Ctx, input: ParsedInput<'admin.resetPassword'>, temp: TemporaryPassword): Promise<{ temporaryPassword: string }> {
  const admin = requireSession(ctx);
  const user = await repo.userByEmail(ctx.db, input.email);
  if (!user) throw new DomainError('NOT_FOUND', 'No account has this email address.', { fields: { email: 'account_not_found' } });
  const nowIso = ctx.now.toISOString();
  await repo.setPassword(ctx.db, user.id, temp.hash, true, nowIso);
  await repo.endSessionsOf(ctx.db, user.id, nowIso);
  await repo.clearFailures(ctx.db, user.email);
  await repo.setConfirmFailures(ctx.db, user.id, 0);
  await record(ctx, { action: 'auth.password_reset', actorId: admin.userId, detail: { userId: user.id } });
  return { temporaryPassword: temp.password };
}

/** The administrator lifts every lock on an address (at both doors, and its count of wrong confirmations). */
export async function unlock(ctx: Ctx, email: string): Promise<{ done: true }> {
  const admin = requireSession(ctx);
  const user = await repo.userByEmail(ctx.db, email);
  if (!user) throw new DomainError('NOT_FOUND', 'No account has this email address.', { fields: { email: 'account_not_found' } });
  await repo.clearFailures(ctx.db, email);
  await repo.setConfirmFailures(ctx.db, user.id, 0);
  await record(ctx, { action: 'auth.unlocked', actorId: admin.userId, detail: { userId: user.id, email } });
  return { done: true };
}

export interface NewAccount {
  email: string;
  fullName: string;
  phone: string;
  /** Checked and hashed before the transaction (password-checks.ts hashNewPassword, or a temporary password's). */
  passwordHash: string;
  language?: string;
  roles: Role[];
  mustChangePassword?: boolean;
  /** Where the email sits in the caller's input, so a refusal lands on the field the screen shows. */
  emailField?: string;
}

/** The one way an account is made: unique email, a password already checked and hashed. */
export async function createAccount(ctx: Ctx, a: NewAccount): Promise<number> {
  if (await repo.emailTaken(ctx.db, a.email)) {
    throw new DomainError('EMAIL_TAKEN', 'An account with this email address already exists. Sign in instead.', {
      fields: { [a.emailField ?? 'email']: 'email_taken' },
    });
  }
  return repo.insertUser(
    ctx.db,
    {
      email: a.email,
      fullName: a.fullName,
      phone: a.phone,
      passwordHash: a.passwordHash,
      mustChangePassword: !!a.mustChangePassword,
      language: a.language ?? 'en',
      roles: a.roles,
    },
    ctx.now.toISOString(),
  );
}
