// Dialect module: the only place that knows which database is underneath. Everything else speaks Kysely.
import SQLite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, Kysely, type Compilable, PostgresAdapter, PostgresDialect, sql, SqliteDialect, SqliteDriver, type ColumnDefinitionBuilder, type SqliteDialectConfig, type SqliteDatabase, type DatabaseConnection, type DeleteQueryBuilder, type InsertQueryBuilder, type QueryCreator, type SelectQueryBuilder, type UpdateQueryBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import pg from 'pg';
import type { Database } from './schema';
import { keyConnection } from './sqlite-cipher';

export type DialectName = 'sqlite' | 'postgres';

/** The file in the data folder that holds a single-seat clinic's database. */
export const SQLITE_FILE = 'medlink.sqlite';

export interface DB {
  kysely: Kysely<Database>;
  dialect: DialectName;
}

export type DbConfig =
  | {
      kind: 'sqlite';
      file: string;
      /** The database's own key (derived from the clinic key), 32 bytes; without it the file is opened plain (the move command's tests, benchmarks' baselines). */
      key?: Buffer;
      /** A better_sqlite3.node for the running ABI (Electron and Node differ). */
      nativeBinding?: string;
    }
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

/** Distinct statements kept prepared; the app issues a few hundred shapes, so this bounds only odd `in (…)` lengths. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query it runs; preparing costs about as much as running a small one (a booking runs
 * some thirty). The same SQL text gets its prepared statement back instead, most recently used kept. A statement
 * an open iterator still holds (a streamed select) is never handed out twice: that query gets a fresh one.
 */
