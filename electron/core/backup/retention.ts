import { addDays, weekdayOf, zonedParts } from '../../../shared/clinic-time';

/** How many of the newest days, weeks and months keep a backup set each. */
export const RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;

/**
 * The backup sets to keep, of those taken at `times` (any order), in the clinic's time zone: the newest set of
 * each of the 7 most recent days that have one, of each of the 4 most recent weeks (Monday to Sunday) and of each
 * of the 12 most recent months. A set kept for several reasons is kept once. Pure: the caller removes the rest.
 */
export function setsToKeep(times: readonly Date[], timeZone: string): Set<number> {
  const newestFirst = [...times].sort((a, b) => b.getTime() - a.getTime());
  const keep = new Set<number>();
  const bucketed = (count: number, bucket: (date: string) => string) => {
    const seen = new Set<string>();
    for (const t of newestFirst) {
      const b = bucket(zonedParts(t, timeZone).date);
      if (seen.has(b)) continue;
      if (seen.size === count) break;
      seen.add(b);
      keep.add(t.getTime());
    }
  };
  bucketed(RETENTION.daily, (date) => date);
  // A week is named by its Monday.
  bucketed(RETENTION.weekly, (date) => addDays(date, -((weekdayOf(date) + 6) % 7)));
  bucketed(RETENTION.monthly, (date) => date.slice(0, 7));
  return keep;
}
