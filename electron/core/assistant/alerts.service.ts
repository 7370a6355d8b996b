// The clinic's list of urgent alerts: each red flag the assistant met, shown to doctors and the administrator
// until one of them marks it handled. Seeing a patient's alert and handling it are in the audit log.
import type { AssistantAlert } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { alertChange, announce } from '../live/changes';
import { practisingDoctor } from '../scheduling/availability.service';
import * as repo from './alerts.repo';

/** What a patient typed is kept at most this long (the question's own limit). */
const MESSAGE_LIMIT = 500;

export async function raiseAlert(ctx: Ctx, patientId: number | null, message: string, flags: string[]): Promise<void> {
  await repo.insertAlert(ctx.db, { at: ctx.now.toISOString(), patient_id: patientId, message: message.slice(0, MESSAGE_LIMIT), flags: JSON.stringify(flags) });
  announce(ctx, alertChange(null));
}

/** The administrator, or a doctor who is verified and not suspended: alerts carry patients' health. */
async function clinician(ctx: Ctx): Promise<number> {
  const session = requireSession(ctx);
  if (!session.roles.includes('admin')) await practisingDoctor(ctx);
  return session.userId;
}

export async function listAlerts(ctx: Ctx): Promise<AssistantAlert[]> {
  const userId = await clinician(ctx);
  const rows = await repo.openAlerts(ctx.db);
  await recordView(ctx, { action: 'alert.viewed', actorId: userId }, rows.flatMap((r) => (r.patient_id === null ? [] : [r.patient_id])));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    patientId: r.patient_id,
    patientName: r.patient_name ?? null,
    patientPhone: r.patient_phone ?? null,
    message: r.message,
    flags: JSON.parse(r.flags) as string[],
  }));
}

export async function countAlerts(ctx: Ctx): Promise<{ open: number }> {
  await clinician(ctx);
  return { open: await repo.countOpen(ctx.db) };
}

export async function handleAlert(ctx: Ctx, alertId: number): Promise<{ done: true }> {
  const userId = await clinician(ctx);
  const alert = await repo.alertById(ctx.db, alertId);
  if (!alert) throw new DomainError('NOT_FOUND', 'No alert has this number.');
  if (!(await repo.markHandled(ctx.db, alertId, userId, ctx.now.toISOString()))) {
    throw new DomainError('CONFLICT', 'Someone has already marked this alert handled.');
  }
  await record(ctx, { action: 'alert.handled', actorId: userId, patientId: alert.patient_id, detail: { alertId } });
  announce(ctx, alertChange(alertId));
  return { done: true };
}
