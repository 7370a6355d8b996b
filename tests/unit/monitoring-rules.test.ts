import { describe, expect, it } from 'vitest';
import { alertsForReading, historyDays, missedDays, type RuleReading, type Target } from '../../electron/core/monitoring/rules';
import { contract } from '../../shared/contract';
import { readingProblems, toStored, type AlertRule, type Measure, type ReadingValues } from '../../shared/monitoring';

// The alert rules against reading series, and the plausibility checks on what a person types.

const T0 = Date.parse('2026-03-01T02:30:00.000Z');
const DAY = 86_400_000;
/** A series of readings, one per `everyDays`, the last one at `T0` (day 0); `value2` for a blood pressure. */
const series = (values: (number | [number, number])[], everyDays = 1): RuleReading[] =>
  values.map((v, i) => ({
    id: i + 1,
    value: Array.isArray(v) ? v[0] : v,
    value2: Array.isArray(v) ? v[1] : null,
    takenAt: new Date(T0 - (values.length - 1 - i) * everyDays * DAY).toISOString(),
  }));

/** Evaluates the last reading of a series as just saved; the rest are its history. */
function rulesFor(measure: Measure, target: Partial<Target>, rs: RuleReading[]): { rule: AlertRule; readingIds: number[] }[] {
  const reading = rs.at(-1)!;
  // As the service reads them: the measure's history days up to the new reading.
  const recent = rs.filter((r) => Date.parse(r.takenAt) >= Date.parse(reading.takenAt) - historyDays(measure) * DAY);
  const drafts = alertsForReading(measure, { low: null, high: null, low2: null, high2: null, ...target }, reading, recent, rs.slice(-3));
  return drafts.map((d) => ({ rule: d.rule, readingIds: d.readingIds }));
}

const FASTING = { low: 80, high: 130 };
const BP = { low: 90, high: 130, low2: 60, high2: 80 };

