import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The counters migrations create; each hands out 1, 2, 3, … */
export type CounterName = 'appointment';

/**
 * The counter's next number, in the caller's transaction and in one statement. The update locks the counter's
 * row until commit (PostgreSQL; SQLite has a single writer), so two seats never get the same number, and a
 * rollback undoes it, so a refused or failed change leaves no gap. Call it as late as possible: every other
 * transaction taking this counter waits until this one ends.
 */
export async function nextNumber(db: Kysely<Database>, name: CounterName): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set({ value: sql<number>`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (!row) throw new Error(`The database has no counter named ${name}.`);
  return Number(row.value);
}