function withStatementCache(raw: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = raw.prepare(sqlText);
      if (!hit) {
        cache.set(sqlText, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

function openSqlite(file: string, key: Buffer | undefined, nativeBinding?: string): Kysely<Database> {
  const raw = new SQLite(file, { nativeBinding });
  try {
    // The key before anything else reads or writes a page.
    if (key) keyConnection(raw, key);
  } catch (e) {
    raw.close();
    throw e;
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // Whatever a person is told is saved must survive a power cut.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }) });
}

/** Distinct statements named per process; beyond this (odd `in (…)` lengths) statements go unnamed. */
const NAMED_STATEMENTS = 2000;

/** Marks a write put off to the transaction's next statement or its commit (writeLater). */
const LATER = '/* later */ ';
/**
 * Marks a statement held to go, in the order held, in the message of the transaction's next one: serializedRead's
 * locks, and a list readTogether reads as plain rows (its answer the last of its values, as readAhead's).
 */
const HELD = '/* held */ ';
/** Asks for readAhead's statement to be sent now, alone, if it is still held. */
const AHEAD_NOW = '/* ahead now */ select 1';

/** readAhead's answer, given to the connection as the last of its statement's values (never sent). */
class Ahead<R = unknown> {
  sent = false;
  resolve!: (rows: R[]) => void;
  reject!: (e: unknown) => void;
  readonly rows = new Promise<R[]>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
  constructor() {
    // Whoever asks gets the failure; an answer nobody asks for (the call failed first) must not crash the process.
    this.rows.catch(() => undefined);
  }
}

/**
 * A statement that may run before a transaction's BEGIN: a read that takes no lock and tells no one (at read
 * committed it sees what it would see inside the transaction).
 */
const plainRead = (text: string) => /^select\b/i.test(text) && !/\bpg_advisory|\bpg_notify\b|\bfor (update|share|no key update|key share)\b/i.test(text);

type Sent = { text: string; values: unknown[] };
/** A statement to send, and who waits for its rows (a read ahead, a held list). */
type Item = { sent: Sent; answer?: Ahead };

/**
 * `values` written into `text` as the literals pg would send them as parameters (text, type left to the server
 * to infer, so the meaning is the same); null when one cannot be (binary data). The app's SQL has no `$n` but
 * its placeholders.
 */
function inlined({ text, values }: Sent): string | null {
  const literals = literalsOf(values);
  return literals && text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1]!);
}

/** The values as the literals pg would send as parameters, or null when one cannot be written so (binary data). */
function literalsOf(values: unknown[]): string[] | null {
  const literals: string[] = [];
  for (const v of values) {
    const p = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue(v);
    if (p === null) literals.push('NULL');
    else if (typeof p === 'string') literals.push(pg.escapeLiteral(p));
    else return null;
  }
  return literals;
}

const TUPLE = String.raw`\(\$\d+(?:, \$\d+)*\)`;
/** An insert of values only (no ON CONFLICT, no RETURNING): its head, and its rows' tuples of placeholders. */
const PLAIN_INSERT = new RegExp(String.raw`^(insert into [^()]+ \([^()]+\) values )(${TUPLE}(?:, ${TUPLE})*)$`);

/**
 * The writes a transaction put off (writeLater) as one statement: each a data-modifying WITH, and the put-off
 * selects (notifications) as the statement's own select. Plain inserts into the same columns become one insert of
 * several rows, in the order written: the rows of one statement's WITHs get their ids in no set order.
 */
function together(later: Sent[]): Sent {
  const writes = new Map<string, string>();
  const selects: string[] = [];
  const values: unknown[] = [];
  for (const q of later) {
    const offset = values.length;
    const text = q.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    values.push(...q.values);
    const insert = PLAIN_INSERT.exec(text);
    if (/^select\b/i.test(text)) selects.push(`(${text})`);
    else if (insert && writes.has(insert[1]!)) writes.set(insert[1]!, `${writes.get(insert[1]!)}, ${insert[2]}`);
    else if (insert) writes.set(insert[1]!, `${insert[1]}${insert[2]}`);
    else writes.set(String(writes.size), text);
  }
  const ctes = [...writes.values()].map((text, i) => `w${i} as (${text})`);
  const main = `select ${selects.length ? selects.join(', ') : '1'}`;
  return { text: ctes.length ? `with ${ctes.join(', ')} ${main}` : main, values };
}

/**
 * A connection that spares round trips (each costs 2–5 ms on a clinic's network):
 * - It names each parameterised statement by its text, so the server parses and plans it once per connection
 *   (pg prepares a named statement on first use) instead of on every call. A statement that goes in a message with
 *   others (below) is prepared there too, in SQL (PREPARE, once per connection, first in the message), and run as
 *   EXECUTE with its values written in: planning a big read from literals on every call cost up to 1.7 ms.
 * - A transaction's BEGIN waits for its first statement that needs it (a write, a lock) and goes with it, in one
 *   message (that statement's values written in as literals); the plain reads before it run on their own. A
 *   transaction that only reads sends no BEGIN and no COMMIT.
 * - The writes put off (writeLater) go with the transaction's next statement, or its COMMIT, in one message (as
 *   one statement before it, so it sees them); a rollback drops those not sent yet.
 * - A read ahead (readAhead) goes first in the message of the transaction's next statement, or alone when asked for.
 * - Statements held (the locks of serializedRead and lockWithNext, readTogether's list) go in the message of the
 *   transaction's next statement (a lock with its COMMIT at the latest): the locks, then the writes put off, then the list.
 */
class PreparingClient extends pg.Client {
  private static readonly names = new Map<string, string>();
  /** SQL-level names: the same namespace as pg's protocol-level ones on a connection, so named apart. */
  private static readonly sqlNames = new Map<string, string>();
  /** The SQL-level names prepared on this connection (PREPARE outlives a transaction rolled back). */
  private sqlPrepared = new Set<string>();
  /** A message with PREPAREs failed: which of them ran is read from the server before the next message. */
  private unsure = false;
  private state: 'idle' | 'beginning' | 'open' = 'idle';
  private later: Sent[] = [];
  private held: Item[] = [];
  private ahead: Required<Item> | null = null;

  private send(...args: unknown[]): Promise<pg.QueryResult> {
    return (super.query as unknown as (...a: unknown[]) => Promise<pg.QueryResult>).apply(this, args);
  }

  /**
   * The statements as one message, each with values run as EXECUTE of a statement prepared on this connection (its
   * PREPARE first in the message, the first time), or written in when it cannot be: the last one's result, and each
   * answer given its statement's rows. Null: a statement's values cannot be written in (binary data).
   */
  private async sendAll(items: Item[]): Promise<pg.QueryResult | null> {
    if (this.unsure) {
      const { rows } = await this.send("select name from pg_prepared_statements where name like 'medlink\\_sql\\_%'");
      this.sqlPrepared = new Set(rows.map((r: { name: string }) => r.name));
      this.unsure = false;
    }
    const prepares = new Map<string, string>();
    const texts: string[] = [];
    for (const { sent: s } of items) {
      const text = s.values.length > 0 ? this.executed(s, prepares) : s.text;
      if (text === null) return null;
      texts.push(text);
    }
    for (const name of prepares.keys()) this.sqlPrepared.add(name);
    try {
      const sent = (await this.send([...prepares.values(), ...texts].join('; '))) as pg.QueryResult | pg.QueryResult[];
      const results = Array.isArray(sent) ? sent : [sent];
      for (const [i, { answer }] of items.entries()) answer?.resolve(results[prepares.size + i]!.rows);
      return results[results.length - 1]!;
    } catch (e) {
      // The PREPAREs go first and one that fails stops the rest, so which ran is not known.
      if (prepares.size > 0) this.unsure = true;
      for (const { answer } of items) answer?.reject(e);
      throw e;
    }
  }

  /** `s` as an EXECUTE (its PREPARE added to `prepares` if this connection has not run it), or inlined; null if neither can be. */
  private executed(s: Sent, prepares: Map<string, string>): string | null {
    const literals = literalsOf(s.values);
    if (!literals) return null;
    const names = PreparingClient.sqlNames;
    let name = names.get(s.text);
    if (!name && names.size < NAMED_STATEMENTS) names.set(s.text, (name = `medlink_sql_${names.size + 1}`));
    if (!name) return inlined(s);
    if (!this.sqlPrepared.has(name)) prepares.set(name, `prepare ${name} as ${s.text}`);
    return `execute ${name}(${literals.join(', ')})`;
  }

  /** One statement alone, its answer given its rows. */
  private async sendOne({ sent, answer }: Item): Promise<pg.QueryResult> {
    try {
      const result = await (sent.values.length > 0 ? this.prepared(sent.text, sent.values) : this.send(sent.text));
      answer?.resolve(result.rows);
      return result;
    } catch (e) {
      answer?.reject(e);
      throw e;
    }
  }

  /** The read ahead held, if any, to go now: it is answered whatever becomes of the message it goes in. */
  private takeAhead(): Required<Item> | null {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead) ahead.answer.sent = true;
    return ahead;
  }

  private prepared(text: string, values: unknown[]): Promise<pg.QueryResult> {
    const names = PreparingClient.names;
    let name = names.get(text);
    if (!name && names.size < NAMED_STATEMENTS) names.set(text, (name = `medlink_${names.size + 1}`));
    return name ? this.send({ name, text, values }) : this.send(text, values);
  }

  private async transactionStatement(q: Sent): Promise<pg.QueryResult> {
    const answer = q.values.at(-1);
    if (q.text.startsWith(HELD)) {
      const held: Item = answer instanceof Ahead
        ? { sent: { text: q.text.slice(HELD.length), values: q.values.slice(0, -1) }, answer }
        : { sent: { text: q.text.slice(HELD.length), values: q.values } };
      if (this.state === 'idle') return this.sendOne(held);
      this.held.push(held);
      return { command: 'SELECT', rowCount: 0, rows: [], fields: [], oid: 0 };
    }
    if (answer instanceof Ahead) {
      this.ahead = { sent: { text: q.text, values: q.values.slice(0, -1) }, answer };
      return { command: 'SELECT', rowCount: 0, rows: [], fields: [], oid: 0 };
    }
    if (q.text === AHEAD_NOW) {
      const ahead = this.takeAhead();
      if (ahead) await this.sendOne(ahead);
      return { command: 'SELECT', rowCount: 0, rows: [], fields: [], oid: 0 };
    }
    const command = q.values.length === 0 ? q.text.trim().toLowerCase() : '';
    if (command === 'begin' && this.state === 'idle') {
      this.state = 'beginning';
      return { command: 'BEGIN', rowCount: null, rows: [], fields: [], oid: 0 };
    }
    // A transaction with settings (a snapshot's repeatable read, read only) is begun as asked, at once.
    if (command.startsWith('start transaction') || command.startsWith('begin')) {
      this.state = 'open';
      return this.send(q.text);
    }
    if (command === 'commit' || command === 'rollback') {
      const unsent = new Error('The transaction ended before its read was sent.');
      this.takeAhead()?.answer.reject(unsent);
      // What can be held still is a lock to go with the commit (lockWithNext).
      const locks = command === 'commit' ? this.held.filter((h) => !h.answer) : [];
      for (const { answer } of this.held) answer?.reject(unsent);
      const began = this.state === 'open';
      const later = command === 'commit' ? this.later : [];
      this.state = 'idle';
      this.later = [];
      this.held = [];
      if (later.length > 0) {
        const all = { sent: together(later) };
        try {
          const sent = await this.sendAll([...(began ? [] : [{ sent: { text: 'begin', values: [] } }]), ...locks, all, { sent: { text: 'commit', values: [] } }]);
          if (sent) return sent;
          if (!began) await this.send('begin');
          for (const item of [...locks, all]) await this.sendOne(item);
        } catch (e) {
          // A write refused leaves the transaction open on the server, failed; it ends here, as the caller's
          // ROLLBACK (which finds this connection idle) would have ended it.
          await this.send('rollback').catch(() => undefined);
          throw e;
        }
      }
      return began || later.length > 0 ? this.send(command) : { command: command.toUpperCase(), rowCount: null, rows: [], fields: [], oid: 0 };
    }
    if (q.text.startsWith(LATER) && this.state !== 'idle') {
      this.later.push({ text: q.text.slice(LATER.length), values: q.values });
      return { command: 'INSERT', rowCount: 0, rows: [], fields: [], oid: 0 };
    }
    // The locks first: the writes put off are made under them, and the held list sees the writes.
    const before: Item[] = [...this.held.filter((h) => !h.answer), ...(this.later.length > 0 ? [{ sent: together(this.later) }] : []), ...this.held.filter((h) => h.answer)];
    this.later = [];
    this.held = [];
    const ahead = this.takeAhead();
    if (this.state === 'beginning' && [...before.map((b) => b.sent), q].some((s) => !plainRead(s.text))) {
      this.state = 'open';
      before.unshift({ sent: { text: 'begin', values: [] } });
    }
    // First in the message, so it sees nothing of the call (before a BEGIN, it still joins the transaction BEGIN opens).
    if (ahead && literalsOf(ahead.sent.values)) before.unshift(ahead);
    else if (ahead) await this.sendOne(ahead);
    if (before.length > 0) {
      const sent = await this.sendAll([...before, { sent: q }]);
      if (sent) return sent;
      for (const item of before) await this.sendOne(item);
    }
    return this.sendOne({ sent: q });
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      return this.transactionStatement({ text, values }) as never;
    }
    return this.send(...args) as never;
  }
}

