// Shared by every benchmark: timing, percentiles, formatting, a deterministic random source, a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A benchmark registered in bench/run.ts: prints its lines (a ratio against a baseline measured in the same run). */
export interface Benchmark {
  name: string;
  run(log: (line: string) => void): Promise<void>;
}

/** Milliseconds one call takes, for each of `iterations` calls after `warmup` unmeasured ones. */
export async function sample(fn: () => Promise<unknown> | unknown, iterations: number, warmup = Math.ceil(iterations / 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const ms = (value: number) => (value < 10 ? value.toFixed(3) : value.toFixed(1));
export const ratio = (baseline: number, measured: number) => `${(baseline / measured).toFixed(1)}x`;
export const count = (n: number) => n.toLocaleString('en-US');

/** Deterministic pseudo-random numbers in [0, 1), so every run measures the same data. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** A folder removed when `fn` ends, however it ends. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'medlink-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
