import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileAuditStore } from './audit/audit.store';
import { BCRYPT_COST } from './auth/passwords';
import { systemClock, type Clock, type Deps } from './context';
import { migrate } from './db/migrations/index';
import { openSqlite } from './db/sqlite.dialect';
import { createDispatcher, type Dispatch } from './dispatcher';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  bcryptCost?: number;
  log?: (message: string) => void;
  nativeBinding?: string;
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
  const db = openSqlite(join(options.dataDir, 'medlink.sqlite'), { nativeBinding: options.nativeBinding });
  try {
    await migrate(db, clock.now());
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const deps: Deps = {
    db,
    clock,
    audit: fileAuditStore(options.dataDir),
    bcryptCost: options.bcryptCost ?? BCRYPT_COST,
    log: options.log ?? ((m) => console.error(m)),
  };
  return { dispatch: createDispatcher(deps), deps, close: () => db.destroy() };
}
