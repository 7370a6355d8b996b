import type { ErrorCode } from '../../../shared/errors';

// The one rule for an appointment's visit states (refusedBecause), used both to refuse a change and to offer its
// button. A screen's list asks about every appointment, three changes each: its buttons get only whether, with the
// times read once, and a refusal is plain data (an Error, its stack captured, for each cost more than the list).

export type StatusChange = 'checked_in' | 'completed' | 'no_show';

interface Visit {
  status: string;
  start_at: string;
  end_at: string;
}

const MINUTE = 60_000;

/** The states each change may be made from. */
const FROM: Record<StatusChange, readonly string[]> = { checked_in: ['booked'], completed: ['booked', 'checked_in'], no_show: ['booked'] };

export interface StatusRefusal {
  code: ErrorCode;
  message: string;
}

type Why = 'not_from' | 'check_in_not_open' | 'over' | 'not_started';

/**
 * Why `change` cannot be made at `nowMs`, or null when it can. Check-in opens `checkInOpensMinutes` before the start
 * and closes at the end; completed and no-show need the start reached. None frees the visit's time: completed
 * holds it like booked does (HELD_STATUSES), and no-show comes only once the time has passed.
 */
function refusedBecause(status: string, startMs: number, endMs: number, change: StatusChange, nowMs: number, checkInOpensMinutes: number): Why | null {
  if (!FROM[change].includes(status)) return 'not_from';
  if (change === 'checked_in') {
    if (nowMs < startMs - checkInOpensMinutes * MINUTE) return 'check_in_not_open';
    return nowMs >= endMs ? 'over' : null;
  }
  return nowMs < startMs ? 'not_started' : null;
}

/** Why `change` cannot be made now, in words, or null when it can. */
export function statusRefusal(visit: Visit, change: StatusChange, now: Date, checkInOpensMinutes: number): StatusRefusal | null {
  const why = refusedBecause(visit.status, Date.parse(visit.start_at), Date.parse(visit.end_at), change, now.getTime(), checkInOpensMinutes);
  switch (why) {
    case null:
      return null;
    case 'not_from':
      return { code: 'CONFLICT', message: `An appointment that is ${visit.status.replace('_', ' ')} cannot be marked ${change.replace('_', ' ')}.` };
    case 'check_in_not_open':
      return { code: 'NOT_YET', message: `Check-in opens ${checkInOpensMinutes} minutes before the appointment.` };
    case 'over':
      return { code: 'TOO_LATE', message: 'This appointment’s time is over: it can no longer be checked in.' };
    case 'not_started':
      return {
        code: 'NOT_YET',
        message: change === 'completed' ? 'A visit can be marked completed only once it has started.' : 'A patient can be marked as not come only after the appointment’s start time.',
      };
  }
}

/** The changes the doctor or the front desk may make now, for the buttons a screen shows (its times read once). */
export function allowedChanges(visit: Visit, now: Date, checkInOpensMinutes: number) {
  const start = Date.parse(visit.start_at);
  const end = Date.parse(visit.end_at);
  const can = (change: StatusChange) => refusedBecause(visit.status, start, end, change, now.getTime(), checkInOpensMinutes) === null;
  return { canCheckIn: can('checked_in'), canComplete: can('completed'), canMarkNoShow: can('no_show') };
}