/**
 * 64-bit integers (money in paise, counts) as JavaScript numbers, as SQLite gives them: pg hands them over as
 * strings by default. Exact up to 2^53, far beyond any amount MedLink accepts (shared/money.ts MAX_PAISE).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    types,
    Client: PreparingClient,
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
  // Nor may one dropped while a call holds it (the pool listens only to idle ones): the call's own query
  // fails (UNAVAILABLE from the dispatcher, its transaction never committed) and the pool discards it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(config: DbConfig): DB {
  return config.kind === 'sqlite'
    ? { kysely: openSqlite(config.file, config.key, config.nativeBinding), dialect: 'sqlite' }
    : { kysely: openPostgres(config.url), dialect: 'postgres' };
}

/** An auto-numbered primary key. */
export const idColumn = (dialect: DialectName) => (c: ColumnDefinitionBuilder) =>
  dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

/**
 * Serialises the transactions that name the same key (the audit chain, one doctor's diary) across every
 * seat, until the transaction ends. SQLite's BEGIN IMMEDIATE already holds the only write lock;
 * PostgreSQL takes a transaction-scoped advisory lock per key, in the order given, in one round trip.
 */
export async function serialize(trx: Kysely<Database>, dialect: DialectName, ...keys: string[]): Promise<void> {
  if (dialect !== 'postgres') return;
  // A lock this transaction already holds is held until it ends: asking again would cost a round trip for nothing.
  const held = heldLocks.get(trx) ?? new Set<string>();
  heldLocks.set(trx, held);
  const wanted = keys.filter((key) => !held.has(key));
  if (wanted.length === 0) return;
  await sql`select ${sql.join(wanted.map((key) => sql`pg_advisory_xact_lock(hashtext(${key}))`))}`.execute(trx);
  for (const key of wanted) held.add(key);
}
const heldLocks = new WeakMap<Kysely<Database>, Set<string>>();

