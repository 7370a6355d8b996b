// Health readings of patients under monitoring: what can be measured, the units each is kept in, the units a
// person may type, and what a reading can plausibly be. Shared by the screens (inline errors) and the core.

/** Blood glucose is three measures (each with its own target); blood pressure one, with a second value and a pulse. */
export const MEASURES = [
  'glucose_fasting', 'glucose_after_meal', 'glucose_random', 'hba1c', 'blood_pressure', 'weight', 'spo2', 'temperature', 'peak_flow',
] as const;
export type Measure = (typeof MEASURES)[number];

export const GLUCOSE: readonly Measure[] = ['glucose_fasting', 'glucose_after_meal', 'glucose_random'];
export const isGlucose = (m: Measure) => GLUCOSE.includes(m);

/** The unit each measure is stored and compared in. */
export const STORED_UNIT: Record<Measure, string> = {
  glucose_fasting: 'mg/dL', glucose_after_meal: 'mg/dL', glucose_random: 'mg/dL', hba1c: '%', blood_pressure: 'mmHg', weight: 'kg', spo2: '%',
  temperature: '°C', peak_flow: 'L/min',
};

/** Units a person may type a reading in, besides the stored one. */
export const INPUT_UNITS = ['mg_dl', 'mmol_l', 'c', 'f'] as const;
export type InputUnit = (typeof INPUT_UNITS)[number];

/** mg/dL per mmol/L of glucose (molar mass 180.16 g/mol). */
export const GLUCOSE_MMOL_FACTOR = 18.016;

/** A typed value in the stored unit: glucose in whole mg/dL, a temperature in °C to a tenth. */
export function toStored(measure: Measure, value: number, unit: InputUnit | undefined): number {
  if (isGlucose(measure)) return Math.round(unit === 'mmol_l' ? value * GLUCOSE_MMOL_FACTOR : value);
  if (measure === 'temperature') return Math.round((unit === 'f' ? ((value - 32) * 5) / 9 : value) * 10) / 10;
  return value;
}

/**
 * What a reading can be, in the stored unit: beyond these it is a typing or meter mistake (a glucose meter reads
 * 20–600 mg/dL; no living adult's temperature is 50 °C). The bounds are inclusive.
 */
export const PLAUSIBLE = {
  glucose: { min: 20, max: 600 },
  hba1c: { min: 3, max: 20 },
  systolic: { min: 50, max: 300 },
  diastolic: { min: 30, max: 200 },
  pulse: { min: 25, max: 250 },
  weight: { min: 2, max: 400 },
  spo2: { min: 50, max: 100 },
  temperature: { min: 30, max: 45 },
  peak_flow: { min: 50, max: 900 },
} as const;

/** What a measure (blood pressure: its systolic, or its diastolic) can plausibly read, in the stored unit. */
export function plausibleRange(m: Measure, diastolic = false): { min: number; max: number } {
  if (isGlucose(m)) return PLAUSIBLE.glucose;
  if (m === 'blood_pressure') return diastolic ? PLAUSIBLE.diastolic : PLAUSIBLE.systolic;
  return PLAUSIBLE[m as Exclude<Measure, 'blood_pressure' | 'glucose_fasting' | 'glucose_after_meal' | 'glucose_random'>];
}

export interface ReadingValues {
  measure: Measure;
  value: number;
  unit?: InputUnit;
  diastolic?: number;
  pulse?: number;
}

const UNITS_OF: Partial<Record<Measure, readonly InputUnit[]>> = {
  glucose_fasting: ['mg_dl', 'mmol_l'], glucose_after_meal: ['mg_dl', 'mmol_l'], glucose_random: ['mg_dl', 'mmol_l'], temperature: ['c', 'f'],
};
export const unitsOf = (m: Measure): readonly InputUnit[] => UNITS_OF[m] ?? [];

/**
 * The problems with a reading as typed, as field → catalog key of the `validation` section (each names the range,
 * in the unit the person typed). Empty when it is plausible.
 */
