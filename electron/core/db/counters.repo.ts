import { sql, type Kysely, type QueryCreator, type RawBuilder } from 'kysely';
import { dialectOf } from './dialects';
import type { Database } from './schema';

/**
 * The counters: 'appointment' (made by a migration), and a series per financial year that starts on first use
 * ('bill:2026-27', 'credit_note:2026-27'). Each hands out 1, 2, 3, …
 */
export type CounterName = 'appointment' | `bill:${string}` | `credit_note:${string}`;

/** The update that takes the counter's next number (returning it), for nextNumber or a statement's WITH. */
export const takeNumber = (qc: QueryCreator<Database>, name: CounterName) =>
  qc.updateTable('counters').set({ value: sql<number>`value + 1` }).where('name', '=', name).returning('value');

/**
 * The counter's next number, in the caller's transaction and in one statement. The update locks the counter's
 * row until commit (PostgreSQL; SQLite has a single writer), so two seats never get the same number, and a
 * rollback undoes it, so a refused or failed change leaves no gap. Call it as late as possible: every other
 * transaction taking this counter waits until this one ends.
 */
export async function nextNumber(db: Kysely<Database>, name: CounterName): Promise<number> {
  const row = await takeNumber(db, name).executeTakeFirst();
  if (!row) throw new Error(`The database has no counter named ${name}.`);
  return Number(row.value);
}

/**
 * The next number of a series that starts on first use: its counter is made at 0 if missing, then taken as
 * nextNumber takes it. When two seats start the series at once on PostgreSQL, the second insert waits for the
 * first one's transaction (the name is the key) and then does nothing, and its update waits for the row's lock:
 * still one number each, no gap (a rolled-back first use takes its counter row with it).
 */
export async function nextInSeries(db: Kysely<Database>, name: CounterName): Promise<number> {
  await db.insertInto('counters').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return nextNumber(db, name);
}

/**
 * DIALECT-SPECIFIC: a row numbered by the counter (`insert`, given where to write from and the number), in one
 * statement on PostgreSQL: the counter's update (as nextNumber's) goes as a data-modifying WITH the number is read
 * from. SQLite allows no write in a WITH and has no round trips to save: the number is taken, then the row written.
 */
export async function insertNumbered<R>(
  db: Kysely<Database>,
  name: CounterName,
  insert: (qc: QueryCreator<Database>, number: number | RawBuilder<number>) => { executeTakeFirstOrThrow(): Promise<R> },
): Promise<R> {
  if (dialectOf(db) !== 'postgres') return insert(db, await nextNumber(db, name)).executeTakeFirstOrThrow();
  const qc = db.with('taken', (q) => takeNumber(q, name));
  return insert(qc as unknown as QueryCreator<Database>, sql<number>`(select value from taken)`).executeTakeFirstOrThrow();
}
