import type { Deps } from '../context';

// Wrong check-ins slow this seat's kiosk down: after a few, each further try must wait, twice as long each time.
// Kept per seat (per running app) in memory: it is the kiosk in front of someone that is slowed, on the server
// side, whatever its screen does. A right code does not reset the count (a guesser holding their own code would
// use it to start afresh); a quarter of an hour without a wrong one does.

const FREE_TRIES = 3;
const FIRST_WAIT_S = 5;
const LONGEST_WAIT_S = 300;
const FORGET_MS = 15 * 60_000;

export class Attempts {
  private failures = 0;
  private lastMs = 0;

  private countAt(nowMs: number): number {
    return nowMs - this.lastMs > FORGET_MS ? 0 : this.failures;
  }

  /** Seconds until the next try is taken (0: now). */
  waitSeconds(now: Date): number {
    const failures = this.countAt(now.getTime());
    if (failures < FREE_TRIES) return 0;
    const wait = Math.min(FIRST_WAIT_S * 2 ** (failures - FREE_TRIES), LONGEST_WAIT_S);
    return Math.max(0, Math.ceil((this.lastMs + wait * 1000 - now.getTime()) / 1000));
  }

  failed(now: Date): void {
    this.failures = this.countAt(now.getTime()) + 1;
    this.lastMs = now.getTime();
  }
}

const seats = new WeakMap<Deps, Attempts>();

export function attemptsOf(deps: Deps): Attempts {
  let a = seats.get(deps);
  if (!a) seats.set(deps, (a = new Attempts()));
  return a;
}
