import { describe, expect, it } from 'vitest';
import { backupDue } from '../../electron/core/backup/backup.service';
import { setsToKeep } from '../../electron/core/backup/retention';

const zone = 'Asia/Kolkata';
// One set a day at 02:00 in the clinic (20:30 UTC the day before), for a year of days.
const daily = (first: string, days: number) =>
  Array.from({ length: days }, (_, i) => new Date(new Date(`${first}T02:00:00+05:30`).getTime() + i * 86_400_000));
const kept = (times: Date[]) =>
  [...setsToKeep(times, zone)].sort((a, b) => a - b).map((ms) => new Date(ms + 5.5 * 3_600_000).toISOString().slice(0, 10));

describe('backup retention', () => {
  it('after a year of daily backups keeps the last 7 days, the newest of the last 4 weeks and of the last 12 months', () => {
    // 2026-01-01 … 2026-12-31 (a Thursday).
    const year = daily('2026-01-01', 365);
    expect(kept(year)).toEqual([
      // months: the newest set of each of the 12 months (December's is the 31st, already a daily one)
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30',
      '2026-10-31', '2026-11-30',
      // weeks (Monday to Sunday): the Sundays of the three weeks before the one of 31 December
      '2026-12-13', '2026-12-20',
      // days, the newest of which also stands for its week (28 Dec – 3 Jan) and the week before (21–27 Dec)
      '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31',
    ]);
  });

  it('keeps each day of a new clinic while it has fewer than seven, and one set a day when several were taken', () => {
    const three = daily('2026-03-01', 3);
    const extra = new Date(three[2]!.getTime() + 3_600_000);
    expect(kept([...three, extra])).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(setsToKeep([...three, extra], zone).has(extra.getTime())).toBe(true);
    expect(setsToKeep([...three, extra], zone).has(three[2]!.getTime())).toBe(false);
  });

  it('runs day by day over a year: never more than 7 + 4 + 12 sets, and always yesterday’s', () => {
    let sets: Date[] = [];
    for (const day of daily('2026-01-01', 365)) {
      sets.push(day);
      const keep = setsToKeep(sets, zone);
      sets = sets.filter((s) => keep.has(s.getTime()));
      expect(sets.length).toBeLessThanOrEqual(23);
      expect(sets.at(-1)).toBe(day);
    }
    expect(kept(sets)).toEqual(kept(daily('2026-01-01', 365)));
  });
});

describe('when the daily backup is due', () => {
  // 18:00 in Pune is 12:30 UTC.
  const at = (iso: string) => new Date(iso);
  it('is due once the day’s time has passed without a good backup since, and not before', () => {
    expect(backupDue(at('2026-03-02T12:29:00Z'), '18:00', zone, at('2026-03-01T12:31:00Z'), null)).toBe(false);
    expect(backupDue(at('2026-03-02T12:30:00Z'), '18:00', zone, at('2026-03-01T12:31:00Z'), null)).toBe(true);
    expect(backupDue(at('2026-03-02T20:00:00Z'), '18:00', zone, at('2026-03-02T12:31:00Z'), null)).toBe(false);
    // Never backed up: due at once (yesterday's time has passed).
    expect(backupDue(at('2026-03-02T04:00:00Z'), '18:00', zone, null, null)).toBe(true);
  });
  it('after a failure tries again in 15 minutes, not the next day', () => {
    const failed = at('2026-03-02T12:30:00Z');
    expect(backupDue(at('2026-03-02T12:44:00Z'), '18:00', zone, at('2026-03-01T12:31:00Z'), failed)).toBe(false);
    expect(backupDue(at('2026-03-02T12:45:00Z'), '18:00', zone, at('2026-03-01T12:31:00Z'), failed)).toBe(true);
  });
});
