// Dialect module: the only place that knows the embedded database is SQLite.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

export type DB = Kysely<Database>;

export interface SqliteOptions {
  /** Path of a better_sqlite3.node built for the running ABI (Electron and Node need different builds). */
  nativeBinding?: string;
}

export function openSqlite(file: string, options: SqliteOptions = {}): DB {
  const raw = new SQLite(file, { nativeBinding: options.nativeBinding });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // Whatever a person is told is saved must survive a power cut.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}
