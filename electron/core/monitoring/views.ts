import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AlertView, PlanMeasure, PlanView, ReadingView, VisitView } from '../../../shared/contract';
import { MEASURES, type EnteredAs, type Measure } from '../../../shared/monitoring';
import type { Ctx } from '../context';
import { resourcePath } from '../resources';
import * as repo from './monitoring.repo';
import type { RuleReading } from './rules';

// Rows as the screens see them, and the clinical defaults a plan starts from.

export const readingView = (r: repo.ReadingRow): ReadingView => ({
  id: r.id,
  measure: r.measure as Measure,
  value: r.value,
  value2: r.value2,
  pulse: r.pulse,
  takenAt: r.taken_at,
  note: r.note,
  enteredAs: r.entered_as as EnteredAs,
});

export const ruleReading = (r: Pick<repo.ReadingRow, 'id' | 'value' | 'value2' | 'taken_at'>): RuleReading => ({ id: r.id, value: r.value, value2: r.value2, takenAt: r.taken_at });

export const planMeasureView = (m: repo.PlanMeasureRow): PlanMeasure => ({
  measure: m.measure as Measure, everyDays: m.every_days, low: m.low, high: m.high, low2: m.low2, high2: m.high2,
});

const ORDER = (m: string) => MEASURES.indexOf(m as Measure);

/** `measures`: the plans' measures when already read. */
export async function planViews(ctx: Ctx, plans: (repo.PlanRow & { doctor_name: string })[], measures?: repo.PlanMeasureRow[]): Promise<PlanView[]> {
  measures ??= await repo.measuresOf(ctx.db, plans.map((p) => p.id));
  return plans.map((p) => ({
    planId: p.id,
    patientId: p.patient_id,
    doctorId: p.doctor_id,
    doctorName: p.doctor_name,
    heightCm: p.height_cm,
    startedAt: p.started_at,
    measures: measures.filter((m) => m.plan_id === p.id).sort((a, b) => ORDER(a.measure) - ORDER(b.measure)).map(planMeasureView),
  }));
}

export const visitView = (v: Awaited<ReturnType<typeof repo.visitsOf>>[number]): VisitView => ({
  id: v.id, doctorName: v.doctor_name, visitedOn: v.visited_on, kind: v.kind, notes: v.notes,
});

type AlertRow = NonNullable<Awaited<ReturnType<typeof repo.alertById>>>;

/** Alerts with the readings behind them: those among `known` (already read), the rest in one read. */
export async function alertViews(ctx: Ctx, rows: AlertRow[], known: repo.ReadingRow[] = []): Promise<AlertView[]> {
  const readings = new Map(known.map((r) => [r.id, readingView(r)]));
  const missing = [...new Set(rows.flatMap((a) => JSON.parse(a.reading_ids) as number[]))].filter((id) => !readings.has(id));
  for (const r of await repo.readingsByIds(ctx.db, missing)) readings.set(r.id, readingView(r));
  return rows.map((a) => ({
    id: a.id,
    patientId: a.patient_id,
    patientName: a.patient_name,
    doctorName: a.doctor_name,
    rule: a.rule as AlertView['rule'],
    measure: a.measure as Measure,
    readings: (JSON.parse(a.reading_ids) as number[]).flatMap((id) => readings.get(id) ?? []),
    figures: JSON.parse(a.figures) as AlertView['figures'],
    raisedAt: a.raised_at,
    acknowledgedAt: a.acknowledged_at,
    acknowledgedBy: a.acknowledged_by_name,
    note: a.note,
  }));
}

const defaultsFile = z.object({
  measures: z.record(
    z.enum(MEASURES),
    z.object({
      everyDays: z.number().int().positive(),
      low: z.number().nullable(),
      high: z.number().nullable(),
      low2: z.number().nullable().default(null),
      high2: z.number().nullable().default(null),
      source: z.string().min(10),
    }),
  ),
});
let defaults: z.infer<typeof defaultsFile>['measures'] | undefined;

/** resources/monitoring/defaults.json, read and checked once per process: a target for every measure, with its source. */
export function monitoringDefaults() {
  defaults ??= defaultsFile.parse(JSON.parse(readFileSync(resourcePath('monitoring/defaults.json'), 'utf8'))).measures;
  return MEASURES.map((measure) => ({ measure, ...defaults![measure] }));
}
