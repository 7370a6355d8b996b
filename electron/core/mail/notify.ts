import { userById } from '../auth/auth.repo';
import { clinicSettings } from '../clinic/clinic.service';
import { requireSession, type Ctx } from '../context';
import { enqueue, enqueueMail } from '../outbox/outbox.service';
import type { ClinicInfo } from './templates';

// The emails that domain changes send, each queued inside the change's own transaction.

export async function clinicInfo(ctx: Ctx): Promise<ClinicInfo> {
  const c = await clinicSettings(ctx);
  return { name: c?.name ?? 'MedLink', address: c?.address ?? '', timeZone: c?.timeZone ?? 'Asia/Kolkata', phone: c?.phone, email: c?.email };
}

/** The language a person reads email in: the one they chose for their account. */
async function languageOf(ctx: Ctx, userId: number): Promise<string> {
  return (await userById(ctx.db, userId))?.language ?? 'en';
}

/** Tells a doctor the administrator's decision on their credentials (and, on a rejection, why). */
export async function verificationDecided(
  ctx: Ctx,
  doctor: { userId: number; email: string; fullName: string },
  outcome: { approved: true } | { approved: false; reason: string },
): Promise<void> {
  const common = { to: doctor.email, language: await languageOf(ctx, doctor.userId) };
  const clinic = await clinicInfo(ctx);
  if (outcome.approved) await enqueueMail(ctx, 'verification_approved', { ...common, data: { clinic, doctorName: doctor.fullName } });
  else await enqueueMail(ctx, 'verification_rejected', { ...common, data: { clinic, doctorName: doctor.fullName, reason: outcome.reason } });
}

/** A test message from the administrator, in their language; returns its outbox number. */
export async function sendTest(ctx: Ctx, to: string): Promise<{ id: number }> {
  const admin = await userById(ctx.db, requireSession(ctx).userId);
  const { id } = await enqueue(ctx, 'test_message', { to, language: admin?.language ?? 'en', data: { clinic: await clinicInfo(ctx), sentBy: admin?.full_name ?? 'MedLink' } });
  return { id };
}