describe('alert rules against reading series', () => {
  it.each([
    // [what, measure, target, series, the rules that fire]
    ['fasting glucose in range', 'glucose_fasting', FASTING, [100, 110, 120], []],
    ['on the upper bound is in range', 'glucose_fasting', FASTING, [100, 110, 130], []],
    ['one above the upper bound', 'glucose_fasting', FASTING, [100, 110, 131], ['out_of_range']],
    ['on the lower bound is in range', 'glucose_fasting', FASTING, [100, 110, 80], []],
    ['one below the lower bound', 'glucose_fasting', FASTING, [100, 110, 79], ['out_of_range']],
    ['two high, then in range: no three in a row', 'glucose_fasting', FASTING, [140, 150, 120], []],
    ['three high in a row', 'glucose_fasting', FASTING, [140, 150, 160], ['out_of_range', 'three_high']],
    ['blood pressure in range', 'blood_pressure', BP, [[120, 78]], []],
    ['diastolic alone above target', 'blood_pressure', BP, [[120, 85]], ['out_of_range']],
    ['systolic below the low bound', 'blood_pressure', BP, [[85, 60]], ['out_of_range']],
    ['three high blood pressures, by either number', 'blood_pressure', BP, [[140, 70], [120, 90], [135, 85]], ['out_of_range', 'three_high']],
    ['no target: nothing out of range', 'weight', {}, [70, 70.5, 71], []],
    ['weight up 5% exactly within 30 days: not more than 5%', 'weight', {}, [80, 81, 84], []],
    ['weight up more than 5% within 30 days', 'weight', {}, [80, 81, 84.1], ['weight_change']],
    ['weight down more than 5% within 30 days', 'weight', {}, [80, 79, 75.9], ['weight_change']],
    ['SpO2 below its low bound', 'spo2', { low: 94 }, [97, 96, 92], ['out_of_range']],
    ['temperature of 37.9 °C is in range; 38.0 is not', 'temperature', { low: 35.5, high: 37.9 }, [37.9], []],
    ['temperature of 38.0 °C', 'temperature', { low: 35.5, high: 37.9 }, [38.0], ['out_of_range']],
  ] as const)('%s', (_, measure, target, values, expected) => {
    expect(rulesFor(measure, target, series(values as unknown as (number | [number, number])[])).map((d) => d.rule)).toEqual(expected);
  });

  it('three high names the three readings; weight change names the reading it compared with', () => {
    expect(rulesFor('glucose_fasting', FASTING, series([100, 140, 150, 160]))).toContainEqual({ rule: 'three_high', readingIds: [2, 3, 4] });
    expect(rulesFor('weight', {}, series([80, 83, 76]))).toEqual([{ rule: 'weight_change', readingIds: [2, 3] }]);
  });

  it('a weight change over more than 30 days is not a sharp change', () => {
    // 80 kg 31 days ago, 85 kg today: the earlier one is outside the window.
    expect(rulesFor('weight', {}, series([80, 85], 31))).toEqual([]);
    expect(rulesFor('weight', {}, series([80, 85], 29))).toEqual([{ rule: 'weight_change', readingIds: [1, 2] }]);
  });

  it('a rising 7-day average: more than 10% above the week before, at least three readings in each week', () => {
    const week1 = [100, 100, 100, 100, 100, 100, 100];
    expect(rulesFor('glucose_random', {}, series([...week1, 110, 110, 112, 110, 110, 110, 110])).map((d) => d.rule)).toEqual(['rising_average']);
    // 10% exactly is not more than 10%.
    expect(rulesFor('glucose_random', {}, series([...week1, 110, 110, 110, 110, 110, 110, 110]))).toEqual([]);
    // Two readings in the week before are too few to compare.
    expect(rulesFor('glucose_random', {}, series([100, 100, 130, 130, 130], 3))).toEqual([]);
    // Falling is no alert for glucose; rising SpO2 is no alert at all.
    expect(rulesFor('glucose_random', {}, series([...week1.map((v) => v + 30), 100, 100, 100, 100, 100, 100, 100]))).toEqual([]);
    expect(rulesFor('spo2', {}, series([...[90, 90, 90, 90, 90, 90, 90], 99, 99, 99, 99, 99, 99, 99]))).toEqual([]);
  });

  it('a rising average names both weeks\' readings and the two averages', () => {
    const rs = series([100, 100, 100, 100, 100, 100, 100, 120, 120, 120, 120, 120, 120, 120]);
    const reading = rs.at(-1)!;
    const [draft] = alertsForReading('blood_pressure', { low: null, high: null, low2: null, high2: null }, reading, rs, rs.slice(-3));
    expect(draft).toEqual({ rule: 'rising_average', readingIds: rs.map((r) => r.id), figures: { average: 120, previousAverage: 100, changePercent: 20 } });
  });

  it('units are converted before the rules see them: 7.3 mmol/L is 132 mg/dL, 100.4 °F is 38.0 °C', () => {
    expect(toStored('glucose_fasting', 7.3, 'mmol_l')).toBe(132);
    expect(toStored('glucose_fasting', 7.2, 'mmol_l')).toBe(130);
    expect(toStored('temperature', 100.4, 'f')).toBe(38);
    expect(toStored('temperature', 98.6, 'f')).toBe(37);
    const mmol = (v: number) => series([toStored('glucose_fasting', v, 'mmol_l')]);
    expect(rulesFor('glucose_fasting', FASTING, mmol(7.2))).toEqual([]);
    expect(rulesFor('glucose_fasting', FASTING, mmol(7.3)).map((d) => d.rule)).toEqual(['out_of_range']);
  });
});

describe('missed schedule, with a fixed clock', () => {
  const started = '2026-02-01T00:00:00.000Z';
  const at = (iso: string) => new Date(iso);
  it.each([
    ['daily, last reading 47 hours ago', 1, '2026-03-01T01:00:00.000Z', '2026-03-03T00:00:00.000Z', null],
    ['daily, exactly two days: not more than twice the interval', 1, '2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z', null],
    ['daily, two days and a minute', 1, '2026-03-01T00:00:00.000Z', '2026-03-03T00:01:00.000Z', 2],
    ['weekly, 15 days', 7, '2026-03-01T00:00:00.000Z', '2026-03-16T00:00:00.000Z', 15],
    ['quarterly HbA1c, 5 months: missed', 90, '2026-02-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z', 181],
    ['no reading yet: counted from the plan\'s start', 1, null, '2026-02-04T00:00:00.000Z', 3],
    ['no reading yet, the plan one day old', 1, null, '2026-02-02T00:00:00.000Z', null],
  ] as const)('%s', (_, everyDays, last, now, expected) => {
    expect(missedDays(everyDays, last, started, at(now))).toBe(expected);
  });
});

