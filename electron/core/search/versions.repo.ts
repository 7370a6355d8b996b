import { sql, type Kysely } from 'kysely';
import { writeLater } from '../db/dialects';
import type { Database } from '../db/schema';

// Change counters in the settings table, raised in the same transaction as the change they announce and read by
// every search (on every seat): a search's in-memory caches are kept only while the counters stand still.

/** Doctors shown, their hours, holidays: the search catalog is rebuilt when it moves. */
export const SEARCH_VERSION_KEY = 'search.version';
/** Appointments and blocked time: cached next free slots are worked out again when it moves. */
export const BUSY_VERSION_KEY = 'search.busyVersion';

/**
 * One atomic increment: concurrent changes on several seats each move the counter (no lost update). Sent with the
 * commit on PostgreSQL, once per transaction: a change only needs the counter to have moved when it commits.
 */
const bump = (db: Kysely<Database>, key: string) =>
  writeLater(
    db,
    db
      .insertInto('settings')
      .values({ key, value: '1' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(settings.value as integer) + 1 as text)` })),
    key,
  );

export const bumpSearchVersion = (db: Kysely<Database>) => bump(db, SEARCH_VERSION_KEY);
export const bumpBusyVersion = (db: Kysely<Database>) => bump(db, BUSY_VERSION_KEY);