/** Whether the transaction holds serialize()'s lock on `key` (on SQLite it holds the only write lock). */
export const holdsLock = (trx: Kysely<Database>, dialect: DialectName, key: string) => dialect !== 'postgres' || !!heldLocks.get(trx)?.has(key);
/** Which database a Kysely instance (or transaction) speaks to, for code that is handed only that. */
export const dialectOf = (db: Kysely<Database>): DialectName => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/**
 * A serialize() key the database works out in the statement that takes the lock: `prefix` followed by the one value
 * `of` selects (an appointment's doctor), sparing the read that would learn it first. Held only for that statement's
 * transaction, like the others; the caller, once it knows the value, may name the key again at no cost.
 */
export interface KeyOf {
  prefix: string;
  of: SelectQueryBuilder<Database, any, any>;
}
export type LockKey = string | KeyOf;

/** Reads that `readTogether` runs as one. */
export type Reads = Record<string, SelectQueryBuilder<any, any, any>>;
export type ReadRows<R extends Reads> = { [K in keyof R]: R[K] extends SelectQueryBuilder<any, any, infer O> ? O[] : never };

/**
 * DIALECT-SPECIFIC: several reads in one round trip. On PostgreSQL one statement, each read's rows a JSON array
 * column of it (their values come back as the read alone gives them: the schema holds numbers, text and nulls);
 * SQLite has no round trips to save, so each read runs as it is. `lock`: serialize()'s locks, taken first in the
 * same round trip (serializedRead), so the reads see what the locks' previous holders committed. `list`: a read
 * that may be long (a screen's appointments), sent as a statement of its own in the same message, after the locks,
 * for its rows as they are: parsing a busy doctor's week out of JSON (every key repeated in every row) cost 1.5 ms.
 * It takes its own snapshot, a moment before the others.
 */
