import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type MailedCodeRow = Database['mailed_codes'];

export const insert = (db: Db, row: MailedCodeRow) => db.insertInto('mailed_codes').values(row).execute();

/** The newest code of this purpose for the address at this door that has not expired. */
export const latestFor = (db: Db, purpose: string, email: string, door: string, nowIso: string) =>
  db
    .selectFrom('mailed_codes')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('email', '=', email)
    .where('door', '=', door)
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function startedSince(db: Db, purpose: string, door: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('mailed_codes')
    .select(sql<number>`count(*)`.as('n'))
    .where('purpose', '=', purpose)
    .where('door', '=', door)
    .where('created_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const countAttempt = (db: Db, id: string) =>
  db.updateTable('mailed_codes').set({ attempts: sql<number>`attempts + 1` }).where('id', '=', id).execute();

export const remove = (db: Db, id: string) => db.deleteFrom('mailed_codes').where('id', '=', id).execute();
export const removeFor = (db: Db, purpose: string, email: string, door: string) =>
  db.deleteFrom('mailed_codes').where('purpose', '=', purpose).where('email', '=', email).where('door', '=', door).execute();
export const removeExpired = (db: Db, nowIso: string) => db.deleteFrom('mailed_codes').where('expires_at', '<=', nowIso).execute();
