import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LoginResult, ParsedInput, SignupSent } from '../../../shared/contract';
import type { DoctorCredentials, PatientProfile } from '../../../shared/fields';
import type { Portal } from '../../../shared/roles';
import { record } from '../audit/audit.service';
import { DomainError, type Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import * as repo from './auth.repo';
import { openSession } from './auth.service';
import * as requests from './signup.repo';

// A sign-up waits for the code mailed to its address. A new address and one that already has an account get
// the same answer ("check your email"); the owner of a taken address is told of the attempt instead of being
// sent a code, so the screens never tell anyone which addresses have accounts.

export const CODE_MINUTES = 30;
const MAX_CODE_TRIES = 5;
/** Sign-ups started at one door in a minute; beyond it people are asked to wait. */
export const SIGNUPS_PER_MINUTE = 10;
const MINUTE = 60_000;

/** A sign-up as typed, its password already checked and hashed (before the transaction). */
export type PendingSignup =
  | { kind: 'patient'; profile: PatientProfile; passwordHash: string }
  | { kind: 'doctor'; email: string; credentials: DoctorCredentials; invitationCode?: string; passwordHash: string };

/** What makes the account once the code is right, per kind (the patient and doctor services). */
export interface AccountMakers {
  patient(ctx: Ctx, s: Extract<PendingSignup, { kind: 'patient' }>): Promise<number>;
  doctor(ctx: Ctx, s: Extract<PendingSignup, { kind: 'doctor' }>): Promise<number>;
}

/** The code a sign-up email carries (for the demo data, which mails nothing, and tests). */
export const codeInMail = (text: string): string | undefined => /\b(\d{6})\b/.exec(text)?.[1];

const codeHash = (requestId: string, code: string) => createHash('sha256').update(`${requestId}:${code}`).digest();

/** Keeps the sign-up and mails its code (or, for a taken address, a note to its owner). Every check ran before. */
export async function requestSignup(
  ctx: Ctx,
  s: { door: Portal; email: string; name: string; language: string; pending: PendingSignup },
): Promise<SignupSent> {
  const nowIso = ctx.now.toISOString();
  await requests.removeExpired(ctx.db, nowIso);
  if ((await requests.startedSince(ctx.db, s.door, new Date(ctx.now.getTime() - MINUTE).toISOString())) >= SIGNUPS_PER_MINUTE) {
    throw new DomainError('TOO_MANY', 'Many people are signing up right now. Please wait a minute and try again.');
  }
  const taken = await repo.emailTaken(ctx.db, s.email);
  const id = randomUUID();
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const expiresAt = new Date(ctx.now.getTime() + CODE_MINUTES * MINUTE);
  // A new code replaces any earlier one for the address.
  await requests.removeFor(ctx.db, s.email, s.door);
  await requests.insert(ctx.db, {
    id,
    email: s.email,
    door: s.door,
    code_hash: codeHash(id, code).toString('hex'),
    attempts: 0,
    payload: taken ? null : JSON.stringify(s.pending),
    created_at: nowIso,
    expires_at: expiresAt.toISOString(),
  });
  const clinic = await clinicInfo(ctx);
  if (taken) await enqueueMail(ctx, 'signup_exists', { to: s.email, language: s.language, data: { clinic } });
  else await enqueueMail(ctx, 'signup_code', { to: s.email, language: s.language, data: { clinic, name: s.name, code, expiresAt } });
  await record(ctx, { action: 'auth.signup_requested', actorId: null, detail: { email: s.email, door: s.door } });
  ctx.afterCommit(() => ctx.deps.wakeSender());
  return { email: s.email, expiresAt: expiresAt.toISOString() };
}

const wrongCode = () =>
  new DomainError('CODE_WRONG', 'This code is not right, or it has expired. Check the latest email from the clinic, or sign up again.', {
    keep: true,
    fields: { code: 'code_wrong' },
  });

/** The code from the email: the account is made as it was typed at sign-up, and its holder signed in. */
export async function confirmSignup(ctx: Ctx, input: ParsedInput<'auth.confirmSignup'>, makers: AccountMakers): Promise<LoginResult> {
  const request = await requests.latestFor(ctx.db, input.email, input.portal, ctx.now.toISOString());
  if (!request) throw wrongCode();
  const expected = Buffer.from(request.code_hash, 'hex');
  const right = timingSafeEqual(codeHash(request.id, input.code), expected) && request.payload !== null;
  if (!right) {
    // A request typed wrong too often is dropped: a new sign-up sends a new code.
    if (request.attempts + 1 >= MAX_CODE_TRIES) await requests.remove(ctx.db, request.id);
    else await requests.countAttempt(ctx.db, request.id);
    throw wrongCode();
  }
  await requests.remove(ctx.db, request.id);
  const pending = JSON.parse(request.payload!) as PendingSignup;
  const userId = pending.kind === 'patient' ? await makers.patient(ctx, pending) : await makers.doctor(ctx, pending);
  return openSession(ctx, userId, input.portal);
}
