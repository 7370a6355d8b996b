import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../electron/core/scheduling/iso-instant';

describe('isoInstant', () => {
  it('writes what toISOString writes at the edges of days, months, leap years and eras', () => {
    const edges = [
      '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '1900-03-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z', '2026-03-08T07:00:00.000Z', '2026-12-31T18:30:00.000Z', '1000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z', '2100-03-01T00:00:00.001Z', '1600-02-29T05:05:05.050Z',
    ];
    for (const text of edges) expect(isoInstant(Date.parse(text))).toBe(text);
  });

  it('falls back to Date for years it does not write itself', () => {
    for (const ms of [Date.UTC(10_000, 0, 1), Date.UTC(999, 11, 31, 23, 59), -8.64e15, 8.64e15]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('agrees with toISOString on random instants across four centuries', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(1800, 0, 1);
    const span = Date.UTC(2200, 0, 1) - from;
    for (let i = 0; i < 20_000; i++) {
      const ms = from + Math.floor(next() * span);
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
