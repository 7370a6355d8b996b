import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type BackupRow = Selectable<Database['backups']>;

export async function insertAttempt(db: Db, row: Insertable<Database['backups']>): Promise<void> {
  await db.insertInto('backups').values(row).execute();
}

/** The newest attempts first. */
export function history(db: Db, limit: number): Promise<BackupRow[]> {
  return db.selectFrom('backups').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function lastGood(db: Db): Promise<BackupRow | undefined> {
  return db.selectFrom('backups').selectAll().where('problem', 'is', null).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}

export function lastAttempt(db: Db): Promise<BackupRow | undefined> {
  return db.selectFrom('backups').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** When the clinic began (its first account): a clinic that has never been backed up is measured from then. */
export async function clinicSince(db: Db): Promise<string | null> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.min('created_at').as('since')).executeTakeFirst();
  return (row?.since as string | null | undefined) ?? null;
}