export function readingProblems(r: ReadingValues): Record<string, string> {
  const problems: Record<string, string> = {};
  const units = unitsOf(r.measure);
  if (r.unit !== undefined && !units.includes(r.unit)) return { unit: 'reading_unit_invalid' };
  const stored = toStored(r.measure, r.value, r.unit);
  const outside = (v: number, b: { min: number; max: number }) => v < b.min || v > b.max;
  if (isGlucose(r.measure)) {
    if (outside(stored, PLAUSIBLE.glucose)) problems.value = r.unit === 'mmol_l' ? 'glucose_implausible_mmol' : 'glucose_implausible';
  } else if (r.measure === 'blood_pressure') {
    if (outside(r.value, PLAUSIBLE.systolic)) problems.value = 'systolic_implausible';
    if (r.diastolic === undefined) problems.diastolic = 'diastolic_required';
    else if (outside(r.diastolic, PLAUSIBLE.diastolic)) problems.diastolic = 'diastolic_implausible';
    else if (r.diastolic >= r.value) problems.diastolic = 'diastolic_above_systolic';
    if (r.pulse !== undefined && (outside(r.pulse, PLAUSIBLE.pulse) || !Number.isInteger(r.pulse))) problems.pulse = 'pulse_implausible';
  } else if (r.measure === 'temperature') {
    if (outside(stored, PLAUSIBLE.temperature)) problems.value = r.unit === 'f' ? 'temperature_implausible_f' : 'temperature_implausible';
  } else if (outside(stored, plausibleRange(r.measure))) {
    problems.value = `${r.measure}_implausible`;
  }
  if (r.measure !== 'blood_pressure' && (r.diastolic !== undefined || r.pulse !== undefined)) problems.diastolic = 'reading_extra_values';
  return problems;
}

/** Body-mass index from a weight in kg and a height in cm, to a tenth. */
export const bmi = (weightKg: number, heightCm: number) => Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;

/** Who entered a reading. */
export const ENTERED_AS = ['patient', 'doctor', 'front_desk', 'import'] as const;
export type EnteredAs = (typeof ENTERED_AS)[number];

/**
 * The alert rules, evaluated when a reading is saved (and, for a missed schedule, by the clock): out of the plan's
 * target range; weight changed by more than 5% within 30 days; the last three readings above the target; the
 * 7-day average risen by more than 10% over the 7 days before; no reading for twice the planned interval.
 */
export const ALERT_RULES = ['out_of_range', 'weight_change', 'three_high', 'rising_average', 'missed_schedule'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** At a glance: an open alert; a planned reading overdue; the latest reading outside its target; all well. */
export const PATIENT_STATUSES = ['alert', 'no_recent', 'attention', 'in_range'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

/** A chart's ranges, in days (null: everything). */
export const CHART_RANGES = { '30d': 30, '3m': 91, '1y': 365, all: null } as const;
export type ChartRange = keyof typeof CHART_RANGES;

/** A reading's value with its stored unit: "260 mg/dL", "150/95 mmHg", "37.9 °C". */
export function readingText(r: { measure: Measure; value: number; value2: number | null }): string {
  const value = r.measure === 'blood_pressure' && r.value2 !== null ? `${r.value}/${r.value2}` : String(r.value);
  return `${value} ${STORED_UNIT[r.measure]}`;
}

/**
 * The CSV template a month of readings is imported from: this header, then a line per reading. date: YYYY-MM-DD or
 * DD/MM/YYYY; time: HH:MM (24-hour, the clinic's time zone); measure: one of MEASURES; value in the stored unit or
 * the unit named; unit: empty, mg/dL, mmol/L, C or F; diastolic and pulse for a blood pressure; note optional.
 */
export const IMPORT_COLUMNS = ['date', 'time', 'measure', 'value', 'unit', 'diastolic', 'pulse', 'note'] as const;
export const IMPORT_TEMPLATE = [
  IMPORT_COLUMNS.join(','),
  '2026-11-01,07:30,glucose_fasting,112,mg/dL,,,',
  '2026-11-01,09:45,glucose_after_meal,9.1,mmol/L,,,after breakfast',
  '2026-11-01,08:00,blood_pressure,128,,82,72,',
  '2026-11-02,07:00,weight,71.4,,,,',
  '',
].join('\r\n');
/** A month is a few hundred lines; this many characters (about 35,000 lines) is far beyond any month. */
export const IMPORT_MAX_CHARS = 2_000_000;

/** How a doctor saw a monitored patient for their home care. */
export const VISIT_KINDS = ['home', 'phone', 'video', 'clinic'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
