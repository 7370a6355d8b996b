// DIALECT-AWARE (both): moves a single-seat clinic's SQLite database into an empty PostgreSQL database, so the
// clinic can run multi-seat. It is the one place in the app that holds a SQLite and a PostgreSQL connection at
// once; the catalog queries it needs are in move-catalog.ts.
//
// Guarantees: nothing is written to the source (it is read inside a transaction that also keeps MedLink from
// writing meanwhile); the target gets its schema (the app's own migrations), every row, its identity sequences
// moved on, the per-table verification, and the data folder's files (moveFiles below) in ONE transaction, so a
// refusal or a mismatch leaves it empty.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { readSettings } from '../clinic/settings.repo';
import { openSealedKeys } from '../secrets/clinic-key.service';
import { databaseKey } from '../secrets/database-key';
import { seatKeyFile } from '../secrets/seat-key';
import { isUnreachable, openDatabase, SQLITE_FILE } from './dialects';
import { isPlainDatabase, opensWith } from './sqlite-cipher';
import { copyDiskFilesToDatabase, FileMoveError } from '../files/move-files';
import { dependencyOrder, postgresOccupants, postgresTables, resetIdentities, sqliteColumns, sqliteTables, type TargetTable } from './move-catalog';
import { LATEST_VERSION, migrate } from './migrations/index';
import type { Database } from './schema';
import { countRows, pages, summarize, type Row, type TableShape } from './table-content';

export interface MoveOptions {
  /** The clinic's data folder: medlink.sqlite and the files; it stays in use after the move (its audit head). */
  dataDir: string;
  /** This seat's clinic key file (keyFileFor), which opens the encrypted database and the files' records key; it stays in use after the move. */
  keyFile: string;
  /** postgres://… of an empty database the clinic will use from now on. */
  targetUrl: string;
  log?: (line: string) => void;
  /** A better_sqlite3.node for the running ABI, as for createApp. */
  nativeBinding?: string;
  /** Rows per insert and per read (default 500). */
  batchSize?: number;
  /** applied_at of the target's schema_migrations rows (default: now). */
  now?: Date;
}

export interface TableReport {
  name: string;
  rows: number;
  /** sha256 of the table's canonical content, equal on both sides (see table-content.ts). */
  hash: string;
}

export interface MoveReport {
  /**
   * Every table, parents first. `files` counts the rows of the SQLite `files` table (empty in a single-seat
   * clinic); the data folder's files that joined them in PostgreSQL are counted in `files` below.
   */
  tables: TableReport[];
  /** Files copied from the data folder's file store into the `files` table, each checked by sha256. */
  files: number;
}

export type MoveRefusal =
  | 'SOURCE_MISSING' | 'SOURCE_VERSION' | 'SOURCE_KEY' | 'SOURCE_BUSY' | 'TARGET_UNREACHABLE' | 'TARGET_NOT_EMPTY' | 'SCHEMA_MISMATCH' | 'CONTENT_MISMATCH' | 'FILE_DAMAGED';

/** The move did not happen; the message says why and what to do. The target is as it was. */
export class MoveRefusedError extends Error {
  constructor(
    readonly code: MoveRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'MoveRefusedError';
  }
}

export const TARGET_NOT_EMPTY = 'The target database is not empty; nothing was copied.';
/**
 * schema_migrations is written on the target by migrate() itself, at the time of the move: its versions are
 * compared (and hashed), its applied_at times are not copied over.
 */
const MIGRATIONS_TABLE = 'schema_migrations';

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

export async function moveToPostgres(options: MoveOptions): Promise<MoveReport> {
  const file = join(options.dataDir, SQLITE_FILE);
  if (!existsSync(file)) {
    throw new MoveRefusedError('SOURCE_MISSING', `There is no MedLink database in ${options.dataDir} (no ${SQLITE_FILE}). Check the data folder; nothing was copied.`);
  }
  return copyClinicIntoPostgres({ ...options, file, clinicKey: sourceKey(file, options), filesFrom: options.dataDir });
}

