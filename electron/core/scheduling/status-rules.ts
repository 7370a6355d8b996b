import type { ErrorCode } from '../../../shared/errors';

// The one rule for an appointment's visit states, used both to refuse a change and to offer its button. A refusal
// is plain data: a screen's list asks about every appointment, and an Error (its stack captured) for each costs
// more than the list.

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

/**
 * Why `change` cannot be made now, or null when it can. Check-in opens `checkInOpensMinutes` before the start
 * and closes at the end; completed and no-show need the start reached. None frees the visit's time: completed
 * holds it like booked does (HELD_STATUSES), and no-show comes only once the time has passed.
 */
export function statusRefusal(visit: Visit, change: StatusChange, now: Date, checkInOpensMinutes: number): StatusRefusal | null {
  const start = Date.parse(visit.start_at);
  if (!FROM[change].includes(visit.status)) {
    return { code: 'CONFLICT', message: `An appointment that is ${visit.status.replace('_', ' ')} cannot be marked ${change.replace('_', ' ')}.` };
  }
  if (change === 'checked_in') {
    if (now.getTime() < start - checkInOpensMinutes * MINUTE) {
      return { code: 'NOT_YET', message: `Check-in opens ${checkInOpensMinutes} minutes before the appointment.` };
    }
    if (now.getTime() >= Date.parse(visit.end_at)) return { code: 'TOO_LATE', message: 'This appointment’s time is over: it can no longer be checked in.' };
    return null;
  }
  if (now.getTime() < start) {
    return {
      code: 'NOT_YET',
      message: change === 'completed' ? 'A visit can be marked completed only once it has started.' : 'A patient can be marked as not come only after the appointment’s start time.',
    };
  }
  return null;
}

/** The changes the doctor or the front desk may make now, for the buttons a screen shows. */
export const allowedChanges = (visit: Visit, now: Date, checkInOpensMinutes: number) => ({
  canCheckIn: statusRefusal(visit, 'checked_in', now, checkInOpensMinutes) === null,
  canComplete: statusRefusal(visit, 'completed', now, checkInOpensMinutes) === null,
  canMarkNoShow: statusRefusal(visit, 'no_show', now, checkInOpensMinutes) === null,
});
