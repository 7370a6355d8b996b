// Wall-clock time in the clinic's IANA zone, from Intl alone (Node 20 has no Temporal), for the core's slots
// and bookings and the screens alike. Nothing here reads the machine's own zone: only UTC getters and Intl
// with an explicit timeZone, so results are the same on any computer. Dates are 'YYYY-MM-DD' and times
// 'HH:MM' strings, as they are stored.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Creating a DateTimeFormat costs far more than using one, and a slot search asks the same zone many times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23', // never '24:00' for midnight
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant, as milliseconds of a UTC date with the same fields. */
function wallMs(instantMs: number, timeZone: string): number {
  // format() and a regex take a third of formatToParts' time; en-US always orders month/day/year.
  const m = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/.exec(formatter(timeZone).format(instantMs));
  if (!m) throw new RangeError(`Cannot read the wall clock of ${timeZone} at ${instantMs}`);
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** The zone's offset from UTC (ms, east positive) in effect at an instant. */
function offsetAt(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000; // the formatter shows whole seconds
  return wallMs(whole, timeZone) - whole;
}

function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = Number(m?.[3]);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, day) : NaN;
  // Date.UTC rolls 02-30 over into March: a date is real only if its day survives.
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || new Date(ms).getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return ms;
}

function isoDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** 'HH:MM' as minutes after midnight. */
export function minuteOfDay(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes after midnight as 'HH:MM'. */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addDays(date: string, n: number): string {
  return isoDate(parseDate(date) + n * DAY);
}

/** 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(parseDate(date)).getUTCDay();
}

/**
 * The instants of one local calendar day: maps a minute of that day's wall clock to its UTC instant (ms),
 * null where the clock skips it (spring forward), the earlier instant where it shows it twice (fall back).
 * Costs two offset probes; only a day near an offset change pays for a search of the moment it changes,
 * so a slot search makes no Intl call per slot.
 */
export function wallClock(date: string, timeZone: string): (minute: number) => number | null {
  const midnight = parseDate(date);
  // Every instant whose wall clock falls on this date lies in this window (offsets span -12h..+14h).
  const first = midnight - 14 * HOUR;
  const last = midnight + DAY + 12 * HOUR;
  const before = offsetAt(first, timeZone);
  const after = offsetAt(last, timeZone);
  // Assumes at most one offset change within these 50 hours, true of every zone's rules in use today.
  if (before === after) return (minute) => midnight + minute * MINUTE - before;

  // The first whole second at which the new offset is in effect.
  let lo = first;
  let hi = last;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  const change = hi;
  return (minute) => {
    const wall = midnight + minute * MINUTE;
    const early = wall - before; // this wall time read with the old offset, valid only before the change
    if (early < change) return early;
    const late = wall - after; // and with the new offset, valid only from the change on
    return late >= change ? late : null;
  };
}

/** The UTC instant of a wall-clock time in a zone; null in a spring-forward gap, the earlier in a fall-back overlap. */
export function zonedInstant(date: string, time: string, timeZone: string): Date | null {
  const ms = wallClock(date, timeZone)(minuteOfDay(time));
  return ms === null ? null : new Date(ms);
}

export function zonedParts(instant: Date, timeZone: string): { date: string; time: string; weekday: number } {
  const wall = new Date(wallMs(instant.getTime(), timeZone));
  return {
    date: wall.toISOString().slice(0, 10),
    time: wall.toISOString().slice(11, 16),
    weekday: wall.getUTCDay(),
  };
}
