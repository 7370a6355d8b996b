import { GLUCOSE, type AlertRule, type Measure } from '../../../shared/monitoring';

// The alert rules, as pure functions of a measure's target and its readings (in the stored unit), so that a table of
// reading series can test them with no database and a fixed clock.

export interface RuleReading {
  id: number;
  value: number;
  /** Blood pressure's diastolic. */
  value2: number | null;
  takenAt: string;
}
export interface Target {
  low: number | null;
  high: number | null;
  low2: number | null;
  high2: number | null;
}
export interface AlertDraft {
  rule: AlertRule;
  readingIds: number[];
  figures: { changePercent?: number; average?: number; previousAverage?: number; days?: number };
}

const DAY_MS = 86_400_000;
/** More than this fraction of the body weight, up or down, within WEIGHT_DAYS. */
export const WEIGHT_CHANGE = 0.05;
export const WEIGHT_DAYS = 30;
export const HIGH_IN_A_ROW = 3;
/** The 7-day average risen by more than this fraction over the 7 days before, each week with at least MIN_PER_WEEK readings. */
export const AVERAGE_DAYS = 7;
export const RISE = 0.1;
export const MIN_PER_WEEK = 3;
/** Measures where a rising average is bad news (SpO2 and peak flow worsen by falling; HbA1c is too rare for a weekly average). */
const RISING_IS_BAD: readonly Measure[] = [...GLUCOSE, 'blood_pressure', 'temperature'];
/** How many days of a measure's readings before a new one its trend rules look at (none: only the last three). */
export const historyDays = (m: Measure): number => (m === 'weight' ? WEIGHT_DAYS : RISING_IS_BAD.includes(m) ? 2 * AVERAGE_DAYS : 0);
/** A planned reading counts as missed after this many planned intervals without one. */
export const MISSED_INTERVALS = 2;

/** Outside the target: below its low or above its high (the bounds themselves are in range); both values of a blood pressure. */
export function outOfRange(r: Pick<RuleReading, 'value' | 'value2'>, t: Target): boolean {
  const out = (v: number | null, low: number | null, high: number | null) => v !== null && ((low !== null && v < low) || (high !== null && v > high));
  return out(r.value, t.low, t.high) || out(r.value2, t.low2, t.high2);
}

const aboveTarget = (r: RuleReading, t: Target) => (t.high !== null && r.value > t.high) || (t.high2 !== null && r.value2 !== null && r.value2 > t.high2);
const mean = (rs: RuleReading[]) => rs.reduce((s, r) => s + r.value, 0) / rs.length;
const round1 = (v: number) => Math.round(v * 10) / 10;
const at = (r: RuleReading) => Date.parse(r.takenAt);

/**
 * The alerts a new reading raises. `recent`: the measure's readings taken in the `historyDays` up to the new one,
 * oldest first, the new one included; `lastThree`: the measure's last three readings up to the new one (older than 30
 * days too), oldest first.
 */
export function alertsForReading(measure: Measure, target: Target, reading: RuleReading, recent: RuleReading[], lastThree: RuleReading[]): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  if (outOfRange(reading, target)) drafts.push({ rule: 'out_of_range', readingIds: [reading.id], figures: {} });

  if (measure === 'weight') {
    // The earlier weight that differs most from the new one, within the 30 days before it.
    const since = at(reading) - WEIGHT_DAYS * DAY_MS;
    const earlier = recent.filter((r) => r.id !== reading.id && at(r) >= since && at(r) <= at(reading));
    const far = earlier.reduce<RuleReading | null>((best, r) => (!best || Math.abs(reading.value - r.value) > Math.abs(reading.value - best.value) ? r : best), null);
    if (far && Math.abs(reading.value - far.value) / far.value > WEIGHT_CHANGE) {
      drafts.push({ rule: 'weight_change', readingIds: [far.id, reading.id], figures: { changePercent: round1(((reading.value - far.value) / far.value) * 100) } });
    }
  }

  if (lastThree.length === HIGH_IN_A_ROW && lastThree.at(-1)!.id === reading.id && lastThree.every((r) => aboveTarget(r, target))) {
    drafts.push({ rule: 'three_high', readingIds: lastThree.map((r) => r.id), figures: {} });
  }

  if (RISING_IS_BAD.includes(measure)) {
    const end = at(reading);
    const week = recent.filter((r) => at(r) > end - AVERAGE_DAYS * DAY_MS && at(r) <= end);
    const before = recent.filter((r) => at(r) > end - 2 * AVERAGE_DAYS * DAY_MS && at(r) <= end - AVERAGE_DAYS * DAY_MS);
    if (week.length >= MIN_PER_WEEK && before.length >= MIN_PER_WEEK) {
      const average = mean(week);
      const previousAverage = mean(before);
      if (average > previousAverage * (1 + RISE)) {
        drafts.push({
          rule: 'rising_average',
          readingIds: [...before, ...week].map((r) => r.id),
          figures: { average: round1(average), previousAverage: round1(previousAverage), changePercent: round1(((average - previousAverage) / previousAverage) * 100) },
        });
      }
    }
  }
  return drafts;
}

/**
 * Whole days without a reading when a planned measure is overdue (no reading for `intervals` times its interval,
 * twice for the doctor's alert, since the last one or since the plan began), else null.
 */
export function missedDays(everyDays: number, lastTakenAt: string | null, startedAt: string, now: Date, intervals = MISSED_INTERVALS): number | null {
  const since = Date.parse(lastTakenAt && lastTakenAt > startedAt ? lastTakenAt : startedAt);
  const waited = now.getTime() - since;
  return waited > intervals * everyDays * DAY_MS ? Math.floor(waited / DAY_MS) : null;
}
