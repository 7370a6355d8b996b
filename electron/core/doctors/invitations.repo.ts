import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export const insertInvitation = (db: Db, row: Insertable<Database['doctor_invitations']>) => db.insertInto('doctor_invitations').values(row).execute();

/** Drops the address's invitations not yet used: a new one replaces them, so only the newest code works. */
export const dropUnused = (db: Db, email: string) =>
  db.deleteFrom('doctor_invitations').where('email', '=', email).where('used_at', 'is', null).execute();

export const invitationByHash = (db: Db, codeHash: string) =>
  db.selectFrom('doctor_invitations').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();

/** Marks the address's invitations still open as used; returns how many. */
export async function markUsed(db: Db, email: string, nowIso: string): Promise<number> {
  const r = await db
    .updateTable('doctor_invitations')
    .set({ used_at: nowIso })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const listInvitations = (db: Db, limit: number) =>
  db
    .selectFrom('doctor_invitations as i')
    .innerJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.email', 'i.full_name', 'i.created_at', 'i.expires_at', 'i.used_at', 'u.full_name as invited_by_name'])
    .orderBy('i.created_at', 'desc')
    .limit(limit)
    .execute();