export interface CopyOptions extends Omit<MoveOptions, 'dataDir' | 'keyFile'> {
  /** The clinic's encrypted SQLite database, and the clinic key it opens with. */
  file: string;
  clinicKey: Buffer;
  /** The folder whose `files` folder holds the clinic's files as a single-seat clinic keeps them (a data folder, a backup set). */
  filesFrom: string;
}

/**
 * The move itself: the clinic in `file` (and its files in `filesFrom`) copied into the empty database at
 * `targetUrl` and verified, in one transaction. Also restores a backup set onto a server (backup/restore-postgres.ts).
 */
export async function copyClinicIntoPostgres(options: CopyOptions): Promise<MoveReport> {
  const log = options.log ?? (() => undefined);
  const { file, filesFrom } = options;
  const source = openDatabase({ kind: 'sqlite', file, key: databaseKey(options.clinicKey), nativeBinding: options.nativeBinding });
  let report: MoveReport;
  try {
    await checkSourceVersion(source.kysely, file);
    const recordsKey = openSealedKeys(options.clinicKey, await readSettings(source.kysely))?.records;
    if (!recordsKey) throw new MoveRefusedError('SOURCE_VERSION', `The clinic in ${filesFrom} has no records key yet. Open it once with this MedLink, close it, then run the move again. Nothing was copied.`);
    const target = openDatabase({ kind: 'postgres', url: options.targetUrl });
    try {
      log(`Moving the clinic in ${filesFrom} into ${redactUrl(options.targetUrl)}…`);
      // BEGIN IMMEDIATE on the source: a stable snapshot, and no MedLink on this computer writes meanwhile.
      report = await source.kysely.transaction().execute((src) =>
        target.kysely.transaction().execute((trx) => copyAndVerify(src, trx, options, recordsKey)),
      );
    } catch (e) {
      if (isUnreachable(e)) {
        throw new MoveRefusedError('TARGET_UNREACHABLE', `The database server cannot be reached (${(e as Error).message}); nothing was copied.`);
      }
      if ((e as { code?: string }).code === 'SQLITE_BUSY') {
        throw new MoveRefusedError('SOURCE_BUSY', 'The clinic database is in use. Close MedLink on this computer, then run the move again; nothing was copied.');
      }
      throw e;
    } finally {
      await target.kysely.destroy();
    }
  } finally {
    await source.kysely.destroy();
  }
  for (const t of report.tables) log(`${t.name}: ${t.rows} rows, hash ok`);
  log(`files: ${report.files} from the data folder copied into the files table, sha256 ok`);
  return report;
}

/** The clinic key that opens the encrypted SQLite database, from this seat's key file. */
function sourceKey(file: string, options: MoveOptions): Buffer {
  if (isPlainDatabase(file)) {
    throw new MoveRefusedError('SOURCE_VERSION', `The clinic's database in ${options.dataDir} is not yet encrypted. Open it once with this MedLink (which encrypts it), close it, then run the move again. Nothing was copied.`);
  }
  const key = seatKeyFile(options.keyFile).read();
  if (!key || !opensWith(file, databaseKey(key), options.nativeBinding)) {
    throw new MoveRefusedError(
      'SOURCE_KEY',
      `The clinic key in ${options.keyFile} does not open the database in ${options.dataDir}. Name this computer's key file with --key-file (or MEDLINK_KEY_FILE); ` +
        "a key kept in the desktop app's keychain cannot be read by this command. Nothing was copied.",
    );
  }
  return key;
}

