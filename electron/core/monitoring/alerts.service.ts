import type { AlertRule, Measure } from '../../../shared/monitoring';
import { userById } from '../auth/auth.repo';
import type { Ctx } from '../context';
import { serialize } from '../db/dialects';
import { doctorById } from '../doctors/doctors.repo';
import { announce, monitoringChange } from '../live/changes';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import * as repo from './monitoring.repo';
import { remindMissed } from './reminders';
import { alertsForReading, historyDays, missedDays, type AlertDraft, type Target } from './rules';
import { alertViews, ruleReading } from './views';

// Alerts: raised by the rules when a reading is saved, and by the clock for a missed schedule; mailed to the doctor
// as one digest at most every hour, through the outbox.

const DAY_MS = 86_400_000;
export const DIGEST_EVERY_MS = 60 * 60_000;
/** Trend rules and a missed schedule are not raised again while the same one is still open (against alert fatigue). */
const ONCE_WHILE_OPEN: readonly AlertRule[] = ['weight_change', 'three_high', 'rising_average', 'missed_schedule'];

async function raise(ctx: Ctx, plan: { id: number; patient_id: number; doctor_id: number }, measure: string, d: AlertDraft): Promise<boolean> {
  if (ONCE_WHILE_OPEN.includes(d.rule)) {
    const last = await repo.latestAlert(ctx.db, plan.id, d.rule, measure);
    if (last && last.acknowledged_at === null) return false;
  }
  await repo.insertAlert(ctx.db, {
    plan_id: plan.id, patient_id: plan.patient_id, doctor_id: plan.doctor_id, rule: d.rule, measure,
    reading_ids: JSON.stringify(d.readingIds), figures: JSON.stringify(d.figures), raised_at: ctx.now.toISOString(),
  });
  return true;
}

/**
 * Evaluates every plan of the patient's (`plans`) that follows each reading's measure, reading by reading in the
 * order given (an import: oldest first, as if entered one after another); returns how many alerts were raised.
 * The doctors told are mailed one digest for all of them.
 */
export async function raiseForReadings(ctx: Ctx, readings: repo.ReadingRow[], plans: repo.PlanRow[]): Promise<number> {
  const planned = await repo.measuresOf(ctx.db, plans.map((p) => p.id));
  let raised = 0;
  const doctors = new Set<number>();
  for (const reading of readings) {
    const measure = reading.measure as Measure;
    const measures = planned.filter((m) => m.measure === measure);
    if (measures.length === 0) continue;
    // Only the days the measure's trend rules look at (a fortnight of glucose, a month of weight), as few columns as they need.
    const days = historyDays(measure);
    const from = new Date(Date.parse(reading.taken_at) - days * DAY_MS).toISOString();
    const recent = days ? (await repo.ruleHistory(ctx.db, reading.patient_id, measure, from, reading.taken_at)).map(ruleReading) : [];
    // The same order as the history's, so its last three are the last three when it holds as many.
    const lastThree = recent.length >= 3 ? recent.slice(-3) : (await repo.lastReadings(ctx.db, reading.patient_id, measure, reading.taken_at, 3)).map(ruleReading);
    for (const m of measures) {
      const plan = plans.find((p) => p.id === m.plan_id)!;
      const target: Target = { low: m.low, high: m.high, low2: m.low2, high2: m.high2 };
      for (const draft of alertsForReading(measure, target, ruleReading(reading), recent, lastThree)) {
        if (await raise(ctx, plan, measure, draft)) {
          raised++;
          doctors.add(plan.doctor_id);
        }
      }
    }
  }
  for (const doctorId of doctors) await mailDigest(ctx, doctorId);
  return raised;
}

/** The missed-schedule rule for every plan, by the clock: a planned measure with no reading for twice its interval. */
export async function raiseMissed(ctx: Ctx): Promise<number> {
  const measures = await repo.allPlanMeasures(ctx.db);
  const latest = await repo.latestByMeasure(ctx.db, [...new Set(measures.map((m) => m.patient_id))]);
  let raised = 0;
  const doctors = new Set<number>();
  for (const m of measures) {
    const last = latest.find((r) => r.patient_id === m.patient_id && r.measure === m.measure) ?? null;
    const days = missedDays(m.every_days, last?.taken_at ?? null, m.started_at, ctx.now);
    if (days === null) continue;
    // One alert per gap: none again once this gap has had one (handled or not), until a reading ends it.
    const previous = await repo.latestAlert(ctx.db, m.plan_id, 'missed_schedule', m.measure);
    if (previous && (!last || previous.raised_at > last.taken_at)) continue;
    if (await raise(ctx, { id: m.plan_id, patient_id: m.patient_id, doctor_id: m.doctor_id }, m.measure, { rule: 'missed_schedule', readingIds: last ? [last.id] : [], figures: { days } })) {
      raised++;
      doctors.add(m.doctor_id);
    }
  }
  for (const doctorId of doctors) await mailDigest(ctx, doctorId);
  return raised;
}

/**
 * Queues one email to the doctor naming every alert not yet mailed, unless their last digest went out less than an
 * hour ago (the sweep sends the waiting ones once the hour is up). Tells the doctor's screens either way.
 */
export async function mailDigest(ctx: Ctx, doctorId: number): Promise<boolean> {
  const doctor = await doctorById(ctx.db, doctorId);
  if (!doctor) return false;
  announce(ctx, monitoringChange(null, [doctor.user_id]));
  // Two seats saving readings at once: the second waits here and sees the first one's digest.
  await serialize(ctx.db, ctx.deps.dialect, `monitoring.digest.${doctorId}`);
  const last = await repo.lastDigest(ctx.db, doctorId);
  if (last && ctx.now.getTime() - Date.parse(last.sent_at) < DIGEST_EVERY_MS) return false;
  const unmailed = await repo.alertsOf(ctx.db, { doctorId, unmailed: true });
  if (unmailed.length === 0) return false;
  const views = await alertViews(ctx, unmailed.reverse());
  await enqueueMail(ctx, 'monitoring_digest', {
    to: doctor.email,
    language: (await userById(ctx.db, doctor.user_id))?.language ?? 'en',
    data: { clinic: await clinicInfo(ctx), doctorName: doctor.full_name, alerts: views },
  });
  await repo.markDigest(ctx.db, doctorId, unmailed.map((a) => a.id), ctx.now.toISOString());
  return true;
}

/** The sweep's work: missed schedules, then the digests that waited for their hour, then the patients' reminders. */
export async function sweep(ctx: Ctx): Promise<{ missed: number; digests: number; reminders: number }> {
  const missed = await raiseMissed(ctx);
  let digests = 0;
  for (const { doctor_id } of await repo.doctorsWithUnmailed(ctx.db)) if (await mailDigest(ctx, doctor_id)) digests++;
  return { missed, digests, reminders: await remindMissed(ctx) };
}
