/** The index of the first of `sorted[lo..hi)` that is `value` or more (`hi` when none is), by bisection. */
export function firstAtOrAfter<T extends number | string>(sorted: readonly T[], value: T, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
