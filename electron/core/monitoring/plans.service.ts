import type { MonitoredPatient, Output, ParsedInput } from '../../../shared/contract';
import type { ChartRange, Measure, PatientStatus } from '../../../shared/monitoring';
import { record, recordView } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { announce, monitoringChange } from '../live/changes';
import { patientById } from '../patients/patients.repo';
import { accessOf, asSignedInDoctor, signedInDoctor } from '../records/access';
import * as repo from './monitoring.repo';
import { doctorAccess, rangeStart } from './readings.service';
import { missedDays, outOfRange } from './rules';
import { alertViews, monitoringDefaults, planViews, readingView, visitView } from './views';

// A doctor's side of monitoring: enrolling a patient with a plan, the monitored patients at a glance, one patient's
// readings and alerts, the alert inbox and its acknowledgement. Every look at a patient's readings is audited.

export const defaults = (): Output<'monitoring.defaults'> => monitoringDefaults();

export async function enrol(ctx: Ctx, input: ParsedInput<'monitoring.enrol'>): Promise<Output<'monitoring.enrol'>> {
  const doctor = await signedInDoctor(ctx);
  const patient = await patientById(ctx.db, input.patientId);
  if (!patient || patient.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  // A plan is a treating doctor's: one with an appointment (or an existing plan to change).
  if (!(await repo.planOf(ctx.db, patient.id, doctor.id)) && (await accessOf(ctx, doctor.id, patient.id))?.via !== 'appointment') {
    throw new DomainError('FORBIDDEN', 'You can monitor patients who have or had an appointment with you.');
  }
  const nowIso = ctx.now.toISOString();
  const planId = await repo.upsertPlan(ctx.db, { patientId: patient.id, doctorId: doctor.id, heightCm: input.heightCm ?? null, nowIso });
  await repo.replaceMeasures(ctx.db, planId, input.measures.map((m) => ({ measure: m.measure, every_days: m.everyDays, low: m.low ?? null, high: m.high ?? null, low2: m.low2 ?? null, high2: m.high2 ?? null })));
  await record(ctx, { action: 'monitoring.enrolled', actorId: doctor.user_id, patientId: patient.id, detail: { count: input.measures.length } });
  announce(ctx, monitoringChange(patient.user_id, [doctor.user_id]));
  const plan = (await repo.plansOfPatient(ctx.db, patient.id)).filter((p) => p.id === planId);
  return (await planViews(ctx, plan))[0]!;
}

/** An open alert; else a planned measure overdue; else a latest reading outside its target; else in range. */
export async function patients(ctx: Ctx): Promise<MonitoredPatient[]> {
  const doctor = await signedInDoctor(ctx);
  const plans = await repo.plansOfDoctor(ctx.db, doctor.id);
  const measures = await repo.measuresOf(ctx.db, plans.map((p) => p.id));
  const latest = await repo.latestByMeasure(ctx.db, plans.map((p) => p.patient_id));
  const open = new Map((await repo.openAlertCounts(ctx.db, doctor.id)).map((r) => [r.patient_id, Number(r.n)]));
  const result = plans.map((p): MonitoredPatient => {
    const mine = measures.filter((m) => m.plan_id === p.id);
    const last = (measure: string) => latest.find((r) => r.patient_id === p.patient_id && r.measure === measure);
    const openAlerts = open.get(p.patient_id) ?? 0;
    let status: PatientStatus = 'in_range';
    if (openAlerts > 0) status = 'alert';
    else if (mine.some((m) => missedDays(m.every_days, last(m.measure)?.taken_at ?? null, p.started_at, ctx.now) !== null)) status = 'no_recent';
    else if (mine.some((m) => { const r = last(m.measure); return r !== undefined && outOfRange(r, m); })) status = 'attention';
    const times = latest.filter((r) => r.patient_id === p.patient_id).map((r) => r.taken_at).sort();
    return { patientId: p.patient_id, fullName: p.patient_name, status, openAlerts, lastReadingAt: times.at(-1) ?? null };
  });
  await recordView(ctx, { action: 'readings.viewed', actorId: doctor.user_id, detail: { via: 'monitoring' } }, plans.map((p) => p.patient_id));
  return result;
}

export async function patient(ctx: Ctx, patientId: number, range: ChartRange): Promise<Output<'monitoring.patient'>> {
  // The doctor, the patient and the chart in one read; nothing of it is shown before the checks below pass.
  const chart = await repo.doctorsChart(ctx.db, ctx.deps.dialect, requireSession(ctx).userId, patientId, rangeStart(ctx.now, range));
  const doctor = asSignedInDoctor(chart.doctor[0]);
  const p = chart.patient[0];
  if (!p) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  const plans = chart.plans.filter((pl) => pl.doctor_id === doctor.id);
  const via = plans.length ? 'monitoring' : await doctorAccess(ctx, doctor, patientId);
  await record(ctx, { action: 'readings.viewed', actorId: doctor.user_id, patientId, detail: { via, ...(via === 'emergency' ? { emergency: true } : {}) } });
  return {
    patientName: p.full_name,
    plan: (await planViews(ctx, plans, chart.measures))[0] ?? null,
    readings: chart.readings.map(readingView),
    alerts: await alertViews(ctx, chart.alerts, chart.readings),
    visits: chart.visits.map(visitView),
  };
}

export async function alerts(ctx: Ctx, handled: boolean): Promise<Output<'monitoring.alerts'>> {
  const doctor = await signedInDoctor(ctx);
  const rows = await repo.alertsOf(ctx.db, { doctorId: doctor.id, handled });
  await recordView(ctx, { action: 'readings.viewed', actorId: doctor.user_id, detail: { via: 'monitoring' } }, rows.map((a) => a.patient_id));
  return alertViews(ctx, rows);
}

export async function acknowledge(ctx: Ctx, input: ParsedInput<'monitoring.acknowledge'>): Promise<Output<'monitoring.acknowledge'>> {
  const doctor = await signedInDoctor(ctx);
  const alert = await repo.alertById(ctx.db, input.alertId);
  // Another doctor's alert is "not found", never "not yours".
  if (!alert || alert.doctor_id !== doctor.id) throw new DomainError('NOT_FOUND', 'You have no alert with this number.');
  if (alert.acknowledged_at !== null) throw new DomainError('CONFLICT', 'This alert was already acknowledged.');
  await repo.acknowledge(ctx.db, alert.id, doctor.user_id, input.note, ctx.now.toISOString());
  await record(ctx, { action: 'monitoring.alert_acknowledged', actorId: doctor.user_id, patientId: alert.patient_id, detail: { alertId: alert.id, measure: alert.measure as Measure } });
  const p = await patientById(ctx.db, alert.patient_id);
  announce(ctx, monitoringChange(p?.user_id ?? null, [doctor.user_id]));
  return (await alertViews(ctx, [(await repo.alertById(ctx.db, alert.id))!]))[0]!;
}
