import { INVITATION_DAYS, type InvitationView, type Output, type ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { emailTaken, userById } from '../auth/auth.repo';
import { invitationCodeHash, newInvitationCode, openOrRefuse } from '../auth/invitation-codes';
import { DomainError, requireSession, type Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import * as repo from './invitations.repo';

// Inviting a doctor: a one-time code (auth/invitation-codes.ts), shown once to the administrator and emailed to
// the doctor.

const DAY = 86_400_000;
/** The invitations list shows the most recent ones. */
const LIST_LIMIT = 100;

export async function invite(ctx: Ctx, input: ParsedInput<'admin.inviteDoctor'>): Promise<Output<'admin.inviteDoctor'>> {
  const admin = (await userById(ctx.db, requireSession(ctx).userId))!;
  if (await emailTaken(ctx.db, input.email)) {
    throw new DomainError('CONFLICT', 'This email address already has a MedLink account, so there is nobody to invite. The doctor can sign in with it.', {
      fields: { email: 'email_taken' },
    });
  }
  const code = newInvitationCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * DAY);
  await repo.dropUnused(ctx.db, input.email);
  await repo.insertInvitation(ctx.db, {
    code_hash: invitationCodeHash(code),
    email: input.email,
    full_name: input.fullName ?? null,
    invited_by: admin.id,
    created_at: ctx.now.toISOString(),
    expires_at: expiresAt.toISOString(),
    used_at: null,
  });
  await record(ctx, { action: 'doctor.invited', actorId: admin.id, detail: { email: input.email } });
  await enqueueMail(ctx, 'doctor_invitation', {
    to: input.email,
    // The doctor has no account yet, so no language of their own: the administrator's.
    language: admin.language,
    data: { clinic: await clinicInfo(ctx), inviteeName: input.fullName ?? null, invitedBy: admin.full_name, code, expiresAt },
  });
  return { email: input.email, fullName: input.fullName ?? null, code, expiresAt: expiresAt.toISOString() };
}

/** An open invitation by its code; refused, with the reason, when unknown, used or expired. */
export async function openInvitation(ctx: Ctx, code: string, field: string) {
  return openOrRefuse(await repo.invitationByHash(ctx.db, invitationCodeHash(code)), ctx.now.toISOString(), field);
}

export async function lookup(ctx: Ctx, code: string): Promise<Output<'doctors.invitation'>> {
  const row = await openInvitation(ctx, code, 'code');
  return { email: row.email, fullName: row.full_name, expiresAt: row.expires_at };
}

/**
 * At a doctor's sign-up: a code they give must be open (so a mistyped one is said at once), and every open
 * invitation to the address they sign up with is marked used. A code sent to another address stays open.
 */
export async function settleOnSignup(ctx: Ctx, email: string, code: string | undefined): Promise<void> {
  if (code) await openInvitation(ctx, code, 'invitationCode');
  await repo.markUsed(ctx.db, email, ctx.now.toISOString());
}

export async function list(ctx: Ctx): Promise<InvitationView[]> {
  const nowIso = ctx.now.toISOString();
  return (await repo.listInvitations(ctx.db, LIST_LIMIT)).map((r) => ({
    email: r.email,
    fullName: r.full_name,
    invitedBy: r.invited_by_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: r.used_at ? 'used' : r.expires_at <= nowIso ? 'expired' : 'open',
  }));
}
