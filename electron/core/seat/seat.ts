import type { Result } from '../../../shared/errors';
import type { AppOptions, MedLinkApp } from '../app';
import type { Dispatch } from '../dispatcher';
import type { Watch } from '../live/watch';
import { checkServer } from './check-server';
import { startProblem } from './problems';
import { chooseDatabase, saveSeatFile, type DatabaseChoice } from './seat-file';
import type { SeatSwitch } from './seat-switch';
import { serverLocation } from './server-url';
import { lockedAnswer, refusal } from './locked-seat';
import { DatabaseLockedError, NotThisClinicError } from '../secrets/database-key';
import { otherClinic } from '../secrets/clinic-key.service';
import type { ParsedInput } from '../../../shared/contract';

export interface SeatOptions {
  dataDir: string;
  /** MEDLINK_DATABASE_URL: when set, this seat uses that server whatever seat.json says. */
  databaseUrl?: string;
  createApp(options: AppOptions): Promise<MedLinkApp>;
  /** The rest of createApp's options (key file and its protection, native module, clock…). */
  appOptions: Omit<AppOptions, 'dataDir' | 'databaseUrl' | 'seat' | 'log' | 'enrolKey'>;
  log(message: string): void;
}

/**
 * One computer's MedLink, whatever state its database is in. It answers every call from the moment it starts:
 * with the clinic's own dispatcher once the database is open, until then with UNAVAILABLE and what to check.
 */
export interface Seat {
  dispatch: Dispatch;
  /** A screen's live feed, from the clinic's app once its database is open (until then UNAVAILABLE: the screen tries again). */
  watch: Watch;
  /** Resolves once the clinic's database is open; rejects when it cannot be without a restart, or on close. */
  whenReady(): Promise<void>;
  /** The open clinic (null until it is): for the start-up work of the process that runs this seat (demo data). */
  ready(): Pick<MedLinkApp, 'dispatch' | 'deps'> | null;
  /** Stops retrying, waits for the calls in progress, stops the background work and closes the database. */
  close(): Promise<void>;
  /** The clinic's own video hosts (its Jitsi server) the system browser may open; none until the database is open. */
  externalHosts(): Promise<string[]>;
}

/** The wait before each retry while the server cannot be reached: quick at first, then every 15 s. */
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000];
/** A call asks for an attempt now (a "Try again now") unless one ended this recently. */
const MIN_GAP_MS = 1_000;

type Openable = Exclude<DatabaseChoice, { kind: 'invalid' }>;
type Tracked = ReturnType<typeof tracked>;
type Opening = { kind: 'opening'; choice: Openable; attempt?: Promise<void> };
type State =
  | Opening
  | { kind: 'waiting'; choice: Openable; problem: string }
  | { kind: 'failed'; problem: string }
  /** This computer's own encrypted database, which no key it holds opens: only enrolment answers. */
  | { kind: 'locked'; problem: string }
  | { kind: 'ready'; app: Tracked }
  | { kind: 'closed' };

/** An app and the calls it is answering, so that it is closed only after they have finished. */
function tracked(app: MedLinkApp) {
  let calls = 0;
  let idle: (() => void) | null = null;
  return {
    deps: app.deps,
    async dispatch(...args: Parameters<Dispatch>) {
      calls++;
      try {
        return await app.dispatch(...args);
      } finally {
        if (--calls === 0) idle?.();
      }
    },
    watch: app.watch,
    async close() {
      if (calls > 0) await new Promise<void>((resolve) => (idle = resolve));
      await app.close();
    },
    externalHosts: () => app.externalHosts(),
  };
}

const unavailable = (message: string): Result<never> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

