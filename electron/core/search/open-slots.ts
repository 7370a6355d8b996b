// The first open slot of many doctors at once, fast. availability/slots.ts is the authority on slots; this
// module mirrors its rules (grid per range, merged modes, notice, horizon, holidays, the clinic's wall clock)
// without busy time, and shares one wall-clock conversion per date among all doctors. Without busy time the
// result is exactly slots.ts's nextFreeSlot (tests/unit/search.test.ts compares them); with busy time it is a
// lower bound, and the search asks slots.ts for the exact answer whenever busy time touches it.
import { addDays, clockTime, wallClock, weekdayOf, zonedParts } from '../../../shared/clinic-time';
import { compileHours, type AvailabilityRules, type Hours, type Mode, type TimeRange } from '../availability/slots';

const MINUTE = 60_000;

/** One doctor's rules as lookups, optionally kept to the ranges offering one mode. */
export interface Schedule extends Hours {
  slotMinutes: number;
  slotMs: number;
  bufferMs: number;
  minNoticeMs: number;
  horizonDays: number;
  /** False when no weekly range nor exception offers anything: nothing to look for. */
  hasHours: boolean;
}

export interface OpenSlot { startMs: number; endMs: number; date: string; minute: number; modes: Mode[] }

/** The rules kept to the ranges that offer `mode` (an exception's hours still replace the week, even if none offer it). */
export function rulesForMode(rules: AvailabilityRules, mode: Mode): AvailabilityRules {
  const keep = (ranges: TimeRange[]) => ranges.filter((r) => r.modes.includes(mode));
  return {
    ...rules,
    weekly: rules.weekly.map((w) => ({ weekday: w.weekday, ranges: keep(w.ranges) })),
    exceptions: rules.exceptions.map((e) => (e.kind === 'hours' ? { ...e, ranges: keep(e.ranges) } : e)),
  };
}

/** The hours as slots.ts compiles them, with the numbers a search of first open slots needs. */
export function compileSchedule(rules: AvailabilityRules): Schedule {
  const { weekly, exceptions } = compileHours(rules);
  return {
    slotMinutes: rules.slotMinutes,
    slotMs: rules.slotMinutes * MINUTE,
    bufferMs: rules.bufferMinutes * MINUTE,
    minNoticeMs: rules.minNoticeMinutes * MINUTE,
    horizonDays: rules.horizonDays,
    weekly,
    exceptions,
    hasHours: weekly.some((d) => d.length > 0) || [...exceptions.values()].some((d) => d.length > 0),
  };
}

interface Day { date: string; weekday: number; instant?: (minute: number) => number | null; linear?: boolean }

/** Kept between the searches on one catalog (its zone is fixed): each date's wall-clock conversion, and today's date. */
export class ZoneClocks {
  private readonly clocks = new Map<string, (minute: number) => number | null>();
  private today = { date: '', fromMs: 0, untilMs: 0 };

  constructor(readonly timeZone: string) {}

  /** A date's minutes as instants (two Intl calls, once per date). */
  of(date: string): (minute: number) => number | null {
    let clock = this.clocks.get(date);
    if (!clock) {
      if (this.clocks.size > 1000) this.clocks.clear();
      clock = wallClock(date, this.timeZone);
      this.clocks.set(date, clock);
    }
    return clock;
  }

  /** The clinic-local date at `nowMs`: asked of the zone once a day (an Intl call, slow when the processor's caches are cold), then known until midnight. */
  dateAt(nowMs: number): string {
    const t = this.today;
    if (t.fromMs <= nowMs && nowMs < t.untilMs) return t.date;
    const date = zonedParts(new Date(nowMs), this.timeZone).date;
    // A midnight in a spring-forward gap has no instant: the date is then asked again at the next search.
    this.today = { date, fromMs: this.of(date)(0) ?? nowMs, untilMs: this.of(addDays(date, 1))(0) ?? nowMs };
    return date;
  }
}

/**
 * Clinic-local days from today, shared by every doctor of a search: each date's wall-clock conversion is
 * worked out once per catalog (ZoneClocks), not once per doctor.
 */
export class Days {
  readonly today: string;
  private readonly days: Day[] = [];

  constructor(
    now: Date,
    private readonly zone: ZoneClocks,
  ) {
    this.today = zone.dateAt(now.getTime());
  }

