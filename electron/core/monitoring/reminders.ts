import type { Measure } from '../../../shared/monitoring';
import type { Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import { contactOf } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import * as repo from './monitoring.repo';
import { missedDays } from './rules';

// Reminders to patients of planned readings that are due and have not come, by email through the outbox, in the
// patient's language: at most one per measure per planned period, however often the sweep runs.

const DAY_MS = 86_400_000;
/** A planned reading is missed once its interval and half another have passed without one: before the doctor's alert at twice. */
export const REMIND_INTERVALS = 1.5;

/** Queues one email per patient naming the measures now due and not reminded of within their period; returns how many. */
export async function remindMissed(ctx: Ctx): Promise<number> {
  // Two doctors may plan the same measure: the patient is reminded by the shorter interval and the earlier start.
  const planned = new Map<string, { patientId: number; measure: Measure; everyDays: number; startedAt: string }>();
  for (const m of await repo.allPlanMeasures(ctx.db)) {
    const key = `${m.patient_id}|${m.measure}`;
    const known = planned.get(key);
    planned.set(key, {
      patientId: m.patient_id, measure: m.measure as Measure,
      everyDays: Math.min(m.every_days, known?.everyDays ?? Infinity),
      startedAt: known && known.startedAt < m.started_at ? known.startedAt : m.started_at,
    });
  }
  const patientIds = [...new Set([...planned.values()].map((m) => m.patientId))];
  const latest = await repo.latestByMeasure(ctx.db, patientIds);
  const reminded = await repo.remindersOf(ctx.db, patientIds);
  const due = new Map<number, { measure: Measure; lastAt: Date | null }[]>();
  for (const m of planned.values()) {
    const last = latest.find((r) => r.patient_id === m.patientId && r.measure === m.measure)?.taken_at ?? null;
    if (missedDays(m.everyDays, last, m.startedAt, ctx.now, REMIND_INTERVALS) === null) continue;
    const previous = reminded.find((r) => r.patient_id === m.patientId && r.measure === m.measure);
    if (previous && ctx.now.getTime() - Date.parse(previous.sent_at) < m.everyDays * DAY_MS) continue;
    due.set(m.patientId, [...(due.get(m.patientId) ?? []), { measure: m.measure, lastAt: last ? new Date(last) : null }]);
  }
  let sent = 0;
  for (const [patientId, measures] of due) {
    const patient = await patientById(ctx.db, patientId);
    if (!patient) continue;
    const contact = await contactOf(ctx.db, patient);
    // No address to write to: nothing is recorded, so a reminder goes once one is given.
    if (!contact.email) continue;
    await enqueueMail(ctx, 'reading_reminder', {
      to: contact.email,
      language: contact.language,
      data: { clinic: await clinicInfo(ctx), patientName: patient.full_name, holderName: contact.holder ? contact.name : null, due: measures },
    });
    await repo.markReminded(ctx.db, patientId, measures.map((m) => m.measure), ctx.now.toISOString());
    sent++;
  }
  return sent;
}