describe('plausibility of a reading as typed', () => {
  const problems = (r: Partial<ReadingValues> & Pick<ReadingValues, 'measure' | 'value'>) => readingProblems(r);
  it.each([
    ['a glucose of 2,000 mg/dL', { measure: 'glucose_fasting', value: 2000 }, { value: 'glucose_implausible' }],
    ['a glucose of 600 mg/dL (a meter\'s "HI" limit) is kept', { measure: 'glucose_random', value: 600 }, {}],
    ['a glucose of 40 mmol/L', { measure: 'glucose_fasting', value: 40, unit: 'mmol_l' }, { value: 'glucose_implausible_mmol' }],
    ['a glucose of 5.6 mmol/L', { measure: 'glucose_fasting', value: 5.6, unit: 'mmol_l' }, {}],
    ['a glucose in °F', { measure: 'glucose_fasting', value: 100, unit: 'f' }, { unit: 'reading_unit_invalid' }],
    ['diastolic above systolic', { measure: 'blood_pressure', value: 80, diastolic: 120 }, { diastolic: 'diastolic_above_systolic' }],
    ['diastolic equal to systolic', { measure: 'blood_pressure', value: 90, diastolic: 90 }, { diastolic: 'diastolic_above_systolic' }],
    ['a blood pressure without its lower number', { measure: 'blood_pressure', value: 120 }, { diastolic: 'diastolic_required' }],
    ['a systolic of 400', { measure: 'blood_pressure', value: 400, diastolic: 90 }, { value: 'systolic_implausible' }],
    ['a pulse of 300', { measure: 'blood_pressure', value: 120, diastolic: 80, pulse: 300 }, { pulse: 'pulse_implausible' }],
    ['120/80, pulse 72', { measure: 'blood_pressure', value: 120, diastolic: 80, pulse: 72 }, {}],
    ['a temperature of 104 °F', { measure: 'temperature', value: 104, unit: 'f' }, {}],
    ['a temperature of 98.6 typed as °C', { measure: 'temperature', value: 98.6 }, { value: 'temperature_implausible' }],
    ['a temperature of 120 °F', { measure: 'temperature', value: 120, unit: 'f' }, { value: 'temperature_implausible_f' }],
    ['an HbA1c of 70%', { measure: 'hba1c', value: 70 }, { value: 'hba1c_implausible' }],
    ['a weight of 0.5 kg', { measure: 'weight', value: 0.5 }, { value: 'weight_implausible' }],
    ['an SpO2 of 101%', { measure: 'spo2', value: 101 }, { value: 'spo2_implausible' }],
    ['a peak flow of 2,000 L/min', { measure: 'peak_flow', value: 2000 }, { value: 'peak_flow_implausible' }],
    ['a pulse with a weight', { measure: 'weight', value: 70, pulse: 70 }, { diastolic: 'reading_extra_values' }],
  ] as const)('%s', (_, reading, expected) => {
    expect(problems(reading as ReadingValues)).toEqual(expected);
  });
});

describe('a plan\'s targets', () => {
  const problems = (m: Record<string, unknown>) => {
    const r = contract['monitoring.enrol'].input.safeParse({ patientId: 1, measures: [{ everyDays: 1, ...m }] });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  it.each([
    ['fasting glucose 80–130', { measure: 'glucose_fasting', low: 80, high: 130 }, {}],
    ['a high bound only', { measure: 'hba1c', high: 7 }, {}],
    ['low above high', { measure: 'glucose_fasting', low: 140, high: 130 }, { 'measures.0.high': 'target_order' }],
    ['a target no meter reads', { measure: 'glucose_fasting', low: 1.5, high: 130 }, { 'measures.0.low': 'target_implausible' }],
    ['a diastolic target above the diastolic range', { measure: 'blood_pressure', low: 90, high: 130, low2: 60, high2: 250 }, { 'measures.0.high2': 'target_implausible' }],
    ['a diastolic target on a weight', { measure: 'weight', low2: 60 }, { 'measures.0.low2': 'target_invalid' }],
    ['no bound given as null', { measure: 'weight', low: null }, { 'measures.0.low': 'target_invalid' }],
  ] as const)('%s', (_, measure, expected) => {
    expect(problems(measure)).toEqual(expected);
  });
});
