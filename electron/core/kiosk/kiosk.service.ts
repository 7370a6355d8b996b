import type { CheckInOutcome, KioskStatus, ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { logout } from '../auth/auth.service';
import { checkInOpensMinutes, kioskIdleSeconds } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { appointmentById } from '../scheduling/appointments.repo';
import { changeStatus } from '../scheduling/appointments.service';
import { clinicDayOf } from '../scheduling/clinic-day';
import { attemptsOf } from './attempts';
import * as repo from './kiosk.repo';

export async function status(ctx: Ctx): Promise<KioskStatus> {
  const { kiosk } = ctx.deps;
  return { active: kiosk.active, configured: kiosk.configured, idleSeconds: await kioskIdleSeconds(ctx) };
}

export async function configure(ctx: Ctx, enabled: boolean): Promise<KioskStatus> {
  const session = requireSession(ctx);
  await record(ctx, { action: 'kiosk.configured', actorId: session.userId, detail: { enabled } });
  // The file is written once the entry is: should it fail, the call rolls back and says so.
  ctx.deps.kiosk.configure(enabled);
  return status(ctx);
}

/**
 * Staff signed in at the kiosk only to leave it: the session ends with the call (in Electron the kiosk's window
 * closes as it commits, before the screen could sign out).
 */
export async function leave(ctx: Ctx): Promise<{ done: true }> {
  if (!ctx.deps.kiosk.active) throw new DomainError('CONFLICT', 'This computer is not in kiosk mode.');
  await record(ctx, { action: 'kiosk.left', actorId: requireSession(ctx).userId });
  await logout(ctx);
  ctx.afterCommit(() => ctx.deps.kiosk.leave());
  return { done: true };
}

/**
 * A patient checks in at the kiosk, with the code from their email or card, or their mobile number and date of
 * birth: one of today's visits at the clinic is marked checked in by the same rule the desk's check-in follows,
 * and they learn their place in the doctor's queue. Whatever does not match gets the same answer, which says
 * nothing of what exists; each such try counts towards slowing this kiosk down.
 */
export async function checkIn(ctx: Ctx, input: ParsedInput<'kiosk.checkIn'>): Promise<CheckInOutcome> {
  if (!ctx.deps.kiosk.active) throw new DomainError('FORBIDDEN', 'Checking in is done at the clinic’s kiosk.');
  const attempts = attemptsOf(ctx.deps);
  const wait = attempts.waitSeconds(ctx.now);
  if (wait > 0) return { outcome: 'wait', waitSeconds: wait };

  const { fromIso, toIso } = await clinicDayOf(ctx, ctx.now);
  const found =
    input.method === 'code'
      ? await repo.withCheckInCode(ctx.db, input.code, fromIso, toIso)
      : await repo.withPhoneAndBirth(ctx.db, input.phone, input.dateOfBirth, fromIso, toIso);
  if (found.length === 0) {
    attempts.failed(ctx.now);
    await record(ctx, { action: 'kiosk.check_in_refused', actorId: null, detail: { method: input.method } });
    return { outcome: 'not_found', waitSeconds: attempts.waitSeconds(ctx.now) };
  }
  if (new Set(found.map((a) => a.patient_id)).size > 1) return { outcome: 'see_desk' };

  // Several visits today: the first not yet checked in, else (they ask again) the first.
  const chosen = found.find((a) => a.status === 'booked') ?? found[0]!;
  const row = (await appointmentById(ctx.db, chosen.id))!;
  const already = row.status === 'checked_in';
  let after = row;
  if (!already) {
    try {
      after = await changeStatus(ctx, row, 'checked_in', null);
    } catch (e) {
      // The desk's own rule said no (it refuses before writing anything): too early, or the visit's time is over.
      if (!(e instanceof DomainError) || (e.code !== 'NOT_YET' && e.code !== 'TOO_LATE')) throw e;
      if (e.code === 'TOO_LATE') return { outcome: 'see_desk' };
      return { outcome: 'too_early', opensAt: new Date(Date.parse(row.start_at) - (await checkInOpensMinutes(ctx)) * 60_000).toISOString() };
    }
  }
  await record(ctx, { action: 'kiosk.checked_in', actorId: null, patientId: row.patient_id, detail: { appointmentId: row.id, method: input.method } });
  return {
    outcome: 'checked_in',
    firstName: after.patient_name.split(' ')[0]!,
    start: after.start_at,
    doctorName: after.doctor_name,
    queueNumber: after.queue_number,
    already,
  };
}
