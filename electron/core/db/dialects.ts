// Dialect module: the only place that knows which database is underneath. Everything else speaks Kysely.
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, SqliteDriver, type ColumnDefinitionBuilder, type SqliteDialectConfig, type DatabaseConnection, type SelectQueryBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface DB {
  kysely: Kysely<Database>;
  dialect: DialectName;
}

export type DbConfig =
  | { kind: 'sqlite'; file: string; /** A better_sqlite3.node for the running ABI (Electron and Node differ). */ nativeBinding?: string }
  /** postgres://user:pass@host:port/db?sslmode=verify-full&sslrootcert=/path/ca.pem */
  | { kind: 'postgres'; url: string };

/** BEGIN IMMEDIATE: a transaction takes the write lock at its start, so read-then-write never deadlocks. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.settings);
  }
}

function openSqlite(file: string, nativeBinding?: string): Kysely<Database> {
  const raw = new SQLite(file, { nativeBinding });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // Whatever a person is told is saved must survive a power cut.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
}

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    // A call that waits this long is not coming back; the person is told and nothing is half-saved.
    statement_timeout: 15_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: 'MedLink',
  });
  // A dropped idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(config: DbConfig): DB {
  return config.kind === 'sqlite'
    ? { kysely: openSqlite(config.file, config.nativeBinding), dialect: 'sqlite' }
    : { kysely: openPostgres(config.url), dialect: 'postgres' };
}

/** An auto-numbered primary key. */
export const idColumn = (dialect: DialectName) => (c: ColumnDefinitionBuilder) =>
  dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

/**
 * Serialises the transactions that name the same key (the audit chain, one doctor's diary) across every
 * seat, until the transaction ends. SQLite's BEGIN IMMEDIATE already holds the only write lock;
 * PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function serialize(trx: Kysely<Database>, dialect: DialectName, key: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/**
 * DIALECT-SPECIFIC: the row lock of a queue claim (`update … where id in (select … <here>)`). On PostgreSQL
 * the select locks the rows it picks and skips rows another seat's claim holds (FOR UPDATE SKIP LOCKED), so two
 * senders on one database never take the same row and never wait for each other. SQLite has one writer at a
 * time and runs the whole update under it, so it needs (and has) no such clause.
 */
export function skipLockedRows<Q extends SelectQueryBuilder<any, any, any>>(select: Q, dialect: DialectName): Q {
  return dialect === 'postgres' ? (select.forUpdate().skipLocked() as Q) : select;
}

/** True when an error means the database server could not be reached (as opposed to a refused query). */
export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006'].includes(code ?? '') ||
    /timeout exceeded when trying to connect|Connection terminated/i.test((e as Error | null)?.message ?? '')
  );
}
