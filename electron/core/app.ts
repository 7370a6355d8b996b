import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileAuditStore } from './audit/audit.store';
import { BCRYPT_COST } from './auth/passwords';
import { systemClock, type Clock, type Deps } from './context';
import { migrate } from './db/migrations/index';
import { isUnreachable, openDatabase, type DbConfig } from './db/dialects';
import { createDispatcher, type Dispatch } from './dispatcher';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  bcryptCost?: number;
  log?: (message: string) => void;
  nativeBinding?: string;
  /** postgres://… for a multi-seat clinic; without it the clinic lives in an SQLite file in the data folder. */
  databaseUrl?: string;
}

export interface MedLinkApp {
  dispatch: Dispatch;
  deps: Deps;
  close(): Promise<void>;
}

/** Opens (creating if needed) a data folder: database migrated, audit key in place, dispatcher ready. */
export async function createApp(options: AppOptions): Promise<MedLinkApp> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const config: DbConfig = options.databaseUrl
    ? { kind: 'postgres', url: options.databaseUrl }
    : { kind: 'sqlite', file: join(options.dataDir, 'medlink.sqlite'), nativeBinding: options.nativeBinding };
  const { kysely: db, dialect } = openDatabase(config);
  try {
    await migrate(db, dialect, clock.now());
  } catch (e) {
    await db.destroy();
    if (isUnreachable(e)) throw new Error(`The clinic's database server cannot be reached (${(e as Error).message}). Check the network and the server, then start MedLink again.`);
    throw e;
  }
  const deps: Deps = {
    db,
    dialect,
    clock,
    audit: fileAuditStore(options.dataDir),
    bcryptCost: options.bcryptCost ?? BCRYPT_COST,
    log: options.log ?? ((m) => console.error(m)),
  };
  return { dispatch: createDispatcher(deps), deps, close: () => db.destroy() };
}
