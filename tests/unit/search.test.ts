import { describe, expect, it } from 'vitest';
import { nextFreeSlot, type AvailabilityRules, type Mode, type TimeRange } from '../../electron/core/availability/slots';
import { compileSchedule, Days, firstOpenSlot, rulesForMode, ZoneClocks } from '../../electron/core/search/open-slots';
import { firstBySlot, smallest } from '../../electron/core/search/ranking';
import { normalize, queryWords, wordsOf } from '../../electron/core/search/text';
import { EXACT, PREFIX, TokenIndex, TYPO } from '../../electron/core/search/token-index';
import { clockTime, zonedParts } from '../../shared/clinic-time';

// A small deterministic generator, so a failure names a seed that reproduces it.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Levenshtein distance (substitution, insertion, deletion), at most 2 reported. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** The definition the index implements, by brute force. */
function quality(word: string, token: string): number {
  if (token === word) return EXACT;
  if (token.startsWith(word)) return PREFIX;
  if (word.length < 4) return 0;
  for (let n = 0; n <= token.length; n++) if (distance(word, token.slice(0, n)) <= 1) return TYPO;
  return 0;
}

describe('search words', () => {
  it('normalises case, accents, nukta and dotted degrees; drops titles from queries', () => {
    expect(wordsOf('Dr. Aarti Mehta-Shah, M.B.B.S., MD (Cardiology)')).toEqual(['dr', 'aarti', 'mehta', 'shah', 'mbbs', 'md', 'cardiology']);
    expect(normalize('Clínica')).toBe('clinica');
    expect(wordsOf('फ़िज़ियोथेरेपी')).toEqual(wordsOf('फिजियोथेरेपी'));
    expect(queryWords('Dr Mehta dr')).toEqual(['mehta']);
  });

  it('matches prefixes exactly and one edit for words of four letters or more, exactly as defined', () => {
    const tokens = ['cardiology', 'cardiologist', 'mehta', 'mehra', 'ent', 'entwistle', 'mbbs', 'md', 'mumbai', 'pune', 'dent', 'kent', 'हृदय'];
    const index = new TokenIndex(tokens.map((t) => [t]));
    const q = (w: string) => tokens.filter((_, i) => index.match(w)[i]);
    expect(q('cardiolgy')).toEqual(['cardiology']);
    expect(q('cardiollogy')).toEqual(['cardiology']);
    expect(q('cardiolofy')).toEqual(['cardiology']);
    expect(q('cardio')).toEqual(['cardiology', 'cardiologist']);
    expect(q('ent')).toEqual(['ent', 'entwistle']);
    expect(q('mehta')).toEqual(['mehta', 'mehra']);
    expect(index.match('mehta')[2]).toBe(EXACT);
    expect(index.match('mehta')[3]).toBe(TYPO);
    expect(q('mumbia')).toEqual(['mumbai'].filter((t) => quality('mumbia', t)));

    // Random words against random tokens: the index and the brute-force definition agree on every pair.
    const r = rng(7);
    const letters = 'abcdem';
    const word = (min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () => letters[Math.floor(r() * letters.length)]).join('');
    const many = Array.from({ length: 400 }, () => word(1, 7));
    const big = new TokenIndex(many.map((t) => [t]));
    const wrong: string[] = [];
    for (let i = 0; i < 300; i++) {
      const w = word(1, 7);
      const got = big.match(w);
      many.forEach((t, d) => {
        if (got[d] !== quality(w, t)) wrong.push(`${w} ~ ${t}: ${got[d]} instead of ${quality(w, t)}`);
      });
    }
    expect(wrong).toEqual([]);
  });
});

