import { z } from 'zod';
import * as f from '../fields';
import { ALERT_RULES, CHART_RANGES, ENTERED_AS, IMPORT_MAX_CHARS, INPUT_UNITS, MEASURES, PATIENT_STATUSES, plausibleRange, readingProblems, VISIT_KINDS } from '../monitoring';
import { channel, none } from './channel';
import { fileContent } from './records';

// Health readings and the doctors who monitor them: a patient's quick entry, a doctor's plan (measures, how often,
// targets), the alerts its rules raise, and the charts' data.

const measure = z.enum(MEASURES, { error: 'measure_required' });
const number = (key: string) => z.number({ error: key }).refine(Number.isFinite, key);
const range = z.enum(Object.keys(CHART_RANGES) as [keyof typeof CHART_RANGES, ...(keyof typeof CHART_RANGES)[]], { error: 'invalid' });

export const readingInput = z
  .strictObject({
    /** A doctor enters a reading for a patient they monitor; a patient's own carry none. */
    patientId: f.id.optional(),
    measure,
    value: number('reading_value_required'),
    /** Glucose: mg_dl (default) or mmol_l; temperature: c (default) or f. */
    unit: z.enum(INPUT_UNITS, { error: 'reading_unit_invalid' }).optional(),
    diastolic: number('diastolic_required').optional(),
    pulse: number('pulse_implausible').optional(),
    takenAt: f.instant('reading_time_invalid'),
    note: z.string({ error: 'invalid' }).trim().max(300, 'too_long').optional().transform((v) => (v ? v : undefined)),
  })
  .superRefine((r, ctx) => {
    for (const [path, key] of Object.entries(readingProblems(r))) ctx.addIssue({ code: 'custom', path: [path], message: key });
  });

export const readingView = z.object({
  id: z.number(),
  measure,
  /** In the stored unit; blood pressure: systolic, with the diastolic in value2. */
  value: z.number(),
  value2: z.number().nullable(),
  pulse: z.number().nullable(),
  takenAt: z.string(),
  note: z.string().nullable(),
  enteredAs: z.enum(ENTERED_AS),
});
export type ReadingView = z.infer<typeof readingView>;

/** A target bound in the measure's stored unit; left out for no bound on that side. */
const bound = number('target_invalid').optional();
export const planMeasureInput = z
  .strictObject({
    measure,
    everyDays: z.number({ error: 'every_days_invalid' }).int('every_days_invalid').min(1, 'every_days_invalid').max(366, 'every_days_invalid'),
    low: bound,
    high: bound,
    /** Blood pressure's diastolic target. */
    low2: bound,
    high2: bound,
  })
  .superRefine((m, ctx) => {
    const check = (low: number | undefined, high: number | undefined, diastolic: boolean, at: ['low', 'high'] | ['low2', 'high2']) => {
      const { min, max } = plausibleRange(m.measure, diastolic);
      for (const [key, v] of [[at[0], low], [at[1], high]] as const) {
        if (v !== undefined && (v < min || v > max)) ctx.addIssue({ code: 'custom', path: [key], message: 'target_implausible' });
      }
      if (low !== undefined && high !== undefined && low >= high) ctx.addIssue({ code: 'custom', path: [at[1]], message: 'target_order' });
    };
    check(m.low, m.high, false, ['low', 'high']);
    if (m.measure === 'blood_pressure') check(m.low2, m.high2, true, ['low2', 'high2']);
    else if (m.low2 !== undefined || m.high2 !== undefined) ctx.addIssue({ code: 'custom', path: ['low2'], message: 'target_invalid' });
  });