export async function readTogether<R extends Reads>(
  db: Kysely<Database>,
  dialect: DialectName,
  reads: R,
  lock: LockKey[] = [],
  list?: keyof R & string,
): Promise<ReadRows<R>> {
  const names = Object.keys(reads);
  if (dialect !== 'postgres') return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await reads[n]!.execute()]))) as ReadRows<R>;
  const one = jsonColumns(db, reads, names.filter((n) => n !== list));
  if (!list) return (await serializedRead(db, dialect, lock, one))[0] as ReadRows<R>;
  const listed = reads[list]!.compile();
  const answer = new Ahead();
  const [rows] = await lockedRead(db, lock, one, CompiledQuery.raw(HELD + listed.sql, [...listed.parameters, answer]));
  return { ...rows, [list]: await answer.rows } as ReadRows<R>;
}

/** readTogether's one statement on PostgreSQL: each of `names`' rows a JSON array column. */
const jsonColumns = (db: Kysely<Database>, reads: Reads, names: string[]) => db.selectNoFrom(names.map((n) => jsonArrayFrom(reads[n]!).as(n)));

/**
 * DIALECT-SPECIFIC: readTogether (no locks) for reads whose SQL and values never change (a search's checkpoint),
 * built and compiled once per dialect, then only run: building and compiling them cost more than running them
 * (about 80 µs of a search when the processor's caches are cold, 13 µs warm).
 */
