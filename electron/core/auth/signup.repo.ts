import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type SignupRequestRow = Database['signup_requests'];

export const insert = (db: Db, row: SignupRequestRow) => db.insertInto('signup_requests').values(row).execute();

/** The newest request for the address at this door that has not expired. */
export const latestFor = (db: Db, email: string, door: string, nowIso: string) =>
  db
    .selectFrom('signup_requests')
    .selectAll()
    .where('email', '=', email)
    .where('door', '=', door)
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function startedSince(db: Db, door: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('signup_requests')
    .select(sql<number>`count(*)`.as('n'))
    .where('door', '=', door)
    .where('created_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const countAttempt = (db: Db, id: string) =>
  db.updateTable('signup_requests').set({ attempts: sql<number>`attempts + 1` }).where('id', '=', id).execute();

export const remove = (db: Db, id: string) => db.deleteFrom('signup_requests').where('id', '=', id).execute();
export const removeFor = (db: Db, email: string, door: string) =>
  db.deleteFrom('signup_requests').where('email', '=', email).where('door', '=', door).execute();
export const removeExpired = (db: Db, nowIso: string) => db.deleteFrom('signup_requests').where('expires_at', '<=', nowIso).execute();
