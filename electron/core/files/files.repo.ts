import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export const insertFile = (db: Db, row: Insertable<Database['files']>) => db.insertInto('files').values(row).execute();

export const fileById = (db: Db, id: string) =>
  db.selectFrom('files').select(['kind', 'mime', 'size', 'sha256', 'data']).where('id', '=', id).executeTakeFirst();

export const setFileData = (db: Db, id: string, data: Buffer) => db.updateTable('files').set({ data }).where('id', '=', id).execute();

export const deleteFile = (db: Db, id: string) => db.deleteFrom('files').where('id', '=', id).execute();

export const fileIds = (db: Db) => db.selectFrom('files').select('id').execute();
