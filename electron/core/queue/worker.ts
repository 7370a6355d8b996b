import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import { serverClockMs, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import * as repo from './queue.repo';

// Works through a queue table (the outbox's emails, the jobs). Each row is claimed (a lease) in one statement
// before it is worked on, and its outcome written after: finished, or pending again with a growing delay, or
// 'dead' once it has failed maxAttempts times. A process that dies mid-way leaves a claimed row whose lease runs
// out; the next claim takes it again. That is at-least-once work: each handler makes a repeat harmless (a mail
// keeps its Message-ID, a calendar event its id).

/** What became of one row. */
export type Outcome =
  | { done: true }
  | {
      done: false;
      error: string;
      /** Try again after this long rather than after the usual growing delay (a server's Retry-After). */
      retryInMs?: number;
      /** Try again no later than this instant (epoch ms), however long the delay would be (a deadline). */
      notAfter?: number;
      /** Give up now: trying again cannot help. */
      final?: boolean;
      /** Not a failure, only not finished yet (a calendar still making a meeting): look again later, attempts unchanged. */
      notYet?: boolean;
    };

export type Handle<Q extends repo.QueueName> = (row: repo.QueueRow<Q>) => Promise<Outcome>;

export interface WorkerTuning {
  /** Failures before a row is given up as 'dead' (an administrator can retry it). */
  maxAttempts: number;
  /** The first retry waits this long; each further one twice as long as the one before, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim holds a row; longer than any one piece of work can take. */
  leaseMs: number;
  /** The background loop's period. */
  intervalMs: number;
  /** At most this many rows per run, so one run cannot go on for ever. */
  batch: number;
}

export interface WorkerOptions<Q extends repo.QueueName> extends Partial<WorkerTuning> {
  queue: Q;
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  log: (message: string) => void;
  /** How a row is named in the log ("mail 3 to a@b.in"). */
  describe: (row: repo.QueueRow<Q>) => string;
  /** What works on rows now; null while nothing can be done (no SMTP server yet): the rows wait as they are. */
  handler: () => Promise<Handle<Q> | null>;
  /** After a run that finished or failed any row (the administrator's mail queue follows the outbox's). */
  onOutcome?: () => void;
}

export interface RunResult {
  done: number;
  failed: number;
}

export interface Worker {
  /** Works through what is due now; resolves when done. Never rejects: problems are logged and the rows say what happened. */
  runOnce(): Promise<RunResult>;
  /** Runs at once (what came due while the app was closed), then every intervalMs and whenever woken. */
  start(): void;
  /** Asks a started worker to run soon (a row was just queued). */
  wake(): void;
  /** Stops the loop; waits up to graceMs for work in progress to record its outcome. */
  stop(graceMs?: number): Promise<void>;
}

export const DEFAULTS: WorkerTuning = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
  intervalMs: 5_000,
  batch: 100,
};

/** Clocks this close to the database server's are taken as agreeing: a lease lasts minutes. */
const CLOCK_TOLERANCE_MS = 2_000;

/** The wait after the n-th failure (n ≥ 1): base · 2^(n-1), capped. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number) => Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);

export function createWorker<Q extends repo.QueueName>(options: WorkerOptions<Q>): Worker {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as WorkerOptions<Q> & WorkerTuning;
  const { db, dialect, clock, log, queue } = o;
  const inFlight = new Set<Promise<RunResult>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let looping: Promise<RunResult> | undefined;
  let again = false;
  let lastSkew = 0;

  /**
   * How far the database server's clock is ahead of this computer's (0 on SQLite, or when they agree). Leases
   * are written and judged by the server's clock, so a seat whose clock is wrong can neither take over a claim
   * that is still live nor have its own claim taken early, and nobody sends a message twice.
   */
  async function skewMs(): Promise<number> {
    const server = await serverClockMs(db, dialect);
    const skew = server === null ? 0 : server - Date.now();
    const kept = Math.abs(skew) < CLOCK_TOLERANCE_MS ? 0 : skew;
    if (kept !== lastSkew && kept !== 0) log(`this computer's clock is ${Math.round(-kept / 1000)} s off the database server's; the ${queue} follows the server's`);
    lastSkew = kept;
    return kept;
  }

  async function record(row: repo.QueueRow<Q>, lease: string, outcome: Outcome, skew: number): Promise<void> {
    const now = new Date(clock.now().getTime() + skew);
    if (outcome.done) {
      if (!(await repo.markDone(db, queue, row.id, lease, now.toISOString()))) {
        log(`${o.describe(row)}: done, but its claim had run out; another worker may do it again`);
      }
      return;
    }
    const attempts = outcome.notYet ? row.attempts : row.attempts + 1;
    const dead = !outcome.notYet && (outcome.final || attempts >= o.maxAttempts);
    const waitMs = outcome.retryInMs ?? backoffMs(attempts, o.baseDelayMs, o.maxDelayMs);
    const due = Math.min(now.getTime() + waitMs, outcome.notAfter ?? Infinity);
    const dueAt = dead ? row.due_at : new Date(due).toISOString();
    const error = outcome.notYet ? null : outcome.error;
    const kept = await repo.release(db, queue, row.id, lease, { status: dead ? 'dead' : 'pending', attempts, dueAt, error });
    if (!kept) log(`${o.describe(row)}: ${outcome.error}, but another worker had taken it over`);
    else if (dead) log(`${o.describe(row)} given up after ${attempts} attempts: ${outcome.error}`);
  }

  async function run(): Promise<RunResult> {
    const result: RunResult = { done: 0, failed: 0 };
    try {
      const handle = await o.handler();
      if (!handle) return result;
      const skew = await skewMs();
      for (let i = 0; i < o.batch; i++) {
        const own = clock.now().getTime();
        const now = own + skew;
        const lease = new Date(now + o.leaseMs).toISOString();
        // A fast clock here may send its own rows when it believes them due (early, never twice); a slow one waits for the server's.
        const row = await repo.claimNext(db, dialect, queue, { now: new Date(now).toISOString(), dueBy: new Date(Math.max(own, now)).toISOString(), leaseUntil: lease });
        if (!row) break;
        let outcome: Outcome;
        try {
          outcome = await handle(row);
        } catch (e) {
          outcome = { done: false, error: e instanceof Error ? e.message : String(e) };
        }
        await record(row, lease, outcome, skew);
        if (outcome.done) result.done++;
        else if (!outcome.notYet) result.failed++;
      }
    } catch (e) {
      // The database went away (closing, a network fault): what was claimed is re-claimed once its lease ends.
      log(`${queue} worker stopped a run: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (result.done + result.failed > 0) o.onOutcome?.();
    return result;
  }

  function runOnce(): Promise<RunResult> {
    const p = run();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  /** The loop's run: one at a time; a wake during a run asks for one more right after it. */
  function tick() {
    if (timer === undefined) return;
    if (looping) {
      again = true;
      return;
    }
    looping = runOnce();
    void looping.finally(() => {
      looping = undefined;
      if (again) {
        again = false;
        tick();
      }
    });
  }

  return {
    runOnce,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, o.intervalMs);
      timer.unref?.();
      tick();
    },
    wake: () => tick(),
    async stop(graceMs = 3_000) {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (inFlight.size === 0) return;
      let expire: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise<void>((resolve) => {
          expire = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(expire);
    },
  };
}
