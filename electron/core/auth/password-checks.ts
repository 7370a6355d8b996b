import { createHash } from 'node:crypto';
import { readAheadOfRecording } from '../audit/audit.service';
import type { Deps } from '../context';
import * as repo from './auth.repo';
import { burnComparison, checkNewPassword, hashPassword, passwordMatches } from './passwords';

// bcrypt takes about a quarter of a second at cost 12. It runs in a handler's prepare step, before the call's
// transaction opens (handlers/index.ts withPrepared): inside it, every other call would wait behind it. The
// transaction then checks that the account it compared against is still the same (stillHolds).

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A password compared with an account's hash, outside any transaction. */
export interface PasswordCheck {
  userId: number | null;
  /** The hash it was compared with: a password changed meanwhile makes the check void. */
  hash: string | null;
  matches: boolean;
}

const NO_MATCH: PasswordCheck = { userId: null, hash: null, matches: false };

/** What a sign-in read before its comparison, for its call to go on with once (auth.service login). */
export type SignInRead = Awaited<ReturnType<typeof readSignIn>>;
const readSignIn = (deps: Deps, email: string, door: string) => readAheadOfRecording(deps.db, deps.dialect, repo.signInReads(deps.db, email, door));

/** A sign-in's comparison, with its reads; an address without an account costs the same time, and a locked door none. */
export async function checkSignIn(deps: Deps, email: string, password: string, door: string): Promise<PasswordCheck & { read?: SignInRead }> {
  const read = await readSignIn(deps, email, door);
  const { failures: [failures], account: [user] } = read;
  if (failures?.locked_until && failures.locked_until > deps.clock.now().toISOString()) return { ...NO_MATCH, read };
  if (!user) {
    await burnComparison(password, deps.bcryptCost);
    return { ...NO_MATCH, read };
  }
  return { userId: user.id, hash: user.password_hash, matches: await passwordMatches(password, user.password_hash), read };
}

/** The signed-in person's own password, typed again to confirm something sensitive. */
export async function checkOwnPassword(deps: Deps, token: string | undefined, password: string): Promise<PasswordCheck> {
  const user = token ? await repo.userOfSession(deps.db, hashToken(token)) : undefined;
  if (!user) return NO_MATCH;
  return { userId: user.id, hash: user.password_hash, matches: await passwordMatches(password, user.password_hash) };
}

/** True when the check matched and the account still has the hash it matched. */
export const stillHolds = (check: PasswordCheck | undefined, user: { id: number; password_hash: string } | undefined): boolean =>
  !!check?.matches && !!user && user.id === check.userId && user.password_hash === check.hash;

/** A new password checked (length, the common list) and hashed; a refusal names `field`. */
export async function hashNewPassword(deps: Deps, password: string, field?: string): Promise<string> {
  checkNewPassword(password, field);
  return hashPassword(password, deps.bcryptCost);
}
