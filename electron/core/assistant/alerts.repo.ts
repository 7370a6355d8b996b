import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export async function insertAlert(db: Db, row: { at: string; patient_id: number | null; message: string; flags: string }): Promise<void> {
  await db.insertInto('assistant_alerts').values(row).execute();
}

/** Alerts nobody has handled yet, newest first, with the patient's name and phone. */
export const openAlerts = (db: Db) =>
  db
    .selectFrom('assistant_alerts as a')
    .leftJoin('patient_info as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.at', 'a.patient_id', 'a.message', 'a.flags', 'p.full_name as patient_name', 'p.phone as patient_phone'])
    .where('a.handled_at', 'is', null)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();

export async function countOpen(db: Db): Promise<number> {
  const row = await db.selectFrom('assistant_alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('handled_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const alertById = (db: Db, id: number) => db.selectFrom('assistant_alerts').selectAll().where('id', '=', id).executeTakeFirst();

/** Marks an open alert handled; false when it was not open (already handled, or none such). */
export async function markHandled(db: Db, id: number, by: number, at: string): Promise<boolean> {
  const r = await db.updateTable('assistant_alerts').set({ handled_at: at, handled_by: by }).where('id', '=', id).where('handled_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
