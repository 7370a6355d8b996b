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

export type AuditRow = Database['audit_log'];

export const auditRows = (app: MedLinkApp, action?: AuditAction): Promise<AuditRow[]> => {
  let q = app.deps.db.selectFrom('audit_log').selectAll();
  if (action) q = q.where('action', '=', action);
  return q.orderBy('id').execute();
};
