import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { MedLinkApp } from '../../electron/core/app';
import type { Database } from '../../electron/core/db/schema';
import type { AuditAction } from '../../shared/contract';

/** Row count of every table in the database, by table name. */
export async function countRows(app: Pick<MedLinkApp, 'deps'> | { deps: Pick<MedLinkApp['deps'], 'db'> }): Promise<Record<string, number>> {
  const tables = await app.deps.db.introspection.getTables();
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const row = await app.deps.db
      .selectFrom(name as keyof Database)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts;
}

/** Runs `action` and checks that no table gained or lost a row. Returns what the action returned. */
export async function expectNoWrites<T>(app: MedLinkApp, action: () => Promise<T>): Promise<T> {
  const before = await countRows(app);
  const result = await action();
  expect(await countRows(app)).toEqual(before);
  return result;
}

/** Every row of a table as plain values, in a stable order: the same content reads the same from SQLite and PostgreSQL. */
export async function tableContent(db: Kysely<any>, table: string): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db.selectFrom(table).selectAll().execute();
  return rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, typeof r[k] === 'bigint' ? Number(r[k]) : r[k]]))).sort();
}

export type AuditRow = Database['audit_log'];

export const auditRows = (app: MedLinkApp, action?: AuditAction): Promise<AuditRow[]> => {
  let q = app.deps.db.selectFrom('audit_log').selectAll();
  if (action) q = q.where('action', '=', action);
  return q.orderBy('id').execute();
};