export function fixedReads<R extends Reads>(build: (db: Kysely<Database>) => R): (db: Kysely<Database>, dialect: DialectName) => Promise<ReadRows<R>> {
  const compiled = new Map<DialectName, { names: string[]; queries: CompiledQuery[] }>();
  return async (db, dialect) => {
    let c = compiled.get(dialect);
    if (!c) {
      const reads = build(db);
      const names = Object.keys(reads);
      c = { names, queries: dialect === 'postgres' ? [jsonColumns(db, reads, names).compile()] : names.map((n) => reads[n]!.compile()) };
      compiled.set(dialect, c);
    }
    if (dialect === 'postgres') return (await db.executeQuery(c.queries[0]!)).rows[0] as ReadRows<R>;
    const rows: unknown[][] = [];
    for (const q of c.queries) rows.push((await db.executeQuery(q)).rows);
    return Object.fromEntries(c.names.map((n, i) => [n, rows[i]])) as ReadRows<R>;
  };
}

/**
 * `serialize(...keys)`, then `read`, in one round trip: on PostgreSQL the locks go as a statement of their own in
 * the message of the read (PreparingClient), so the read takes its snapshot once the locks are held and sees what
 * their previous holders committed.
 */
export async function serializedRead<R>(trx: Kysely<Database>, dialect: DialectName, keys: LockKey[], read: Compilable<R>): Promise<R[]> {
  return dialect === 'postgres' ? lockedRead(trx, keys, read) : (await trx.executeQuery(read.compile())).rows;
}

/** serializedRead on PostgreSQL; `alongside`: a held statement (readTogether's list) to go between the locks and the read. */
async function lockedRead<R>(trx: Kysely<Database>, keys: LockKey[], read: Compilable<R>, alongside?: CompiledQuery): Promise<R[]> {
  const taken = await holdLocks(trx, keys);
  if (alongside) await trx.executeQuery(alongside);
  const rows = (await trx.executeQuery(read.compile())).rows;
  markHeld(trx, taken);
  return rows;
}

/** The locks of `keys` this transaction does not hold yet, held to go with its next statement; what to mark held once sent. */
async function holdLocks(trx: Kysely<Database>, keys: LockKey[]): Promise<string[]> {
  const held = heldLocks.get(trx);
  const wanted = [...new Set(keys)].filter((key) => typeof key !== 'string' || !held?.has(key));
  if (wanted.length > 0) {
    const keyOf = (key: LockKey) => (typeof key === 'string' ? sql`${key}` : sql`${key.prefix} || cast((${key.of}) as text)`);
    const locks = sql`select ${sql.join(wanted.map((key) => sql`pg_advisory_xact_lock(hashtext(${keyOf(key)}))`))}`.compile(trx);
    await trx.executeQuery(CompiledQuery.raw(HELD + locks.sql, [...locks.parameters]));
  }
  return wanted.filter((key): key is string => typeof key === 'string');
}
const markHeld = (trx: Kysely<Database>, keys: string[]) => heldLocks.set(trx, new Set([...(heldLocks.get(trx) ?? []), ...keys]));

/**
 * serialize()'s locks, sent with the transaction's next statement (its COMMIT at the latest, ahead of the writes put
 * off) instead of in a round trip of their own: for a transaction that read what it needs before it began, and whose
 * commit fails if that no longer holds (audit.service continueFrom). Counted as held from now on.
 */
