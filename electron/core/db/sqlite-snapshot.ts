// Dialect module, SQLite's half of backups (with sqlite-cipher.ts, the only other place that speaks SQLite).
// better-sqlite3's backup() cannot be used here: it writes through a connection of its own that cannot be keyed,
// and SQLite3 Multiple Ciphers refuses to copy encrypted pages into an unkeyed database ("incompatible source and
// target"). VACUUM INTO, on a connection of its own, reads one snapshot (a WAL reader: writers carry on) and writes
// the copy under the source's own cipher and key, so no plain page ever reaches the backup folder.
import SQLite from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { keyConnection } from './sqlite-cipher';

/** Writes a consistent, encrypted copy of the live database `file` to `target` (which must not exist). */
export function snapshotDatabase(file: string, key: Buffer, target: string, nativeBinding?: string): void {
  const raw = new SQLite(file, { nativeBinding, fileMustExist: true });
  try {
    keyConnection(raw, key);
    raw.pragma('busy_timeout = 5000');
    raw.prepare('vacuum into ?').run(target);
  } finally {
    raw.close();
  }
}

/**
 * A new encrypted SQLite file for a backup set written from PostgreSQL (backup/postgres-snapshot.ts). Rollback
 * journal rather than WAL, so the finished file is one part that opens read-only anywhere; foreign keys are not
 * enforced while the snapshot's tables are filled (their rows were consistent where they were read).
 */
export function openSnapshotFile(target: string, key: Buffer, nativeBinding?: string): Kysely<Database> {
  const raw = new SQLite(target, { nativeBinding });
  try {
    keyConnection(raw, key);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('foreign_keys = OFF');
    // The finished file is fsynced as a whole before the set counts (backup-set.ts).
    raw.pragma('synchronous = OFF');
  } catch (e) {
    raw.close();
    throw e;
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}

export interface DatabaseCheck {
  /** `ok`, or what SQLite's integrity_check found ('not checked' when not asked for). */
  integrity: string;
  /** Rows per table (sqlite_* tables excluded), by table name. */
  counts: Record<string, number>;
  /** The highest migration applied. */
  schemaVersion: number;
}

/**
 * Opens a copy read-only with the key, runs integrity_check (unless `integrity` is false: the counts alone, for a
 * copy that is checked in full later) and counts every table's rows. Throws WrongDatabaseKeyError
 * (sqlite-cipher.ts) when the key does not open it.
 */
export function checkDatabase(file: string, key: Buffer, nativeBinding?: string, integrity = true): DatabaseCheck {
  const raw = new SQLite(file, { nativeBinding, readonly: true, fileMustExist: true });
  try {
    keyConnection(raw, key);
    const found = integrity ? (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ') : 'not checked';
    const tables = raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").pluck().all() as string[];
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number(raw.prepare(`select count(*) from "${t.replaceAll('"', '""')}"`).pluck().get());
    const schemaVersion = tables.includes('schema_migrations') ? Number(raw.prepare('select coalesce(max(version), 0) from schema_migrations').pluck().get()) : 0;
    return { integrity: found, counts, schemaVersion };
  } finally {
    raw.close();
  }
}
