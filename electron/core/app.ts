import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileAuditStore } from './audit/audit.store';
import { BCRYPT_COST } from './auth/passwords';
import { systemClock, type Clock, type Deps } from './context';
import { migrate } from './db/migrations/index';
import { connectionProblem, isUnreachable, openDatabase, SQLITE_FILE, type DbConfig } from './db/dialects';
import { createDispatcher, type Dispatch } from './dispatcher';
import { databaseFileStore } from './files/db-file-store';
import { diskFileStore } from './files/file-store';
import { createLiveBus } from './live/bus';
import { announceNow, mailChange } from './live/changes';
import { createWatch, type Watch } from './live/watch';
import { kioskSeat, type KioskSeat } from './kiosk/kiosk-seat';
import { transportFromSettings } from './mail/mail-settings';
import { createSender, type SenderOptions } from './outbox/sender';
import type { Worker, WorkerTuning } from './queue/worker';
import { createJobWorker } from './jobs/jobs.service';
import { createGoogleService } from './video/google-client';
import { GOOGLE_ENDPOINTS, type GoogleEndpoints } from './video/google-endpoints';
import { videoJobHandlers } from './video/video-jobs';
import { waitlistJobHandlers } from './waitlist/offers';
import { clinicVideoHosts } from './video/video-settings';
import type { SmtpConfig, Transport } from './outbox/smtp';
import type { SeatSwitch } from './seat/seat-switch';
import { openKeyring } from './secrets/clinic-key.service';
import { createKeyring } from './secrets/keyring';
import { databaseKey, sqliteClinicKey } from './secrets/database-key';
import { moveOldKeyFile, seatKeyFile, type KeyProtection } from './secrets/seat-key';
import { sealOldFiles } from './files/seal-old-files';
import { uploadStore } from './uploads/upload-store';
import { trashSweeper } from './records/trash-sweeper';
import { monitoringSweeper } from './monitoring/sweeper';
import { createBackups, type BackupSource } from './backup/backup.service';
import { backupBeforeMigration } from './backup/before-migration';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  bcryptCost?: number;
  log?: (message: string) => void;
  nativeBinding?: string;
  /** postgres://… for a multi-seat clinic; without it the clinic lives in an SQLite file in the data folder. */
  databaseUrl?: string;
  /**
   * This seat's copy of the clinic key: a file outside the data folder (keyFileFor: MEDLINK_KEY_FILE or a folder
   * of the user's own). Always given, so no test or tool can write a key anywhere it did not choose.
   */
  keyFile: string;
  /** How this seat protects its copy of the clinic key: the Electron main process passes safeStorage; default: an owner-only file. */
  keyProtection?: KeyProtection;
  /** Benchmarks only (bench/booking-encrypted): the SQLite database left unencrypted, to measure what encryption costs. */
  plainDatabaseForBenchmark?: boolean;
  /** The clinic key from a recovery code, to open a single-seat clinic's encrypted database this seat holds no key for (enrolment, seat/locked-seat.ts). */
  enrolKey?: Buffer;
  /** The seat running this app (electron/core/seat), which the first run may point at the clinic's database server. */
  seat?: SeatSwitch;
  /** Whether this computer is a kiosk; default: as its data folder's setting says (the Electron and browser-mode entries add --kiosk). */
  kiosk?: KioskSeat;
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
  /** A signed-in screen's live feed of what changed (browser mode's event stream, Electron's IPC events). */
  watch: Watch;
  deps: Deps;
  /** Delivers the outbox; tests call sender.runOnce() themselves instead of starting the loop. */
  sender: Worker;
  /** Does the jobs (calls to Google); tests call jobs.runOnce() themselves. */
  jobs: Worker;
  /** Removes records kept in the trash past their 30 days (the background work does it every hour); returns how many. */
  purgeTrash(): Promise<number>;
  /** Raises missed-schedule alerts and sends waiting alert digests (the background work does it every 5 minutes). */
  sweepMonitoring(): Promise<{ missed: number; digests: number; reminders: number }>;
  /** Starts the background work (the mail sender's and the jobs' loops, the trash's and monitoring's sweeps). */
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
  const log = options.log ?? ((m: string) => console.error(m));
  const seatKey = seatKeyFile(options.keyFile, options.keyProtection);
  moveOldKeyFile(options.dataDir, seatKey, options.keyProtection);
  let config: DbConfig;
  if (options.databaseUrl) {
    config = { kind: 'postgres', url: options.databaseUrl };
  } else {
    const file = join(options.dataDir, SQLITE_FILE);
    const key = options.plainDatabaseForBenchmark ? undefined : databaseKey(sqliteClinicKey(file, options.dataDir, seatKey, options.enrolKey, options.nativeBinding));
    config = { kind: 'sqlite', file, key, nativeBinding: options.nativeBinding };
    // The database is made owner-only before SQLite first opens it: its WAL and shared-memory files take its mode.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const { kysely: db, dialect } = openDatabase(config);
  const fileKey = config.kind === 'sqlite' ? config.key : undefined;
  const fileSource: BackupSource | null =
    config.kind === 'sqlite' && fileKey ? { dataDir: options.dataDir, databaseKey: () => fileKey, database: { kind: 'sqlite', file: config.file }, nativeBinding: options.nativeBinding } : null;
  let migrationBackup: Awaited<ReturnType<typeof backupBeforeMigration>> = null;
  try {
    // On a server the clinic key is opened from the database after its migrations: the server's own backups cover an update (README).
    if (fileSource) migrationBackup = await backupBeforeMigration(db, fileSource, clock.now(), log);
    await migrate(db, dialect, clock.now());
  } catch (e) {
    await db.destroy();
    const problem = config.kind === 'postgres' ? connectionProblem(e, config.url) : null;
    if (problem) throw new Error(problem, { cause: e });
    if (isUnreachable(e)) throw new Error(`The clinic's database server cannot be reached (${(e as Error).message}). Check the network and the server, then start MedLink again.`, { cause: e });
    throw e;
  }
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
    files: dialect === 'postgres' ? databaseFileStore(db, clock, keyring.recordsKey, log) : diskFileStore(options.dataDir, clock, keyring.recordsKey, log),
    live: createLiveBus(),
    kiosk: options.kiosk ?? kioskSeat(options.dataDir),
    seat: options.seat,
    uploads: uploadStore(options.dataDir),
    backups: createBackups(
      () => deps,
      dialect === 'postgres'
        ? { dataDir: options.dataDir, databaseKey: () => databaseKey(keyring.clinicKey()), database: { kind: 'postgres', db }, nativeBinding: options.nativeBinding }
        : fileSource,
    ),
  };
  if (migrationBackup) await deps.backups.recordAttempt(migrationBackup);
  // Files kept before sealing began are sealed before anything reads them (a seat enrolled later finds them sealed).
  if (keyring.enrolled) await sealOldFiles(deps);
  else keyring.whenEnrolled(() => void sealOldFiles(deps).catch((e: unknown) => log(`file store: sealing older files failed: ${String(e)}`)));
  const live = createWatch(deps, { databaseUrl: options.databaseUrl });
  const { createTransport, stopGraceMs, ...tuning } = options.mail ?? {};
  const transports = transportFromSettings(db, keyring.secrets, createTransport);
  const sender = createSender({
    db, dialect, clock, log: deps.log, files: deps.files, transport: transports.get, ...tuning,
    onOutcome: () => void announceNow(deps, [mailChange(null)]).catch((e: unknown) => log(`Telling the screens about sent mail failed: ${String(e)}`)),
  });
  const jobs = createJobWorker(deps, () => ({ ...videoJobHandlers(deps), ...waitlistJobHandlers(deps) }), options.google?.jobs);
  const trash = trashSweeper(deps);
  const monitoring = monitoringSweeper(deps);
  let closing: Promise<void> | undefined;
  return {
    dispatch: createDispatcher(deps),
    watch: live.watch,
    deps,
    sender,
    jobs,
    purgeTrash: trash.runOnce,
    sweepMonitoring: monitoring.runOnce,
    // A seat not yet enrolled cannot open the mail password, the Google tokens or the audit log: it starts once it is.
    startBackground: () =>
      keyring.whenEnrolled(() => {
        sender.start();
        jobs.start();
        trash.start();
        monitoring.start();
        deps.backups.start();
      }),
    externalHosts: () => clinicVideoHosts(db),
    close: () =>
      (closing ??= (async () => {
        trash.stop();
        monitoring.stop();
        await Promise.all([sender.stop(stopGraceMs), jobs.stop(stopGraceMs), deps.backups.stop()]);
        await deps.google.close();
        await live.close();
        transports.close();
        await deps.audit.flush();
        await db.destroy();
      })()),
  };
}