export async function lockWithNext(trx: Kysely<Database>, dialect: DialectName, ...keys: string[]): Promise<void> {
  if (dialect === 'postgres') markHeld(trx, await holdLocks(trx, keys));
}

/**
 * DIALECT-SPECIFIC: the integers of `list` as the rows of a one-column table (`value`), sent as one JSON text: a
 * schedule's hundreds of patients cost less to build and send as one value than as hundreds.
 */
export const integerRows = (dialect: DialectName, list: number[]) =>
  dialect === 'postgres'
    ? sql<{ value: number }>`select cast(value as integer) as value from json_array_elements_text(cast(${JSON.stringify(list)} as json))`
    : sql<{ value: number }>`select value from json_each(${JSON.stringify(list)})`;

/** DIALECT-SPECIFIC: whether `e` is an insert refused because `table`'s primary key already has its value. */
export function isTakenKey(e: unknown, table: string): boolean {
  const { code, constraint, message } = (e ?? {}) as { code?: string; constraint?: string; message?: string };
  return code === '23505' ? constraint === `${table}_pkey` : code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && !!message?.includes(`: ${table}.`);
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

/**
 * DIALECT-SPECIFIC: the database server's clock (epoch ms), which every seat shares whatever its own clock says;
 * null on SQLite, whose processes all run on one computer and read its one clock.
 */
export async function serverClockMs(db: Kysely<Database>, dialect: DialectName): Promise<number | null> {
  if (dialect !== 'postgres') return null;
  const { rows } = await sql<{ ms: number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(db);
  return Number(rows[0]!.ms);
}

type Write = InsertQueryBuilder<Database, any, any> | UpdateQueryBuilder<Database, any, any, any> | DeleteQueryBuilder<Database, any, any>;

/**
 * DIALECT-SPECIFIC: a read, with a write sent along (a session's activity), for a call that may go on before it has
 * the rows. On PostgreSQL one statement (the write a data-modifying WITH; the read sees the rows as they were before
 * it), held and sent first in the message of the transaction's next statement, or alone when the rows are asked for
 * first: then before the transaction's BEGIN, so the write may commit on its own and must be one the call keeps
 * whatever becomes of it. SQLite allows no write in a WITH and has no round trips to save: the read runs, then the
 * write, at once.
 */
export async function readAhead<R>(
  db: Kysely<Database>,
  dialect: DialectName,
  read: (qc: QueryCreator<Database>) => Compilable<R>,
  write?: Write,
): Promise<ReadAhead<R>> {
  if (dialect !== 'postgres') {
    const { rows } = await db.executeQuery(read(db).compile());
    await write?.execute();
    return { arrived: true, rows: async () => rows };
  }
  const q = read(write ? (db.with('written', () => write as never) as unknown as QueryCreator<Database>) : db).compile();
  const answer = new Ahead<R>();
  await db.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters, answer]));
  return {
    arrived: false,
    rows: async () => {
      if (!answer.sent) await db.executeQuery(CompiledQuery.raw(AHEAD_NOW, []));
      return answer.rows;
    },
  };
}
/** readAhead's rows: `arrived` when they are here already (the read cost its round trip, or none to save). */
export interface ReadAhead<R> {
  arrived: boolean;
  rows(): Promise<R[]>;
}

/**
 * DIALECT-SPECIFIC: a write whose outcome the call does not wait for (a history or audit row, an outbox message, a
 * change counter, a notification, an update it has already checked). PostgreSQL sends a transaction's such writes
 * with its next statement or its COMMIT, in the same round trip; SQLite, which has no round trips to spare, writes
 * at once. Either way what the transaction reads afterwards sees them, and a failing write fails the transaction
 * (at a later statement on PostgreSQL). `once`: a key that makes a second identical write in the same transaction
 * (a counter moved twice) a no-op. Outside a transaction, at once.
 */