export const planMeasure = z.object({
  measure,
  everyDays: z.number(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  low2: z.number().nullable(),
  high2: z.number().nullable(),
});
export type PlanMeasure = z.infer<typeof planMeasure>;

export const planView = z.object({
  planId: z.number(),
  patientId: z.number(),
  doctorId: z.number(),
  doctorName: z.string(),
  heightCm: z.number().nullable(),
  startedAt: z.string(),
  measures: z.array(planMeasure),
});
export type PlanView = z.infer<typeof planView>;

export const alertView = z.object({
  id: z.number(),
  patientId: z.number(),
  patientName: z.string(),
  doctorName: z.string(),
  rule: z.enum(ALERT_RULES),
  measure,
  /** The readings behind it, oldest first. */
  readings: z.array(readingView),
  /** What the rule compared: a change in per cent, the two averages, the days without a reading. */
  figures: z.object({ changePercent: z.number().optional(), average: z.number().optional(), previousAverage: z.number().optional(), days: z.number().optional() }),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const visitView = z.object({
  id: z.number(),
  doctorName: z.string(),
  /** YYYY-MM-DD in the clinic's calendar. */
  visitedOn: z.string(),
  kind: z.enum(VISIT_KINDS),
  notes: z.string(),
});
export type VisitView = z.infer<typeof visitView>;

const monitoredPatient = z.object({
  patientId: z.number(),
  fullName: z.string(),
  status: z.enum(PATIENT_STATUSES),
  openAlerts: z.number(),
  lastReadingAt: z.string().nullable(),
});
export type MonitoredPatient = z.infer<typeof monitoredPatient>;

export const monitoringChannels = {
  /** Saves one reading (the patient's own, or a monitoring doctor's for their patient) and evaluates the alert rules. */
  'readings.add': channel({ input: readingInput, output: z.object({ reading: readingView, alertsRaised: z.number() }), roles: ['patient', 'doctor'] }),
  /**
   * A month of the patient's own readings from a CSV file in the template (shared/monitoring.ts IMPORT_COLUMNS), in
   * one transaction. A file with bad lines imports nothing unless `goodLinesOnly`; either way each bad line is named.
   */
  'readings.import': channel({
    input: z.strictObject({
      csv: z.string({ error: 'import_empty' }).min(1, 'import_empty').max(IMPORT_MAX_CHARS, 'import_too_large'),
      goodLinesOnly: z.boolean({ error: 'invalid' }),
    }),
    output: z.object({
      imported: z.number(),
      /** The lines that hold a reading (the header and blank lines not counted). */
      lines: z.number(),
      /** The first bad lines (line numbers as an editor counts them, the header being 1), each with a catalog key of `validation`. */
      problems: z.array(z.object({ line: z.number(), key: z.string() })),
      problemCount: z.number(),
      alertsRaised: z.number(),
    }),
    roles: ['patient'],
  }),
  /** The patient's own readings over a range, their plans' targets, the alerts their doctors handled, and their visits. */
  'monitoring.mine': channel({
    input: z.strictObject({ range }),
    output: z.object({ plans: z.array(planView), readings: z.array(readingView), alerts: z.array(alertView), visits: z.array(visitView) }),
    roles: ['patient'],
  }),
  /** The clinical defaults a plan starts from, with their sources (resources/monitoring/defaults.json). */
  'monitoring.defaults': channel({
    input: none,
    output: z.array(z.object({ measure, everyDays: z.number(), low: z.number().nullable(), high: z.number().nullable(), low2: z.number().nullable(), high2: z.number().nullable(), source: z.string() })),
    roles: ['doctor'],
  }),
  /** Enrols a patient of the doctor's (or changes their plan): the measures, how often, the targets. */
  'monitoring.enrol': channel({
    input: z.strictObject({
      patientId: f.id,
      /** For the BMI beside each weight; left out when not known. */
      heightCm: z.number({ error: 'height_invalid' }).min(40, 'height_invalid').max(250, 'height_invalid').optional(),
      measures: z.array(planMeasureInput, { error: 'invalid' }).min(1, 'measures_required').max(MEASURES.length, 'too_many')
        .refine((ms) => new Set(ms.map((m) => m.measure)).size === ms.length, 'measures_repeated'),
    }),
    output: planView,
    roles: ['doctor'],
  }),
  /** The doctor's monitored patients, each with a status at a glance. */
  'monitoring.patients': channel({ input: none, output: z.array(monitoredPatient), roles: ['doctor'] }),
  /** One monitored patient: the plan, the readings over a range, the alerts (open and handled), the home-care visits. */
  'monitoring.patient': channel({
    input: z.strictObject({ patientId: f.id, range }),
    output: z.object({ patientName: z.string(), plan: planView.nullable(), readings: z.array(readingView), alerts: z.array(alertView), visits: z.array(visitView) }),
    roles: ['doctor'],
  }),
  /** The monitoring summary as a PDF: the period, figures per measure, alerts with their notes, visits. */
  'monitoring.summaryPdf': channel({ input: z.strictObject({ patientId: f.id, range }), output: fileContent, roles: ['doctor'] }),
  /** A home-care visit to a patient the doctor monitors: the day (not in the future), how, and what was done. */
  'monitoring.logVisit': channel({
    input: z.strictObject({
      patientId: f.id,
      visitedOn: f.isoDate,
      kind: z.enum(VISIT_KINDS, { error: 'visit_kind_required' }),
      notes: z.string({ error: 'visit_notes_required' }).trim().min(1, 'visit_notes_required').max(2000, 'too_long'),
    }),
    output: visitView,
    roles: ['doctor'],
  }),
  /** The doctor's alert inbox (open) or its history (handled), newest first. */
  'monitoring.alerts': channel({ input: z.strictObject({ handled: z.boolean() }), output: z.array(alertView), roles: ['doctor'] }),
  'monitoring.acknowledge': channel({
    input: z.strictObject({ alertId: f.id, note: z.string({ error: 'note_required' }).trim().min(1, 'note_required').max(1000, 'too_long') }),
    output: alertView,
    roles: ['doctor'],
  }),
} as const;