describe('first open slot', () => {
  it('equals slots.ts nextFreeSlot without busy time, on random rules, zones, exceptions and holidays', () => {
    const r = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const modes: Mode[][] = [['online'], ['in_person'], ['in_person', 'online'], ['online', 'in_person']];
    const range = (): TimeRange => {
      const start = Math.floor(r() * 22 * 4) * 15;
      const end = Math.min(start + 15 + Math.floor(r() * 16) * 15, 23 * 60 + 59);
      return { start: clockTime(start), end: clockTime(end), modes: pick(modes) };
    };
    // Wall-clock conversions are kept per date for one zone (a catalog has one clinic zone).
    // One zone's clocks kept across the cases, as a catalog keeps them across searches, at times out of order.
    const clocks = new Map<string, ZoneClocks>();
    for (let i = 0; i < 400; i++) {
      const timeZone = pick(['Asia/Kolkata', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe']);
      // Around the daylight-saving changes of 2026 as well as ordinary days.
      const now = new Date(pick([Date.UTC(2026, 2, 7), Date.UTC(2026, 9, 24), Date.UTC(2026, 2, 27), Date.UTC(2026, 5, 1)]) + Math.floor(r() * 3 * 86_400_000));
      const today = now.toISOString().slice(0, 10);
      const date = (k: number) => new Date(Date.parse(today) + k * 86_400_000).toISOString().slice(0, 10);
      const rules: AvailabilityRules = {
        timeZone,
        slotMinutes: pick([5, 10, 15, 20, 30, 45, 60]),
        bufferMinutes: 0,
        minNoticeMinutes: pick([0, 30, 120, 1440]),
        horizonDays: pick([1, 3, 14, 60]),
        weekly: [0, 1, 2, 3, 4, 5, 6].filter(() => r() < 0.4).map((weekday) => ({ weekday, ranges: Array.from({ length: 1 + Math.floor(r() * 2) }, range) })),
        exceptions: [0, 1, 2, 3, 4].filter(() => r() < 0.3).map((k) => (r() < 0.5 ? { date: date(k), kind: 'off' as const } : { date: date(k), kind: 'hours' as const, ranges: [range(), range()] })),
        holidays: [0, 1, 2, 3].filter(() => r() < 0.2).map(date),
      };
      if (!clocks.has(timeZone)) clocks.set(timeZone, new ZoneClocks(timeZone));
      const days = new Days(now, clocks.get(timeZone)!);
      expect(days.today).toBe(zonedParts(now, timeZone).date);
      for (const mode of [undefined, 'online', 'in_person'] as const) {
        const kept = mode ? rulesForMode(rules, mode) : rules;
        const fast = firstOpenSlot(compileSchedule(kept), days, new Set(rules.holidays), now.getTime());
        const slow = nextFreeSlot(kept, [], now);
        const seen = fast && { start: new Date(fast.startMs), end: new Date(fast.endMs), date: fast.date, time: clockTime(fast.minute), modes: fast.modes };
        expect({ i, mode, seen }).toEqual({ i, mode, seen: slow });
      }
    }
  });
});

describe('ranking', () => {
  it('firstBySlot returns the same page as sorting every doctor by exact slot, settling few of them', async () => {
    const r = rng(3);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(r() * 400);
      const lower = Array.from({ length: n }, () => (r() < 0.1 ? Infinity : Math.floor(r() * 1000)));
      const exact = lower.map((l) => (l === Infinity ? Infinity : r() < 0.7 ? l : r() < 0.2 ? Infinity : l + Math.floor(r() * 300)));
      const second = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
      const settled = new Map<number, number>();
      let settledCount = 0;
      const docs = Array.from({ length: n }, (_, i) => i);
      const count = Math.floor(r() * 60);
      const page = await firstBySlot(docs, count, {
        lowerBound: (d) => lower[d]!,
        exact: (d) => settled.get(d),
        second: (d) => second[d]!,
        settle: async (ds) => {
          for (const d of ds) settled.set(d, exact[d]!);
          settledCount += ds.length;
        },
      });
      // (Infinity - Infinity is NaN: equal keys are compared by `second` explicitly.)
      const sorted = [...docs].sort((a, b) => (exact[a] === exact[b] ? second[a]! - second[b]! : exact[a]! < exact[b]! ? -1 : 1)).slice(0, count);
      expect(page).toEqual(sorted);
      expect(settledCount).toBeLessThanOrEqual(n);
    }
  });

  it('reads a sorted list of every doctor only as far as needed, and still returns the exact page', async () => {
    const r = rng(11);
    for (let round = 0; round < 60; round++) {
      const n = 1 + Math.floor(r() * 600);
      // Lower bounds on whole minutes with many ties (many doctors start at the same hour), some none at all.
      const lower = Array.from({ length: n }, () => (r() < 0.05 ? Infinity : Math.floor(r() * 20) * 3_600_000));
      const exact = lower.map((l) => (l === Infinity || r() < 0.8 ? l : r() < 0.2 ? Infinity : l + Math.floor(r() * 10) * 900_000));
      const rank = Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
      const follows = r() < 0.5;
      const second = follows ? rank : Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5);
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (lower[a] === lower[b] ? rank[a]! - rank[b]! : lower[a]! < lower[b]! ? -1 : 1));
      // The list was sorted a while ago: some bounds have since moved on (still lower bounds of the exact slot).
      const current = lower.map((l, d) => (l === Infinity || r() < 0.8 ? l : Math.min(exact[d]!, l + 900_000)));
      const member = new Uint8Array(n).map(() => (r() < 0.6 ? 1 : 0));
      const settled = new Map<number, number>();
      const count = Math.floor(r() * 60);
      const page = await firstBySlot(
        { docs: Int32Array.from(order), key: Float64Array.from(order.map((d) => lower[d]!)), member, secondFollowsList: follows, displaced: () => undefined },
        count,
        {
          lowerBound: (d) => current[d]!,
          exact: (d) => settled.get(d),
          second: (d) => second[d]!,
          settle: async (ds) => {
            for (const d of ds) settled.set(d, exact[d]!);
          },
        },
      );
      const members = order.filter((d) => member[d]);
      const expected = [...members].sort((a, b) => (exact[a] === exact[b] ? second[a]! - second[b]! : exact[a]! < exact[b]! ? -1 : 1)).slice(0, count);
      expect({ round, page }).toEqual({ round, page: expected });
      expect(settled.size).toBeLessThanOrEqual(members.length);
    }
  });

  it('smallest returns the k smallest keys in order', () => {
    const keys = [9, 3, 7, 1, 8, 2, 6];
    expect(smallest(keys, 3)).toEqual([1, 2, 3]);
    expect(smallest(keys, 10)).toEqual([1, 2, 3, 6, 7, 8, 9]);
    expect(smallest(keys, 0)).toEqual([]);
  });
});
