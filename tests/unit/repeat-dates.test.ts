import { describe, expect, it } from 'vitest';
import { repeatDates, SERIES_MAX } from '../../shared/contract';

describe('the days of a series', () => {
  it('every week or every few weeks, a number of times or until a date (that day included)', () => {
    expect(repeatDates('2026-03-03', 1, { count: 4 })).toEqual(['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24']);
    expect(repeatDates('2026-03-03', 2, { until: '2026-03-31' })).toEqual(['2026-03-03', '2026-03-17', '2026-03-31']);
    expect(repeatDates('2026-03-03', 3, { until: '2026-03-02' })).toEqual([]);
    // Across a month and a year end, by the calendar.
    expect(repeatDates('2026-12-22', 1, { count: 3 })).toEqual(['2026-12-22', '2026-12-29', '2027-01-05']);
  });

  it('never more than a series may hold', () => {
    expect(repeatDates('2026-01-06', 1, { until: '2030-01-01' })).toHaveLength(SERIES_MAX);
    expect(repeatDates('2026-01-06', 1, { count: 500 })).toHaveLength(SERIES_MAX);
  });
});