export function startSeat(options: SeatOptions): Seat {
  const { dataDir, log } = options;
  let state: State = { kind: 'closed' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let lastEnded = 0;
  let lastReported = '';
  let closing: Promise<void> | undefined;
  const retiring = new Set<Promise<void>>();
  const waiters: { resolve(): void; reject(e: Error): void }[] = [];

  const seat: SeatSwitch = {
    check: (server) => checkServer(server, (databaseUrl) => options.createApp({ ...options.appOptions, dataDir, databaseUrl, log })),
    switchTo(server) {
      saveSeatFile(dataDir, server);
      const previous = state.kind === 'ready' ? state.app : null;
      open(chooseDatabase(dataDir, options.databaseUrl));
      // The call that asked is still finishing on the old database; it closes once that call has.
      if (previous) retire(previous);
    },
    replaceClinic(replace, opened) {
      const previous = state.kind === 'ready' ? state.app : null;
      const choice = chooseDatabase(dataDir, options.databaseUrl);
      if (choice.kind === 'invalid') return fail(choice.problem);
      const opening: Opening = { kind: 'opening', choice };
      state = opening;
      opening.attempt = (async () => {
        // After the call that asked has finished (close waits for it): nothing may hold the database being replaced.
        await previous?.close().catch((e: unknown) => log(`Closing the clinic before a restore failed: ${String(e)}`));
        const replaced = await replace().catch(
          (e: unknown) => (log(`Restoring from the backup failed; the clinic that was here is kept: ${(e as Error).message}`), null),
        );
        if (state !== opening) return;
        await attempt(opening);
        const now = state as State;
        if (!replaced) return;
        if (now.kind === 'ready') return void (await opened(now.app.deps).catch((e: unknown) => log(`Recording the restore failed: ${String(e)}`)));
        log('The restored clinic did not open; the clinic that was here is put back.');
        clearTimeout(timer);
        replaced.undo();
        open(choice);
        await (state as State & { attempt?: Promise<void> }).attempt;
      })();
    },
  };

  function report(message: string) {
    if (message !== lastReported) log(message);
    lastReported = message;
  }

  function settle(problem?: string) {
    for (const w of waiters.splice(0)) {
      if (problem) w.reject(new Error(problem));
      else w.resolve();
    }
  }

  function fail(problem: string) {
    state = { kind: 'failed', problem };
    report(problem);
    settle(problem);
  }

  function retire(app: Tracked) {
    const done: Promise<void> = app
      .close()
      .catch((e: unknown) => log(`Closing the previous database failed: ${String(e)}`))
      .finally(() => retiring.delete(done));
    retiring.add(done);
  }

  function open(choice: DatabaseChoice): void {
    clearTimeout(timer);
    if (choice.kind === 'invalid') return fail(choice.problem);
    const opening: Opening = { kind: 'opening', choice };
    state = opening;
    opening.attempt = attempt(opening);
  }

  async function attempt(opening: Opening): Promise<void> {
    const { choice } = opening;
    let app: MedLinkApp;
    try {
      app = await options.createApp({ ...options.appOptions, dataDir, databaseUrl: choice.kind === 'postgres' ? choice.url : undefined, log, seat });
    } catch (e) {
      lastEnded = Date.now();
      if (state !== opening) return;
      if (e instanceof DatabaseLockedError) {
        const problem = `${e.message} An administrator enrols it with the clinic's recovery code.`;
        state = { kind: 'locked', problem };
        report(problem);
        settle(problem);
        return;
      }
      const problem = startProblem(e, choice, dataDir);
      if (!problem.retry) return fail(problem.message);
      report(problem.message);
      state = { kind: 'waiting', choice, problem: problem.message };
      timer = setTimeout(() => open(choice), RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
      return;
    }
    lastEnded = Date.now();
    // Closed (or moved to another database) while this attempt was on its way.
    if (state !== opening) return closeLate(app);
    if (failures > 0 && choice.kind === 'postgres') log(`The clinic's database server at ${serverLocation(choice.url)} answers again.`);
    failures = 0;
    becomeReady(app);
  }

  function becomeReady(app: MedLinkApp) {
    lastReported = '';
    state = { kind: 'ready', app: tracked(app) };
    app.startBackground();
    settle();
  }

  const closeLate = (app: MedLinkApp) => app.close().catch((e: unknown) => log(`Closing a database opened too late failed: ${String(e)}`));

  /** Enrolment of a locked seat: the database opened with the recovery code's key, then enrolled as any seat is. */
  async function enrolLocked(locked: State, key: Buffer, input: ParsedInput<'clinicKey.enrol'>): Promise<Result<unknown>> {
    let app: MedLinkApp;
    try {
      app = await options.createApp({ ...options.appOptions, dataDir, log, seat, enrolKey: key });
    } catch (e) {
      if (e instanceof NotThisClinicError) return refusal(otherClinic());
      log(`Enrolling this computer failed: ${String(e)}`);
      return unavailable(`MedLink could not open the clinic's database in ${dataDir} (${(e as Error).message}).`);
    }
    const result = await app.dispatch('clinicKey.enrol', input);
    // Refused, or another window's enrolment (or closing) came first: this opening is not needed.
    if (result.ok && state === locked) becomeReady(app);
    else await closeLate(app);
    return result;
  }

  const dispatch: Dispatch = async (channel, input, token) => {
    for (;;) {
      const now = state;
      switch (now.kind) {
        case 'ready':
          return now.app.dispatch(channel, input, token);
        case 'opening':
          await now.attempt;
          continue;
        case 'waiting':
          if (Date.now() - lastEnded < MIN_GAP_MS) return unavailable(now.problem);
          // Someone is waiting for an answer: try now rather than at the next turn.
          open(now.choice);
          continue;
        case 'failed':
          return unavailable(now.problem);
        case 'locked':
          return lockedAnswer(channel, input, (key, enrol) => enrolLocked(now, key, enrol));
        case 'closed':
          return unavailable('MedLink is closing.');
      }
    }
  };

  const watch: Watch = async (token, lastEventId, feed) => {
    if (state.kind === 'ready') return state.app.watch(token, lastEventId, feed);
    return unavailable(state.kind === 'waiting' || state.kind === 'failed' ? state.problem : 'MedLink is starting.');
  };

  open(chooseDatabase(dataDir, options.databaseUrl));

  return {
    dispatch,
    ready: () => (state.kind === 'ready' ? state.app : null),
    watch,
    whenReady() {
      if (state.kind === 'ready') return Promise.resolve();
      if (state.kind === 'failed' || state.kind === 'locked') return Promise.reject(new Error(state.problem));
      if (state.kind === 'closed') return Promise.reject(new Error('MedLink is closing.'));
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    externalHosts: () => (state.kind === 'ready' ? state.app.externalHosts() : Promise.resolve([])),
    close: () =>
      (closing ??= (async () => {
        const was = state;
        state = { kind: 'closed' };
        clearTimeout(timer);
        settle('MedLink is closing.');
        // An attempt on its way closes what it opens, seeing the seat closed.
        if (was.kind === 'opening') await was.attempt;
        if (was.kind === 'ready') await was.app.close();
        await Promise.all(retiring);
      })()),
  };
}
