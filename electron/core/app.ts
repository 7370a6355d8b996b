import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileAuditStore } from './audit/audit.store';
import { BCRYPT_COST } from './auth/passwords';
import { systemClock, type Clock, type Deps } from './context';
import { migrate } from './db/migrations/index';
import { connectionProblem, isUnreachable, openDatabase, type DbConfig } from './db/dialects';
import { createDispatcher, type Dispatch } from './dispatcher';
import { databaseFileStore } from './files/db-file-store';
import { diskFileStore } from './files/file-store';
import { transportFromSettings } from './mail/mail-settings';
import { createSender, type SenderOptions } from './outbox/sender';
import type { Worker, WorkerTuning } from './queue/worker';
import { createJobWorker } from './jobs/jobs.service';
import { createGoogleService } from './video/google-client';
import { GOOGLE_ENDPOINTS, type GoogleEndpoints } from './video/google-endpoints';
import { videoJobHandlers } from './video/video-jobs';
import { clinicVideoHosts } from './video/video-settings';
import type { SmtpConfig, Transport } from './outbox/smtp';
import type { SeatSwitch } from './seat/seat-switch';
import { openKeyring } from './secrets/clinic-key.service';
import { createKeyring } from './secrets/keyring';
import { seatKeyFile, type KeyProtection } from './secrets/seat-key';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  bcryptCost?: number;
  log?: (message: string) => void;
  nativeBinding?: string;
  /** postgres://… for a multi-seat clinic; without it the clinic lives in an SQLite file in the data folder. */
  databaseUrl?: string;
  /** How this seat protects its copy of the clinic key: the Electron main process passes safeStorage; default: an owner-only file. */
  keyProtection?: KeyProtection;
  /** The seat running this app (electron/core/seat), which the first run may point at the clinic's database server. */
  seat?: SeatSwitch;
  /** The mail sender's tuning; `createTransport` replaces nodemailer's SMTP transport (tests). */
  mail?: Partial<Pick<SenderOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'leaseMs' | 'intervalMs' | 'batch'>> & {
    createTransport?: (config: SmtpConfig) => Transport;
    /** How long close() waits for a send in progress to record its outcome (default 3 s). */
    stopGraceMs?: number;
  };
  /** Where Google is (tests: a fake on loopback), how long a connect attempt waits, and the jobs worker's tuning. */
  google?: { endpoints?: GoogleEndpoints; connectTimeoutMs?: number; jobs?: Partial<WorkerTuning> };
}

export interface MedLinkApp {
  dispatch: Dispatch;
  deps: Deps;
  /** Delivers the outbox; tests call sender.runOnce() themselves instead of starting the loop. */
  sender: Worker;
  /** Does the jobs (calls to Google); tests call jobs.runOnce() themselves. */
  jobs: Worker;
  /** Starts the background work (the mail sender's and the jobs' loops). */
  startBackground(): void;
  /** The hosts of the clinic's own video servers, which the system browser may open besides the known services. */
  externalHosts(): Promise<string[]>;
  /** Stops the background work, then closes the database. */
  close(): Promise<void>;
}

/** Opens (creating if needed) a data folder: database migrated, clinic key made or found, dispatcher ready. */
export async function createApp(options: AppOptions): Promise<MedLinkApp> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const config: DbConfig = options.databaseUrl
    ? { kind: 'postgres', url: options.databaseUrl }
    : { kind: 'sqlite', file: join(options.dataDir, 'medlink.sqlite'), nativeBinding: options.nativeBinding };
  // The database is made owner-only before SQLite first opens it: its WAL and shared-memory files take its mode.
  if (config.kind === 'sqlite') {
    closeSync(openSync(config.file, 'a', 0o600));
    chmodSync(config.file, 0o600);
  }
  const { kysely: db, dialect } = openDatabase(config);
  try {
    await migrate(db, dialect, clock.now());
  } catch (e) {
    await db.destroy();
    const problem = config.kind === 'postgres' ? connectionProblem(e, config.url) : null;
    if (problem) throw new Error(problem, { cause: e });
    if (isUnreachable(e)) throw new Error(`The clinic's database server cannot be reached (${(e as Error).message}). Check the network and the server, then start MedLink again.`, { cause: e });
    throw e;
  }
  const log = options.log ?? ((m: string) => console.error(m));
  const seatKey = seatKeyFile(options.dataDir, options.keyProtection);
  const keyring = createKeyring();
  try {
    await openKeyring(db, dialect, seatKey, keyring);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const deps: Deps = {
    db,
    dialect,
    clock,
    audit: fileAuditStore(options.dataDir, log, () => keyring.auditKey()),
    bcryptCost: options.bcryptCost ?? BCRYPT_COST,
    log,
    keyring,
    seatKey,
    wakeSender: () => sender.wake(),
    wakeJobs: () => jobs.wake(),
    google: createGoogleService(options.google?.endpoints ?? GOOGLE_ENDPOINTS, log, options.google?.connectTimeoutMs),
    // A multi-seat clinic keeps its files in its database, where every seat can read them; a single seat, in its data folder.
    files: dialect === 'postgres' ? databaseFileStore(db, clock, log) : diskFileStore(options.dataDir, clock, log),
    seat: options.seat,
  };
  const { createTransport, stopGraceMs, ...tuning } = options.mail ?? {};
  const transports = transportFromSettings(db, keyring.secrets, createTransport);
  const sender = createSender({ db, dialect, clock, log: deps.log, files: deps.files, transport: transports.get, ...tuning });
  const jobs = createJobWorker(deps, () => videoJobHandlers(deps), options.google?.jobs);
  let closing: Promise<void> | undefined;
  return {
    dispatch: createDispatcher(deps),
    deps,
    sender,
    jobs,
    // A seat not yet enrolled cannot open the mail password or the Google tokens: it starts once it is.
    startBackground: () =>
      keyring.whenEnrolled(() => {
        sender.start();
        jobs.start();
      }),
    externalHosts: () => clinicVideoHosts(db),
    close: () =>
      (closing ??= (async () => {
        await Promise.all([sender.stop(stopGraceMs), jobs.stop(stopGraceMs)]);
        await deps.google.close();
        transports.close();
        await deps.audit.flush();
        await db.destroy();
      })()),
  };
}