export async function writeLater(db: Kysely<Database>, write: Write | SelectQueryBuilder<Database, any, any>, once?: string): Promise<void> {
  if (once && db.isTransaction) {
    const done = onceWritten.get(db) ?? new Set<string>();
    onceWritten.set(db, done);
    if (done.has(once)) return;
    done.add(once);
  }
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await write.execute();
    return;
  }
  const q = write.compile();
  await db.executeQuery(CompiledQuery.raw(LATER + q.sql, [...q.parameters]));
}
const onceWritten = new WeakMap<Kysely<Database>, Set<string>>();

/** SQLite's write lock stayed taken past busy_timeout: another seat or process is writing. */
export const isBusy = (e: unknown) => /^SQLITE_BUSY/.test((e as { code?: string } | null)?.code ?? '');

/** True when an error means the database server could not be reached (as opposed to a refused query). */
export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006'].includes(code ?? '') ||
    /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable/i.test((e as Error | null)?.message ?? '')
  );
}

// TLS: the address's sslmode/sslrootcert/sslcert/sslkey are read by pg (pg-connection-string). With
// sslmode=verify-full and sslrootcert, pg trusts only that CA (rejectUnauthorized stays on) and checks the
// server's name against the host in the address, IP addresses included (tested in postgres-tls.test.ts), so
// no ssl options are built here. Without uselibpqcompat=true, pg also verifies fully for require/verify-ca.
const UNTRUSTED_CERT = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'INVALID_CA', 'INVALID_PURPOSE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'CERT_CHAIN_TOO_LONG', 'PATH_LENGTH_EXCEEDED',
]);

/**
 * What an administrator reads when the clinic's database server could not be opened for a reason of its
 * setup (TLS, certificate files); null for anything else. The address's password never appears.
 */
export function connectionProblem(e: unknown, url: string): string | null {
  const err = e as (Error & { code?: string; path?: string; host?: string }) | null;
  const code = err?.code ?? '';
  const detail = err?.message ?? String(e);
  let address: URL | null = null;
  try {
    address = new URL(url);
  } catch {
    // pg reports a malformed address itself.
  }
  if (UNTRUSTED_CERT.has(code)) {
    return `The clinic's database server's certificate is not trusted (${detail}). Check that sslrootcert in the database address names the file of the certificate authority that signed the server's certificate.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const host = err?.host ?? address?.hostname ?? 'this host';
    return `The clinic's database server's certificate does not name ${host} (${detail}). Connect by a name the certificate lists, or have the server's certificate reissued for this name.`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `The clinic's database server's certificate is not valid today (${detail}). Renew the server's certificate, and check this computer's date and time.`;
  }
  if (/server does not support SSL/i.test(detail)) {
    return `The database address asks for an encrypted connection (sslmode=${address?.searchParams.get('sslmode') ?? 'require'}), but the clinic's database server does not offer one. Turn on ssl on the server, or correct the address.`;
  }
  const files = ['sslrootcert', 'sslcert', 'sslkey'].map((k) => address?.searchParams.get(k)).filter((f): f is string => !!f);
  if (err?.path && files.includes(err.path)) {
    return `The certificate file named in the clinic's database address cannot be read (${err.path}: ${code || detail}). Check the path and that MedLink may read the file.`;
  }
  return null;
}

/** The PostgreSQL channel on which seats tell each other what changed (electron/core/live). */
export const LIVE_CHANNEL = 'medlink_changes';

/**
 * DIALECT-SPECIFIC: tells the clinic's other seats. Inside a transaction PostgreSQL delivers the notification
 * when it commits (it is put off: writeLater), and never if it rolls back; outside one, at once. SQLite has no
 * other seats to tell.
 */
export async function notifySeats(db: Kysely<Database>, dialect: DialectName, payload: string): Promise<void> {
  if (dialect === 'postgres') await writeLater(db, db.selectNoFrom(sql`pg_notify(${LIVE_CHANNEL}, ${payload})`.as('notified')));
}
