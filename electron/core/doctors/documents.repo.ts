import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type DocumentRow = Selectable<Database['doctor_documents']>;

export async function insertDocument(db: Db, row: Insertable<Database['doctor_documents']>): Promise<number> {
  const { id } = await db.insertInto('doctor_documents').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const documentById = (db: Db, id: number) => db.selectFrom('doctor_documents').selectAll().where('id', '=', id).executeTakeFirst();

export const deleteDocument = (db: Db, id: number) => db.deleteFrom('doctor_documents').where('id', '=', id).execute();

/** Each doctor's documents, in the order they were added. */
export async function documentsOf(db: Db, doctorIds: number[]): Promise<Map<number, DocumentRow[]>> {
  const map = new Map<number, DocumentRow[]>();
  if (doctorIds.length === 0) return map;
  const rows = await db.selectFrom('doctor_documents').selectAll().where('doctor_id', 'in', doctorIds).orderBy('id').execute();
  for (const r of rows) map.set(r.doctor_id, [...(map.get(r.doctor_id) ?? []), r]);
  return map;
}
