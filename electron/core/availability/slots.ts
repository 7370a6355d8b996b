// A doctor's bookable slots, worked out from the clinic's rules and what is already booked or blocked.
// Pure: the caller loads rules and busy time and passes the clock, so the screen's list and the server's
// re-check of a booking run the same code. Slots follow the clinic's wall clock: a 09:00 range starts at
// 09:00 local on both sides of a daylight-saving change.
import { addDays, clockTime, minuteOfDay, wallClock, weekdayOf, zonedParts } from '../../../shared/clinic-time';
import { firstAtOrAfter } from '../sorted';

export type Mode = 'online' | 'in_person';
export interface TimeRange { start: string; end: string; modes: Mode[] }
export interface WeeklyHours { weekday: number; ranges: TimeRange[] }
export type DateException = { date: string; kind: 'off' } | { date: string; kind: 'hours'; ranges: TimeRange[] };
export interface AvailabilityRules {
  timeZone: string;
  slotMinutes: number;
  /** Kept free after each appointment and before the next. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** Clinic-local calendar days after today that can be booked. */
  horizonDays: number;
  weekly: WeeklyHours[];
  /** A day off, or hours that replace the weekly hours on that date. */
  exceptions: DateException[];
  /** No slots at all on these dates. */
  holidays: string[];
}
/** Active appointments and blocked time alike. */
export interface Busy { start: Date; end: Date }
export interface Slot { start: Date; end: Date; date: string; time: string; modes: Mode[] }
export type SlotRefusal = 'past' | 'too_soon' | 'beyond_horizon' | 'outside_hours' | 'mode_not_offered' | 'taken';

const MINUTE = 60_000;

/** A time range as minutes after midnight, with the modes it offers. */
export interface Range { start: number; end: number; modes: Mode[] }
interface Candidate { startMs: number; minute: number; modes: Mode[] }

/** Each weekday's ranges (0 = Sunday) and the dates whose own ranges replace them (none: a day off). */
export interface Hours {
  weekly: Range[][];
  exceptions: Map<string, Range[]>;
}

/** Rules turned into lookups once per call, so each day costs a map read, not a scan of the rules. */
interface Schedule extends Hours {
  timeZone: string;
  slotMs: number;
  slotMinutes: number;
  bufferMs: number;
  holidays: Set<string>;
}

function parseRanges(ranges: readonly TimeRange[]): Range[] {
  return ranges
    .map((r) => ({ start: minuteOfDay(r.start), end: minuteOfDay(r.end), modes: [...new Set(r.modes)] }))
    // A range offering no mode could never be booked, so it offers no slots.
    .filter((r) => r.modes.length > 0)
    .sort((a, b) => a.start - b.start);
}

/** The rules' weekly hours and exceptions as ranges sorted by start; search compiles its schedules with it too. */
export function compileHours(rules: Pick<AvailabilityRules, 'weekly' | 'exceptions'>): Hours {
  const weekly: Range[][] = [[], [], [], [], [], [], []];
  for (const w of rules.weekly) weekly[w.weekday]?.push(...parseRanges(w.ranges));
  for (const day of weekly) day.sort((a, b) => a.start - b.start);
  const exceptions = new Map<string, Range[]>();
  const off = new Set<string>();
  for (const e of rules.exceptions) {
    if (e.kind === 'off') off.add(e.date);
    else exceptions.set(e.date, [...(exceptions.get(e.date) ?? []), ...parseRanges(e.ranges)].sort((a, b) => a.start - b.start));
  }
  // A day off wins over any hours set for the same date.
  for (const date of off) exceptions.set(date, []);
  return { weekly, exceptions };
}

function compile(rules: AvailabilityRules): Schedule {
  // A zero or fractional step would never leave a range (or leave the grid the server checks against).
  if (!Number.isInteger(rules.slotMinutes) || rules.slotMinutes < 1) throw new RangeError('slotMinutes must be a positive whole number');
  return {
    ...compileHours(rules),
    timeZone: rules.timeZone,
    slotMs: rules.slotMinutes * MINUTE,
    slotMinutes: rules.slotMinutes,
    bufferMs: rules.bufferMinutes * MINUTE,
    holidays: new Set(rules.holidays),
  };
}

/** The grid of one local date, before notice, horizon and busy time are applied; ordered by start. */
function daySlots(s: Schedule, date: string): Candidate[] {
  if (s.holidays.has(date)) return [];
  const ranges = s.exceptions.get(date) ?? s.weekly[weekdayOf(date)] ?? [];
  if (ranges.length === 0) return [];
  const instant = wallClock(date, s.timeZone);
  const out: Candidate[] = [];
  for (const r of ranges) {
    for (let minute = r.start; minute + s.slotMinutes <= r.end; minute += s.slotMinutes) {
      const startMs = instant(minute);
      if (startMs !== null) out.push({ startMs, minute, modes: r.modes });
    }
  }
  if (ranges.length === 1) return out;
  // Overlapping ranges can put the same start on two grids: one slot offering both ranges' modes.
  out.sort((a, b) => a.startMs - b.startMs);
  const merged: Candidate[] = [];
  for (const c of out) {
    const prev = merged[merged.length - 1];
    if (prev && prev.startMs === c.startMs) prev.modes = [...new Set([...prev.modes, ...c.modes])];
    else merged.push({ ...c });
  }
  return merged;
}

