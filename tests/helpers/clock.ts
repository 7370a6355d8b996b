import type { Clock } from '../../electron/core/context';

export interface TestClock extends Clock {
  advanceMinutes(minutes: number): void;
}

/** A clock that stands still until a test moves it. */
export function testClock(startIso = '2026-03-02T04:30:00.000Z'): TestClock {
  let now = Date.parse(startIso);
  return {
    now: () => new Date(now),
    advanceMinutes: (minutes) => {
      now += minutes * 60_000;
    },
  };
}
