// DIALECT-SPECIFIC (both): the catalog queries the move to PostgreSQL needs, SQLite's on the source side and
// PostgreSQL's on the target side. Only move-to-postgres.ts uses this file; the app itself never reads catalogs.
import { sql, type Kysely } from 'kysely';
import type { TableShape } from './table-content';

/** A table as the target's schema defines it, plus the foreign keys that order the copy. */
export interface TargetTable extends TableShape {
  /** Tables this one references (itself excluded). */
  references: Set<string>;
  /** Columns referencing this same table (patient_info.merged_into): filled in after every row is in. */
  selfReferences: string[];
  /** Identity (or serial) columns, whose sequence must continue after the copied ids. */
  identities: string[];
}

// ---- SQLite (the source) ----

export async function sqliteTables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db);
  return rows.map((r) => r.name);
}

export async function sqliteColumns(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by name`.execute(db);
  return rows.map((r) => r.name);
}

// ---- PostgreSQL (the target) ----

/**
 * Relations already in the target that a move must not mix with: any table or view in public (or the current
 * schema), and any table named like one of the clinic's in whatever user schema.
 */
export async function postgresOccupants(db: Kysely<any>, clinicTables: string[]): Promise<string[]> {
  const { rows } = await sql<{ schema_name: string; name: string }>`
    select n.nspname as schema_name, c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'f')
      and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
      and (n.nspname = 'public' or n.nspname = current_schema() or c.relname = any(${clinicTables}::text[]))
    order by 1, 2`.execute(db);
  return rows.map((r) => `${r.schema_name}.${r.name}`);
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);

/** Every base table of the current schema with its columns, keys, foreign keys and identity columns. */
export async function postgresTables(db: Kysely<any>): Promise<Map<string, TargetTable>> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; identity: boolean }>`
    select c.table_name, c.column_name, c.data_type,
           (c.is_identity = 'YES' or coalesce(c.column_default, '') like 'nextval(%') as identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.column_name`.execute(db);
  const constraints = await sql<{ table_name: string; column_name: string; kind: 'p' | 'f'; references_table: string | null }>`
    select cl.relname as table_name, a.attname as column_name, c.contype as kind, rf.relname as references_table
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    left join pg_class rf on rf.oid = c.confrelid
    where c.contype in ('p', 'f') and n.nspname = current_schema()
    order by cl.relname, c.contype, array_position(c.conkey, a.attnum)`.execute(db);

  const tables = new Map<string, TargetTable>();
  for (const c of columns.rows) {
    let t = tables.get(c.table_name);
    if (!t) {
      t = { name: c.table_name, columns: [], integers: new Set(), key: [], textKeys: new Set(), references: new Set(), selfReferences: [], identities: [] };
      tables.set(c.table_name, t);
    }
    t.columns.push(c.column_name);
    if (INTEGER_TYPES.has(c.data_type)) (t.integers as Set<string>).add(c.column_name);
    if (c.identity) t.identities.push(c.column_name);
  }
  for (const k of constraints.rows) {
    const t = tables.get(k.table_name);
    if (!t) continue;
    if (k.kind === 'p') {
      t.key.push(k.column_name);
      if (!t.integers.has(k.column_name)) (t.textKeys as Set<string>).add(k.column_name);
    } else if (k.references_table === k.table_name) {
      if (!t.selfReferences.includes(k.column_name)) t.selfReferences.push(k.column_name);
    } else if (k.references_table) {
      t.references.add(k.references_table);
    }
  }
  return tables;
}

/** Continues each identity sequence after the largest id now in its table (or at 1 when it is empty). */
export async function resetIdentities(db: Kysely<any>, tables: Iterable<TargetTable>): Promise<void> {
  for (const t of tables) {
    for (const column of t.identities) {
      const quoted = `"${t.name.replace(/"/g, '""')}"`;
      await sql`select setval(pg_get_serial_sequence(${quoted}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(t.name)}`.execute(db);
    }
  }
}

/**
 * Parents before children: the order in which every row's foreign keys already have their target. Ties go
 * alphabetically so the order (and the report) is the same on every run.
 */
export function dependencyOrder(tables: Map<string, TargetTable>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const names = [...tables.keys()].sort();
  while (order.length < names.length) {
    const ready = names.find((n) => !done.has(n) && [...tables.get(n)!.references].every((r) => done.has(r) || !tables.has(r)));
    if (!ready) {
      const left = names.filter((n) => !done.has(n));
      throw new Error(`The tables ${left.join(', ')} reference each other in a cycle; the move cannot order them.`);
    }
    done.add(ready);
    order.push(ready);
  }
  return order;
}
