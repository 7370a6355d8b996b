import type { CodeSent, LoginResult, ParsedInput } from '../../../shared/contract';
import type { Portal, Role } from '../../../shared/roles';
import { record } from '../audit/audit.service';
import type { Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import * as repo from './auth.repo';
import { openSession } from './auth.service';
import { issueCode, redeemCode } from './mailed-codes';

// A forgotten password: a code mailed to the address, then a new password. Patients at the patient window and
// doctors at the clinic window serve themselves; front-desk staff and administrators are reset by the
// administrator. Every address gets the same answer whether or not such an account has it.

const CODE_MINUTES = 15;
const RESETS_PER_MINUTE = 10;
/** Who may reset their own password at each window. */
const SELF_SERVICE: Record<Portal, Role> = { patient: 'patient', clinic: 'doctor' };

export async function forgotPassword(ctx: Ctx, input: ParsedInput<'auth.forgotPassword'>): Promise<CodeSent> {
  const user = await repo.userByEmail(ctx.db, input.email);
  const eligible = !!user && (await repo.rolesOf(ctx.db, user.id)).includes(SELF_SERVICE[input.portal]);
  const { code, expiresAt } = await issueCode(ctx, {
    purpose: 'reset', email: input.email, door: input.portal, minutes: CODE_MINUTES, perMinute: RESETS_PER_MINUTE,
    payload: eligible ? String(user!.id) : null,
  });
  if (eligible) {
    await enqueueMail(ctx, 'password_reset_code', {
      to: user!.email, language: user!.language, data: { clinic: await clinicInfo(ctx), name: user!.full_name, code, expiresAt },
    });
    ctx.afterCommit(() => ctx.deps.wakeSender());
  }
  await record(ctx, { action: 'auth.reset_requested', actorId: null, detail: { email: input.email, door: input.portal } });
  return { email: input.email, expiresAt: expiresAt.toISOString() };
}

/** The code from the email and a new password (hashed before the transaction): every other session ends. */
export async function resetWithCode(ctx: Ctx, input: ParsedInput<'auth.resetWithCode'>, passwordHash: string): Promise<LoginResult> {
  const userId = Number(await redeemCode(ctx, { purpose: 'reset', email: input.email, door: input.portal, code: input.code }));
  const user = (await repo.userById(ctx.db, userId))!;
  const nowIso = ctx.now.toISOString();
  await repo.setPassword(ctx.db, userId, passwordHash, false, nowIso);
  await repo.endSessionsOf(ctx.db, userId, nowIso);
  await repo.clearFailures(ctx.db, user.email);
  await repo.setConfirmFailures(ctx.db, userId, 0);
  await record(ctx, { action: 'auth.password_reset_by_code', actorId: userId, detail: { door: input.portal } });
  return openSession(ctx, userId, input.portal);
}
