import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export const insertInvitation = (db: Db, row: Insertable<Database['record_invitations']>) => db.insertInto('record_invitations').values(row).execute();

/** Drops the record's invitations not yet used: a new one replaces them, so only the newest code works. */
export const dropUnused = (db: Db, patientId: number) =>
  db.deleteFrom('record_invitations').where('patient_id', '=', patientId).where('used_at', 'is', null).execute();

export const invitationByHash = (db: Db, codeHash: string) =>
  db.selectFrom('record_invitations').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();

export const markUsed = (db: Db, codeHash: string, nowIso: string) =>
  db.updateTable('record_invitations').set({ used_at: nowIso }).where('code_hash', '=', codeHash).execute();
