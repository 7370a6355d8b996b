// A table's rows read in primary-key order, page by page, and hashed so that the same content gives the same
// hash on SQLite and on PostgreSQL. DIALECT-AWARE in one spot only: the byte-order collation of text keys.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './dialects';

export type Row = Record<string, unknown>;

/** What the reader and the hash need to know about a table. */
export interface TableShape {
  name: string;
  /** The columns read and hashed, sorted by name. */
  columns: string[];
  /** Columns holding integers: hashed as integers whatever the driver returns (number, bigint or digits). */
  integers: ReadonlySet<string>;
  /** Primary-key columns, in key order. */
  key: string[];
  /** Key columns holding text: ordered by their bytes on both sides. */
  textKeys: ReadonlySet<string>;
}

export interface ContentSummary {
  rows: number;
  /** sha256 (hex) of the canonical JSON of every row, one per line, in primary-key order. */
  hash: string;
}

/**
 * SQLite compares text byte by byte (BINARY); PostgreSQL by the database's locale unless told "C", which
 * compares UTF-8 bytes too. So both sides list text-keyed rows in the same order.
 */
function keyOrder(dialect: DialectName, column: string, text: boolean): RawBuilder<unknown> {
  if (!text) return sql`${sql.ref(column)}`;
  return dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)} collate binary`;
}

/** The table's rows in primary-key order, `batch` at a time. */
export async function* pages(db: Kysely<any>, dialect: DialectName, shape: TableShape, batch: number): AsyncGenerator<Row[]> {
  if (shape.key.length === 0) throw new Error(`Table ${shape.name} has no primary key, so its rows have no order to compare.`);
  for (let offset = 0; ; offset += batch) {
    let query = db.selectFrom(shape.name).select(shape.columns);
    for (const column of shape.key) query = query.orderBy(keyOrder(dialect, column, shape.textKeys.has(column)));
    const rows: Row[] = await query.limit(batch).offset(offset).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}

function canonicalValue(value: unknown, integer: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (integer && (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
    return BigInt(value).toString();
  }
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify({ bytes: Buffer.from(value).toString('hex') });
  return JSON.stringify(String(value));
}

/** One row as canonical JSON: columns sorted by name, integers as plain digits, text as JSON strings. */
export function canonicalRow(shape: TableShape, row: Row): string {
  return `{${shape.columns.map((c) => `${JSON.stringify(c)}:${canonicalValue(row[c], shape.integers.has(c))}`).join(',')}}`;
}

/** Reads the whole table in key order and hashes it. */
export async function summarize(db: Kysely<any>, dialect: DialectName, shape: TableShape, batch: number): Promise<ContentSummary> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of pages(db, dialect, shape, batch)) {
    for (const row of page) hash.update(`${canonicalRow(shape, row)}\n`);
    rows += page.length;
  }
  return { rows, hash: hash.digest('hex') };
}

/** count(*) of a table, as a number on both dialects (PostgreSQL returns it as text). */
export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
