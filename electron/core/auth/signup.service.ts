import type { LoginResult, ParsedInput, CodeSent } from '../../../shared/contract';
import type { DoctorCredentials, PatientProfile } from '../../../shared/fields';
import type { Portal } from '../../../shared/roles';
import { record } from '../audit/audit.service';
import type { Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import * as repo from './auth.repo';
import { openSession } from './auth.service';
import { issueCode, redeemCode } from './mailed-codes';

// A sign-up waits for the code mailed to its address. A new address and one that already has an account get
// the same answer ("check your email"); the owner of a taken address is told of the attempt instead of being
// sent a code, so the screens never tell anyone which addresses have accounts.

const CODE_MINUTES = 30;
/** Sign-ups started at one door in a minute; beyond it people are asked to wait. */
const SIGNUPS_PER_MINUTE = 10;

/** A sign-up as typed, its password already checked and hashed (before the transaction). */
export type PendingSignup =
  | { kind: 'patient'; profile: PatientProfile; passwordHash: string; invitationCode?: string }
  | { kind: 'doctor'; email: string; credentials: DoctorCredentials; invitationCode?: string; passwordHash: string };

/** What makes the account once the code is right, per kind (the patient and doctor services). */
export interface AccountMakers {
  patient(ctx: Ctx, s: Extract<PendingSignup, { kind: 'patient' }>): Promise<number>;
  doctor(ctx: Ctx, s: Extract<PendingSignup, { kind: 'doctor' }>): Promise<number>;
}

/** Keeps the sign-up and mails its code (or, for a taken address, a note to its owner). Every check ran before. */
export async function requestSignup(
  ctx: Ctx,
  s: { door: Portal; email: string; name: string; language: string; pending: PendingSignup },
): Promise<CodeSent> {
  const taken = await repo.emailTaken(ctx.db, s.email);
  const { code, expiresAt } = await issueCode(ctx, {
    purpose: 'signup', email: s.email, door: s.door, minutes: CODE_MINUTES, perMinute: SIGNUPS_PER_MINUTE, payload: taken ? null : JSON.stringify(s.pending),
  });
  const clinic = await clinicInfo(ctx);
  if (taken) await enqueueMail(ctx, 'signup_exists', { to: s.email, language: s.language, data: { clinic } });
  else await enqueueMail(ctx, 'signup_code', { to: s.email, language: s.language, data: { clinic, name: s.name, code, expiresAt } });
  await record(ctx, { action: 'auth.signup_requested', actorId: null, detail: { email: s.email, door: s.door } });
  ctx.afterCommit(() => ctx.deps.wakeSender());
  return { email: s.email, expiresAt: expiresAt.toISOString() };
}

/** The code from the email: the account is made as it was typed at sign-up, and its holder signed in. */
export async function confirmSignup(ctx: Ctx, input: ParsedInput<'auth.confirmSignup'>, makers: AccountMakers): Promise<LoginResult> {
  const pending = JSON.parse(await redeemCode(ctx, { purpose: 'signup', email: input.email, door: input.portal, code: input.code })) as PendingSignup;
  const userId = pending.kind === 'patient' ? await makers.patient(ctx, pending) : await makers.doctor(ctx, pending);
  return openSession(ctx, userId, input.portal);
}
