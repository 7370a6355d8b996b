import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { RunResult } from '../../electron/core/queue/worker';
import type { GoogleEndpoints } from '../../electron/core/video/google-endpoints';
import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { LiveEvent } from '../../shared/live';
import { ok, recoveryCodeOf, removeDataDir, tempDir, type Clinic } from './clinic';

// Another seat of the clinic in a process of its own (tests/helpers/seat-worker.ts), driven over IPC: its own
// createApp, connections, clock and mail sender, on the clinic's database.

export interface SeatJob {
  dataDir: string;
  databaseUrl?: string;
  /** Where the seat's clock stands; it stays there until advanced. */
  now: string;
  /** Where the seat finds Google (the test's fake). */
  google?: GoogleEndpoints;
  /** A computer whose clock is wrong: every reading of the time there (Date.now too) is this far ahead. */
  clockAheadMs?: number;
}

export interface SeatCall {
  channel: ChannelName;
  input: unknown;
  token?: string;
}

export type SeatRequest =
  | { op: 'dispatch'; calls: SeatCall[] }
  | { op: 'runSender' }
  | { op: 'runJobs' }
  | { op: 'advanceClock'; minutes: number }
  | { op: 'watch'; token: string }
  | { op: 'heard' };

export type SeatMessage = { ready: true } | { log: string } | { id: number; value: unknown } | { id: number; error: string };

export interface Seat {
  pid: number;
  /** What the seat's app logged (the mail sender logs every failure and every lost claim). */
  log: string[];
  /** Calls made one after another, as one person at the seat makes them; their outcomes in order. */
  dispatch(calls: SeatCall[]): Promise<Result<unknown>[]>;
  call<C extends ChannelName>(channel: C, input: Input<C>, token?: string): Promise<Result<Output<C>>>;
  /** One run of the seat's mail sender (what its background loop runs): claims and sends until nothing is due. */
  runSender(): Promise<RunResult>;
  /** One run of the seat's job worker (the calls to Google). */
  runJobs(): Promise<RunResult>;
  advanceClock(minutes: number): Promise<void>;
  /** Opens a live feed on the seat for this session, as a screen there would; `heard` is what it has received since. */
  watch(token: string): Promise<Result<null>>;
  heard(): Promise<LiveEvent[]>;
  /** SIGKILL: the seat dies wherever it is; resolves once it is gone. */
  kill(): Promise<void>;
}

const WORKER = join(import.meta.dirname, 'seat-worker.ts');

/** For a test with two seats: each process loads the whole app, which takes several seconds on a loaded machine. */
export const SEATS_TIMEOUT = 120_000;

export interface SeatOptions {
  /**
   * The seat's data folder. Default on PostgreSQL: a new one, enrolled with the clinic's recovery code as an
   * administrator would, so the seat holds its own copy of the clinic key. On SQLite: the clinic's own, where
   * its database file is.
   */
  dataDir?: string;
  /** Where the seat's clock stands. Default: the clinic's time. */
  now?: Date;
  google?: GoogleEndpoints;
  /** The seat's computer's clock is this many minutes fast (its own clock too stands that far ahead). */
  clockAheadMinutes?: number;
}

/** Starts a seat on the clinic's database; resolves once its app is open. Killed when the test ends. */
export async function openSeat(clinic: Clinic, options: SeatOptions = {}): Promise<Seat> {
  const own = !options.dataDir && !!clinic.databaseUrl;
  const dataDir = options.dataDir ?? (own ? tempDir() : clinic.dataDir);
  const aheadMs = (options.clockAheadMinutes ?? 0) * 60_000;
  const job: SeatJob = {
    dataDir, databaseUrl: clinic.databaseUrl, now: new Date((options.now ?? clinic.clock.now()).getTime() + aheadMs).toISOString(), google: options.google, clockAheadMs: aheadMs,
  };
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, MEDLINK_SEAT: JSON.stringify(job) } });
  const { seat, ready } = driver(child);
  onTestFinished(async () => {
    await seat.kill();
    if (own) removeDataDir(dataDir);
  });
  await ready;
  if (own) {
    ok(await seat.call('clinicKey.enrol', { recoveryCode: await recoveryCodeOf(clinic) }));
  }
  return seat;
}

function driver(child: ChildProcess): { seat: Seat; ready: Promise<void> } {
  const log: string[] = [];
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  let opened!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve;
    child.once('exit', (code, signal) => reject(new Error(`the seat exited before its app was open (${signal ?? `code ${code}`})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (m: SeatMessage) => {
    if ('ready' in m) opened();
    if ('log' in m) log.push(m.log);
    if (!('id' in m)) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if ('error' in m) w?.reject(new Error(`seat ${child.pid}: ${m.error}`));
    else w?.resolve(m.value);
  });
  child.once('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`seat ${child.pid} exited (${signal ?? `code ${code}`}) before answering`));
    waiting.clear();
  });
  const request = <T>(r: SeatRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...r });
    });
  const dispatch = (calls: SeatCall[]) => request<Result<unknown>[]>({ op: 'dispatch', calls });
  const seat: Seat = {
    pid: child.pid!,
    log,
    dispatch,
    call: async (channel, input, token) => (await dispatch([{ channel, input, token }]))[0] as never,
    runSender: () => request({ op: 'runSender' }),
    runJobs: () => request({ op: 'runJobs' }),
    advanceClock: (minutes) => request({ op: 'advanceClock', minutes }),
    watch: (token) => request({ op: 'watch', token }),
    heard: () => request({ op: 'heard' }),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return { seat, ready };
}