async function checkSourceVersion(db: Kysely<Database>, file: string): Promise<void> {
  if (!(await sqliteTables(db)).includes(MIGRATIONS_TABLE)) {
    throw new MoveRefusedError('SOURCE_VERSION', `${file} is not a MedLink database (it has no ${MIGRATIONS_TABLE}); nothing was copied.`);
  }
  const row = await db.selectFrom(MIGRATIONS_TABLE).select(sql<number | null>`max(version)`.as('v')).executeTakeFirst();
  const version = Number(row?.v ?? 0);
  if (version < LATEST_VERSION) {
    throw new MoveRefusedError(
      'SOURCE_VERSION',
      `The clinic's database is at version ${version}, not ${LATEST_VERSION} (this MedLink's). Open the clinic once with this MedLink, ` +
        'which brings the database up to date, close it, then run the move again. Nothing was copied.',
    );
  }
  if (version > LATEST_VERSION) {
    throw new MoveRefusedError(
      'SOURCE_VERSION',
      `The clinic's database was written by a newer MedLink (version ${version}; this copy knows up to ${LATEST_VERSION}). Run the move with that MedLink. Nothing was copied.`,
    );
  }
}

/** Inside the target's transaction: refuse a non-empty target, create the schema, copy, move sequences on, verify, add the files. */
async function copyAndVerify(src: Transaction<Database>, trx: Transaction<Database>, options: CopyOptions, recordsKey: Buffer): Promise<MoveReport> {
  const batch = options.batchSize ?? 500;
  // The app's pool limits statements to 15 s and idle transactions to 30 s; a large clinic may need longer.
  await sql`set local statement_timeout = 0`.execute(trx);
  await sql`set local idle_in_transaction_session_timeout = 0`.execute(trx);
  // Two moves into one database at once: the second waits here, then finds the first one's tables.
  await sql`select pg_advisory_xact_lock(hashtext('medlink.move-to-postgres'))`.execute(trx);

  const sourceTables = await sqliteTables(src);
  const occupants = await postgresOccupants(trx, sourceTables);
  if (occupants.length > 0) {
    const named = occupants.length > 5 ? `${occupants.slice(0, 5).join(', ')} and ${occupants.length - 5} more` : occupants.join(', ');
    throw new MoveRefusedError('TARGET_NOT_EMPTY', `${TARGET_NOT_EMPTY} It already holds ${named}. Move the clinic into a new, empty database.`);
  }

  await migrate(insideTransaction(trx), 'postgres', options.now ?? new Date());
  const targetTables = await postgresTables(trx);
  await checkSameSchema(src, sourceTables, targetTables);
  const order = dependencyOrder(targetTables);

  const s = src as unknown as Kysely<any>;
  const t = trx as unknown as Kysely<any>;
  // Migrations seed some rows (the counters, at zero); the clinic's own rows replace them. Children first.
  for (const name of [...order].reverse()) {
    if (name !== MIGRATIONS_TABLE) await t.deleteFrom(name).execute();
  }
  for (const name of order) {
    if (name !== MIGRATIONS_TABLE) await copyTable(s, t, targetTables.get(name)!, batch);
  }
  await resetIdentities(t, targetTables.values());

  const report: TableReport[] = [];
  for (const name of order) {
    const table = targetTables.get(name)!;
    // The target wrote its own applied_at: compare the versions only.
    const shape: TableShape = name === MIGRATIONS_TABLE ? { ...table, columns: ['version'] } : table;
    const [sourceCount, targetCount] = [await countRows(s, name), await countRows(t, name)];
    const before = await summarize(s, 'sqlite', shape, batch);
    const after = await summarize(t, 'postgres', shape, batch);
    if (sourceCount !== targetCount || before.rows !== sourceCount || after.rows !== targetCount) {
      throw new MoveRefusedError('CONTENT_MISMATCH', `${name}: ${sourceCount} rows in SQLite but ${targetCount} in PostgreSQL. Nothing was copied.`);
    }
    if (before.hash !== after.hash) {
      throw new MoveRefusedError('CONTENT_MISMATCH', `${name}: the rows differ between SQLite and PostgreSQL (content hash). Nothing was copied.`);
    }
    report.push({ name, rows: targetCount, hash: after.hash });
  }

  // After the tables' check, which compares the SQLite files table with its copy before these join it.
  return { tables: report, files: await moveFiles(options.filesFrom, trx, recordsKey) };
}

