import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  nextFreeSlot,
  slotsBetween,
  type AvailabilityRules,
  type Busy,
  type Mode,
  type TimeRange,
} from '../../electron/core/availability/slots';
import { addDays, weekdayOf, zonedInstant, zonedParts } from '../../shared/clinic-time';

const NY = 'America/New_York';
const BOTH: Mode[] = ['online', 'in_person'];
const at = (iso: string) => new Date(iso);
const range = (start: string, end: string, modes: Mode[] = BOTH): TimeRange => ({ start, end, modes });

function rules(over: Partial<AvailabilityRules> = {}): AvailabilityRules {
  return {
    timeZone: 'Asia/Kolkata',
    slotMinutes: 15,
    bufferMinutes: 0,
    minNoticeMinutes: 120,
    horizonDays: 60,
    weekly: [],
    exceptions: [],
    holidays: [],
    ...over,
  };
}
const everyDay = (...ranges: TimeRange[]) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges }));
const iso = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const times = (slots: { time: string }[]) => slots.map((s) => s.time);

describe('time zone arithmetic', () => {
  it('finds the instant of a wall-clock time, skipping the spring gap and taking the earlier fall-back hour', () => {
    expect(zonedInstant('2026-03-07', '09:00', NY)?.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedInstant('2026-03-09', '09:00', NY)?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedInstant('2026-03-08', '02:30', NY)).toBeNull();
    expect(zonedInstant('2026-03-08', '03:00', NY)?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedInstant('2026-11-01', '01:30', NY)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedInstant('2026-11-01', '02:00', NY)?.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(zonedInstant('2026-03-02', '09:00', 'Asia/Kolkata')?.toISOString()).toBe('2026-03-02T03:30:00.000Z');
  });

  it('handles a half-hour daylight-saving shift (Lord Howe Island)', () => {
    expect(zonedInstant('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBeNull();
    expect(zonedInstant('2026-10-04', '02:30', 'Australia/Lord_Howe')?.toISOString()).toBe('2026-10-03T15:30:00.000Z');
    expect(zonedInstant('2026-04-05', '01:45', 'Australia/Lord_Howe')?.toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it('reads the local date, time and weekday of an instant', () => {
    expect(zonedParts(at('2026-11-01T06:30:00Z'), NY)).toEqual({ date: '2026-11-01', time: '01:30', weekday: 0 });
    expect(zonedParts(at('2026-03-01T20:00:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-03-02', time: '01:30', weekday: 1 });
  });

  it('does calendar arithmetic without a zone', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(weekdayOf('2026-03-14')).toBe(6);
  });

  it('rejects malformed dates and times instead of guessing', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => zonedInstant('2026-03-08', '9:00', NY)).toThrow(RangeError);
    expect(() => zonedInstant('2026-03-08', '24:00', NY)).toThrow(RangeError);
  });
});

describe('slots across daylight-saving changes (New York)', () => {
  const ny = rules({ timeZone: NY, weekly: everyDay(range('09:00', '12:00')) });

  it('keeps a 09:00 range at 09:00 local on both sides of spring forward', () => {
    const slots = slotsBetween(ny, [], at('2026-03-01T12:00:00Z'), '2026-03-07', '2026-03-09');
    const firsts = ['2026-03-07', '2026-03-08', '2026-03-09'].map((d) => slots.find((s) => s.date === d)!);
    expect(times(firsts)).toEqual(['09:00', '09:00', '09:00']);
    expect(iso(firsts)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    expect(slots.filter((s) => s.date === '2026-03-08')).toHaveLength(12);
  });

  it('keeps a 09:00 range at 09:00 local on both sides of fall back', () => {
    const slots = slotsBetween(ny, [], at('2026-10-20T12:00:00Z'), '2026-10-31', '2026-11-02');
    const firsts = ['2026-10-31', '2026-11-02'].map((d) => slots.find((s) => s.date === d)!);
    expect(iso(firsts)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('skips the hour that does not exist on spring-forward day', () => {
    const night = rules({ timeZone: NY, weekly: everyDay(range('01:30', '03:30')) });
    const slots = slotsBetween(night, [], at('2026-03-01T12:00:00Z'), '2026-03-08', '2026-03-08');
    expect(times(slots)).toEqual(['01:30', '01:45', '03:00', '03:15']);
    expect(iso(slots)).toEqual([
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T06:45:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:15:00.000Z',
    ]);
  });

  it('offers the repeated fall-back hour once, at its earlier instant', () => {
    const night = rules({ timeZone: NY, weekly: everyDay(range('01:00', '02:00')) });
    const now = at('2026-10-20T12:00:00Z');
    const slots = slotsBetween(night, [], now, '2026-11-01', '2026-11-01');
    expect(times(slots)).toEqual(['01:00', '01:15', '01:30', '01:45']);
    expect(iso(slots)[2]).toBe('2026-11-01T05:30:00.000Z');
    expect(checkSlot(night, [], now, at('2026-11-01T05:30:00Z'), 'online')).toBeNull();
    // The second 01:30 of the night is the same wall time, but not a slot.
    expect(checkSlot(night, [], now, at('2026-11-01T06:30:00Z'), 'online')).toBe('outside_hours');
  });
});

describe('slots in a zone without daylight saving (Kolkata, +05:30)', () => {
  // Monday 2026-03-02, 10:00 in Kolkata.
  const now = at('2026-03-02T04:30:00Z');
  const ist = (date: string, time: string) => at(`${date}T${time}:00+05:30`);
  const weekdays = [1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    ranges: [range('09:00', '11:00', ['in_person']), range('11:00', '13:00', BOTH)],
  }));
  const clinic = rules({ weekly: weekdays });

  it('lists half-hour-offset instants in local wall time', () => {
    const slots = slotsBetween(clinic, [], now, '2026-03-03', '2026-03-03');
    expect(slots).toHaveLength(16);
    expect(slots[0]).toMatchObject({ date: '2026-03-03', time: '09:00', modes: ['in_person'] });
    expect(slots[0]!.start.toISOString()).toBe('2026-03-03T03:30:00.000Z');
    expect(slots[0]!.end.toISOString()).toBe('2026-03-03T03:45:00.000Z');
    expect(slots[15]).toMatchObject({ time: '12:45', modes: BOTH });
  });

  it('honours a day off and different hours on a date', () => {
    const r = rules({
      weekly: weekdays,
      exceptions: [
        { date: '2026-03-04', kind: 'off' },
        { date: '2026-03-05', kind: 'hours', ranges: [range('14:00', '15:00', ['online'])] },
      ],
    });
    const slots = slotsBetween(r, [], now, '2026-03-04', '2026-03-05');
    expect(slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-03-05 14:00', '2026-03-05 14:15', '2026-03-05 14:30', '2026-03-05 14:45']);
    expect(checkSlot(r, [], now, ist('2026-03-04', '11:00'), 'online')).toBe('outside_hours');
    expect(checkSlot(r, [], now, ist('2026-03-05', '11:00'), 'online')).toBe('outside_hours');
    expect(checkSlot(r, [], now, ist('2026-03-05', '14:30'), 'online')).toBeNull();
  });

  it('offers nothing on a clinic holiday', () => {
    const r = rules({ weekly: weekdays, holidays: ['2026-03-06'] });
    expect(slotsBetween(r, [], now, '2026-03-06', '2026-03-06')).toEqual([]);
    expect(checkSlot(r, [], now, ist('2026-03-06', '11:00'), 'online')).toBe('outside_hours');
  });

  it('needs the minimum notice: 1h59m ahead is too soon, 2h ahead is offered', () => {
    expect(checkSlot(clinic, [], now, ist('2026-03-02', '12:00'), 'online')).toBeNull();
    expect(slotsBetween(clinic, [], now, '2026-03-02', '2026-03-02')[0]!.time).toBe('12:00');
    const aMinuteLater = at('2026-03-02T04:31:00Z');
    expect(checkSlot(clinic, [], aMinuteLater, ist('2026-03-02', '12:00'), 'online')).toBe('too_soon');
    expect(slotsBetween(clinic, [], aMinuteLater, '2026-03-02', '2026-03-02')[0]!.time).toBe('12:15');
  });

  it('offers day 60 and not day 61 (clinic-local days)', () => {
    const daily = rules({ weekly: everyDay(range('09:00', '10:00')) });
    expect(addDays('2026-03-02', 60)).toBe('2026-05-01');
    const slots = slotsBetween(daily, [], now, '2026-04-30', '2026-05-05');
    expect([...new Set(slots.map((s) => s.date))]).toEqual(['2026-04-30', '2026-05-01']);
    expect(checkSlot(daily, [], now, ist('2026-05-01', '09:45'), 'online')).toBeNull();
    expect(checkSlot(daily, [], now, ist('2026-05-02', '09:00'), 'online')).toBe('beyond_horizon');
  });

  it('refuses a start in the past', () => {
    expect(checkSlot(clinic, [], now, ist('2026-02-28', '09:00'), 'in_person')).toBe('past');
    expect(checkSlot(clinic, [], now, ist('2026-03-02', '09:45'), 'in_person')).toBe('past');
  });

  it('refuses a start outside the hours or off the grid', () => {
    for (const time of ['08:45', '09:07', '13:00', '18:00']) {
      expect(checkSlot(clinic, [], now, ist('2026-03-03', time), 'in_person')).toBe('outside_hours');
    }
    expect(checkSlot(clinic, [], now, ist('2026-03-08', '09:00'), 'in_person')).toBe('outside_hours'); // a Sunday
    expect(checkSlot(clinic, [], now, at('2026-03-03T03:30:01Z'), 'in_person')).toBe('outside_hours');
    expect(checkSlot(clinic, [], now, at('not a date'), 'in_person')).toBe('outside_hours');
  });

  it('refuses a mode the range does not offer', () => {
    expect(checkSlot(clinic, [], now, ist('2026-03-03', '09:00'), 'online')).toBe('mode_not_offered');
    expect(checkSlot(clinic, [], now, ist('2026-03-03', '09:00'), 'in_person')).toBeNull();
    expect(checkSlot(clinic, [], now, ist('2026-03-03', '11:00'), 'online')).toBeNull();
  });

  it('keeps the buffer between a slot and booked or blocked time', () => {
    const booked: Busy[] = [{ start: ist('2026-03-03', '10:00'), end: ist('2026-03-03', '10:30') }];
    const free = (r: AvailabilityRules, busy: Busy[]) =>
      times(slotsBetween(r, busy, now, '2026-03-03', '2026-03-03').filter((s) => s.time >= '09:30' && s.time <= '10:45'));
    expect(free(clinic, booked)).toEqual(['09:30', '09:45', '10:30', '10:45']);
    const buffered = rules({ weekly: weekdays, bufferMinutes: 10 });
    expect(free(buffered, booked)).toEqual(['09:30', '10:45']);
    expect(checkSlot(buffered, booked, now, ist('2026-03-03', '09:45'), 'in_person')).toBe('taken');
    expect(checkSlot(buffered, booked, now, ist('2026-03-03', '10:30'), 'in_person')).toBe('taken');
    expect(checkSlot(buffered, booked, now, ist('2026-03-03', '10:00'), 'in_person')).toBe('taken');
    // Blocked time counts the same, and refusals keep their precedence over it.
    const blocked: Busy[] = [{ start: ist('2026-03-03', '11:55'), end: ist('2026-03-03', '13:00') }];
    expect(times(slotsBetween(buffered, blocked, now, '2026-03-03', '2026-03-03')).at(-1)).toBe('11:30');
    expect(checkSlot(buffered, blocked, now, ist('2026-03-03', '11:30'), 'online')).toBeNull();
    expect(checkSlot(buffered, blocked, now, ist('2026-03-03', '09:00'), 'online')).toBe('mode_not_offered');
  });

  it('finds the next free slot after fully booked and blocked days', () => {
    const early = at('2026-03-02T03:00:00Z'); // 08:30 Monday
    const appointments: Busy[] = [];
    for (let m = 9 * 60; m < 13 * 60; m += 15) {
      const start = ist('2026-03-03', `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
      appointments.push({ start, end: new Date(start.getTime() + 15 * 60_000) });
    }
    const busy: Busy[] = [{ start: ist('2026-03-02', '09:00'), end: ist('2026-03-02', '13:00') }, ...appointments];
    expect(nextFreeSlot(clinic, [], early)?.start.toISOString()).toBe('2026-03-02T05:00:00.000Z'); // 10:30, two hours' notice
    const next = nextFreeSlot(clinic, busy, early);
    expect(next).toMatchObject({ date: '2026-03-04', time: '09:00' });
    expect(nextFreeSlot(rules({ weekly: [] }), busy, early)).toBeNull();
  });
});

describe('checkSlot accepts exactly what slotsBetween lists', () => {
  it.each([
    ['spring forward', '2026-03-05', at('2026-03-05T14:00:00Z')],
    ['fall back', '2026-10-29', at('2026-10-29T13:00:00Z')],
  ])('every 5-minute start of a week in New York (%s)', (_name, from, now) => {
    const r = rules({
      timeZone: NY,
      bufferMinutes: 5,
      horizonDays: 4, // so the week's end lies beyond the horizon
      weekly: [
        ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [range('08:00', '12:00', ['in_person']), range('11:10', '13:00', ['online'])] })),
        { weekday: 0, ranges: [range('00:30', '03:30', ['online'])] },
        { weekday: 6, ranges: [range('10:00', '11:00')] },
      ],
    });
    const day0 = zonedInstant(from, '00:00', NY)!.getTime();
    // 40 minutes a day, an hour later each day: inside the hours on the first two days, outside after.
    const busy: Busy[] = [0, 1, 2, 3, 4].map((d) => {
      const start = day0 + d * 86_400_000 + (11.5 + d) * 3_600_000;
      return { start: new Date(start), end: new Date(start + 40 * 60_000) };
    });
    const listed = new Map(slotsBetween(r, busy, now, from, addDays(from, 6)).map((s) => [s.start.getTime(), s.modes]));
    const refusals = new Set<string>();
    for (let t = day0; t < day0 + 7 * 86_400_000; t += 5 * 60_000) {
      for (const mode of ['online', 'in_person'] as const) {
        const verdict = checkSlot(r, busy, now, new Date(t), mode);
        expect(verdict === null, `${new Date(t).toISOString()} ${mode}: ${verdict}`).toBe(listed.get(t)?.includes(mode) ?? false);
        if (verdict) refusals.add(verdict);
      }
    }
    expect(listed.size).toBeGreaterThan(50);
    expect([...refusals].sort()).toEqual(['beyond_horizon', 'mode_not_offered', 'outside_hours', 'past', 'taken', 'too_soon']);
  });
});

describe('independence from the machine’s time zone', () => {
  it('never reads local-time getters, parses date strings or reads the clock', () => {
    const localTime =
      /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(|getTimezoneOffset|toLocale\w*\(|Date\.parse|Date\.now|new Date\(\s*['"`)]/;
    for (const file of ['../../shared/clinic-time.ts', '../../electron/core/availability/slots.ts']) {
      expect(readFileSync(resolve(__dirname, file), 'utf8'), file).not.toMatch(localTime);
    }
  });
});
