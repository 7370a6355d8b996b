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
import { createSender, type Sender, type SenderOptions } from './outbox/sender';
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
}

export interface MedLinkApp {
  dispatch: Dispatch;
  deps: Deps;
  /** Delivers the outbox; tests call sender.runOnce() themselves instead of starting the loop. */
  sender: Sender;
  /** Starts the background work (the mail sender's loop). */
  startBackground(): void;
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
    // A multi-seat clinic keeps its files in its database, where every seat can read them; a single seat, in its data folder.
    files: dialect === 'postgres' ? databaseFileStore(db, clock, log) : diskFileStore(options.dataDir, clock, log),
    seat: options.seat,
  };
  const { createTransport, stopGraceMs, ...tuning } = options.mail ?? {};
  const transports = transportFromSettings(db, keyring.secrets, createTransport);
  const sender = createSender({ db, dialect, clock, log: deps.log, files: deps.files, transport: transports.get, ...tuning });
  let closing: Promise<void> | undefined;
  return {
    dispatch: createDispatcher(deps),
    deps,
    sender,
    // A seat not yet enrolled cannot open the mail password: it starts sending once it is.
    startBackground: () => keyring.whenEnrolled(() => sender.start()),
    close: () =>
      (closing ??= (async () => {
        await sender.stop(stopGraceMs);
        transports.close();
        await deps.audit.flush();
        await db.destroy();
      })()),
  };
}