/**
 * THE PLACE WHERE FILES MOVE. A single-seat clinic keeps its files (doctors' photos) in the data folder's disk
 * store; a multi-seat clinic in the `files` table, so every seat sees them. The file store's own copier puts
 * each file in under the same id (so the rows naming it still do) and checks its sha256 before and after,
 * here inside the move's transaction. The data folder is only read.
 */
async function moveFiles(dataDir: string, trx: Transaction<Database>, recordsKey: Buffer): Promise<number> {
  try {
    return await copyDiskFilesToDatabase(dataDir, trx, recordsKey);
  } catch (e) {
    if (e instanceof FileMoveError) {
      throw new MoveRefusedError('FILE_DAMAGED', `${e.message} Restore the file from a backup, or delete it and its .json description (MedLink then shows no picture there), and run the move again.`);
    }
    throw e;
  }
}

/**
 * migrate() runs its migrations in a transaction of its own; this hands it ours instead, so the schema and the
 * rows commit together or not at all (PostgreSQL's DDL is transactional).
 */
function insideTransaction(trx: Transaction<Database>): Kysely<Database> {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(fn: (t: Transaction<Database>) => Promise<T>) => fn(target) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The same tables with the same columns on both sides, or no move: a hand-made table would be lost silently. */
async function checkSameSchema(src: Kysely<any>, sourceTables: string[], target: Map<string, TargetTable>): Promise<void> {
  const targetNames = [...target.keys()].sort();
  const onlySource = sourceTables.filter((n) => !target.has(n));
  const onlyTarget = targetNames.filter((n) => !sourceTables.includes(n));
  if (onlySource.length > 0 || onlyTarget.length > 0) {
    throw new MoveRefusedError(
      'SCHEMA_MISMATCH',
      `The clinic's tables do not match this MedLink's schema (only in SQLite: ${onlySource.join(', ') || 'none'}; only in PostgreSQL: ${onlyTarget.join(', ') || 'none'}). Nothing was copied.`,
    );
  }
  for (const name of sourceTables) {
    const columns = await sqliteColumns(src, name);
    const expected = [...target.get(name)!.columns].sort();
    if (columns.join(',') !== expected.join(',')) {
      throw new MoveRefusedError('SCHEMA_MISMATCH', `The columns of ${name} differ (SQLite: ${columns.join(', ')}; PostgreSQL: ${expected.join(', ')}). Nothing was copied.`);
    }
  }
}

/**
 * One table, in key order and in batches. A column referencing its own table (a walk-in merged into a later
 * record) is inserted empty and filled in once every row of the table is there.
 */
async function copyTable(src: Kysely<any>, trx: Kysely<any>, table: TargetTable, batchSize: number): Promise<void> {
  // PostgreSQL takes at most 65,535 parameters per statement.
  const batch = Math.max(1, Math.min(batchSize, Math.floor(60_000 / table.columns.length)));
  const later: { key: Row; values: Row }[] = [];
  for await (const rows of pages(src, 'sqlite', table, batch)) {
    const values = rows.map((row) => {
      if (table.selfReferences.length === 0) return row;
      const deferred: Row = {};
      const copy = { ...row };
      for (const column of table.selfReferences) {
        if (copy[column] === null) continue;
        deferred[column] = copy[column];
        copy[column] = null;
      }
      if (Object.keys(deferred).length > 0) later.push({ key: Object.fromEntries(table.key.map((k) => [k, row[k]])), values: deferred });
      return copy;
    });
    await trx.insertInto(table.name).values(values).execute();
  }
  for (const { key, values } of later) {
    let update = trx.updateTable(table.name).set(values);
    for (const [column, value] of Object.entries(key)) update = update.where(column, '=', value);
    await update.execute();
  }
}