/** Busy intervals sorted by start, with the latest end seen so far: one binary search answers "does anything overlap?". */
interface BusyIndex { starts: number[]; maxEnds: number[] }

function indexBusy(busy: readonly Busy[]): BusyIndex {
  const sorted = busy
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const maxEnds: number[] = [];
  let maxEnd = -Infinity;
  for (const b of sorted) {
    maxEnd = Math.max(maxEnd, b.end);
    starts.push(b.start);
    maxEnds.push(maxEnd);
  }
  return { starts, maxEnds };
}

/** Whether [start - buffer, end + buffer) overlaps any busy interval. */
function conflicts(ix: BusyIndex, startMs: number, endMs: number, bufferMs: number): boolean {
  const lo = firstAtOrAfter(ix.starts, endMs + bufferMs);
  // Of the intervals starting before the slot (with its buffer) ends, does the latest-ending reach into it?
  return lo > 0 && ix.maxEnds[lo - 1]! > startMs - bufferMs;
}

/**
 * Whether busy time (with the buffer) takes [startMs, endMs): all slotsBetween drops beyond the rules and the
 * clock, so slotsBetween(rules, busy, …) is slotsBetween(rules, [], …) without the slots this says are taken.
 */
export function takenBy(busy: readonly Busy[], bufferMinutes: number): (startMs: number, endMs: number) => boolean {
  const ix = indexBusy(busy);
  const bufferMs = bufferMinutes * MINUTE;
  return (startMs, endMs) => conflicts(ix, startMs, endMs, bufferMs);
}

/** What `now` allows: today's local date, the last bookable date and the earliest bookable instant. */
interface Window { nowMs: number; earliestMs: number; today: string; lastDate: string }

function bookingWindow(rules: AvailabilityRules, now: Date): Window {
  const today = zonedParts(now, rules.timeZone).date;
  return {
    nowMs: now.getTime(),
    earliestMs: now.getTime() + rules.minNoticeMinutes * MINUTE,
    today,
    lastDate: addDays(today, rules.horizonDays),
  };
}

/** The time-based refusals, in order of precedence; shared by the list and the check so they cannot disagree. */
function timeRefusal(w: Window, startMs: number, date: string): 'past' | 'too_soon' | 'beyond_horizon' | null {
  if (startMs < w.nowMs) return 'past';
  if (startMs < w.earliestMs) return 'too_soon';
  if (date > w.lastDate) return 'beyond_horizon';
  return null;
}

function* offered(s: Schedule, ix: BusyIndex, w: Window, fromDate: string, toDate: string): Generator<Slot> {
  // Days before today hold only past starts, days past the horizon none that can be booked.
  const last = toDate < w.lastDate ? toDate : w.lastDate;
  for (let date = fromDate > w.today ? fromDate : w.today; date <= last; date = addDays(date, 1)) {
    for (const c of daySlots(s, date)) {
      const endMs = c.startMs + s.slotMs;
      if (timeRefusal(w, c.startMs, date) || conflicts(ix, c.startMs, endMs, s.bufferMs)) continue;
      yield { start: new Date(c.startMs), end: new Date(endMs), date, time: clockTime(c.minute), modes: c.modes };
    }
  }
}

/** The modes a doctor's weekly hours offer, online first: what the doctor's listing says they see patients by. */
export function weeklyModes(rules: AvailabilityRules): Mode[] {
  const offered = new Set(rules.weekly.flatMap((w) => w.ranges.flatMap((r) => r.modes)));
  return (['online', 'in_person'] as const).filter((m) => offered.has(m));
}

/** Bookable slots on the clinic-local dates fromDate..toDate (both included), ordered by start. */
export function slotsBetween(rules: AvailabilityRules, busy: readonly Busy[], now: Date, fromDate: string, toDate: string): Slot[] {
  return [...offered(compile(rules), indexBusy(busy), bookingWindow(rules, now), fromDate, toDate)];
}

/** The first bookable slot from now up to the horizon, or null when there is none. */
export function nextFreeSlot(rules: AvailabilityRules, busy: readonly Busy[], now: Date): Slot | null {
  const w = bookingWindow(rules, now);
  const first = offered(compile(rules), indexBusy(busy), w, w.today, w.lastDate).next();
  return first.done ? null : first.value;
}

/** Why a booking at `start` in `mode` cannot be made, or null when it can: exactly the starts slotsBetween lists. */
export function checkSlot(rules: AvailabilityRules, busy: readonly Busy[], now: Date, start: Date, mode: Mode): SlotRefusal | null {
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) return 'outside_hours';
  const w = bookingWindow(rules, now);
  const date = zonedParts(start, rules.timeZone).date;
  const timing = timeRefusal(w, startMs, date);
  if (timing) return timing;
  const s = compile(rules);
  const slot = daySlots(s, date).find((c) => c.startMs === startMs);
  if (!slot) return 'outside_hours';
  if (!slot.modes.includes(mode)) return 'mode_not_offered';
  return conflicts(indexBusy(busy), startMs, startMs + s.slotMs, s.bufferMs) ? 'taken' : null;
}