  day(k: number): Day {
    let d = this.days[k];
    if (!d) {
      const date = addDays(this.today, k);
      d = { date, weekday: weekdayOf(date) };
      this.days[k] = d;
    }
    return d;
  }

  /** Days after today of a clinic-local date (negative before today). */
  indexOf(date: string): number {
    return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${this.today}T00:00:00Z`)) / 86_400_000);
  }

  instantOf(d: Day): (minute: number) => number | null {
    if (!d.instant) {
      const clock = this.zone.of(d.date);
      d.instant = clock;
      // A day without an offset change maps minutes to instants linearly: the first start after a moment is arithmetic.
      const first = clock(0);
      const last = clock(1439);
      d.linear = first !== null && last !== null && last - first === 1439 * MINUTE;
    }
    return d.instant;
  }
}

/** The first open slot of day k (days after today) starting at or after earliestMs, ignoring busy time. */
export function firstOnDay(s: Schedule, days: Days, holidays: ReadonlySet<string>, k: number, earliestMs: number): OpenSlot | null {
  const day = days.day(k);
  if (holidays.has(day.date)) return null;
  const ranges = s.exceptions.get(day.date) ?? s.weekly[day.weekday]!;
  if (ranges.length === 0) return null;
  const instant = days.instantOf(day);
  let bestMs = Infinity;
  let bestMinute = -1;
  for (const r of ranges) {
    let m = r.start;
    if (day.linear) {
      const startMs = instant(r.start)!;
      if (startMs < earliestMs) m += Math.ceil((earliestMs - startMs) / s.slotMs) * s.slotMinutes;
    }
    for (; m + s.slotMinutes <= r.end; m += s.slotMinutes) {
      const ms = instant(m);
      if (ms === null || ms < earliestMs) continue;
      if (ms < bestMs) {
        bestMs = ms;
        bestMinute = m;
      }
      break;
    }
  }
  if (bestMinute < 0) return null;
  // Ranges whose grids share this start offer it together, as slots.ts merges them.
  const modes: Mode[] = [];
  for (const r of ranges) {
    if (r.start <= bestMinute && bestMinute + s.slotMinutes <= r.end && (bestMinute - r.start) % s.slotMinutes === 0) {
      for (const m of r.modes) if (!modes.includes(m)) modes.push(m);
    }
  }
  return { startMs: bestMs, endMs: bestMs + s.slotMs, date: day.date, minute: bestMinute, modes };
}

/**
 * How many open slots day k has from earliestMs on, ignoring busy time; null when two of its ranges overlap
 * (their shared starts would be counted twice).
 */
export function openSlotsOnDay(s: Schedule, days: Days, holidays: ReadonlySet<string>, k: number, earliestMs: number): number | null {
  const day = days.day(k);
  if (holidays.has(day.date)) return 0;
  const ranges = s.exceptions.get(day.date) ?? s.weekly[day.weekday]!;
  const instant = days.instantOf(day);
  let n = 0;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (i > 0 && r.start < ranges[i - 1]!.end) return null;
    for (let m = r.start; m + s.slotMinutes <= r.end; m += s.slotMinutes) {
      const ms = instant(m);
      if (ms !== null && ms >= earliestMs) n++;
    }
  }
  return n;
}

/** The first open slot from now to the horizon, ignoring busy time; null when there is none. */
export function firstOpenSlot(s: Schedule, days: Days, holidays: ReadonlySet<string>, nowMs: number): OpenSlot | null {
  if (!s.hasHours) return null;
  const earliestMs = nowMs + s.minNoticeMs;
  for (let k = 0; k <= s.horizonDays; k++) {
    const slot = firstOnDay(s, days, holidays, k, earliestMs);
    if (slot) return slot;
  }
  return null;
}

/** Whether [start - buffer, end + buffer) of the slot overlaps any busy interval (as slots.ts decides "taken"). */
export function touchesBusy(slot: OpenSlot, bufferMs: number, busy: readonly { startMs: number; endMs: number }[]): boolean {
  return busy.some((b) => b.endMs > b.startMs && b.startMs < slot.endMs + bufferMs && b.endMs > slot.startMs - bufferMs);
}

export const slotTime = (slot: OpenSlot) => clockTime(slot.minute);
