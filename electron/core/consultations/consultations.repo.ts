import type { Kysely, Selectable } from 'kysely';
import type { PrescriptionItem } from '../../../shared/contract';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type ConsultationRow = Selectable<Database['consultations']>;
export type ItemRow = Selectable<Database['prescription_items']>;

export const consultationOf = (db: Db, appointmentId: number) =>
  db.selectFrom('consultations').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();

/** Writes the appointment's notes, creating its consultation the first time; returns its id. */
export async function saveNotes(db: Db, row: Omit<ConsultationRow, 'id' | 'created_at'>, nowIso: string): Promise<number> {
  const { id } = await db
    .insertInto('consultations')
    .values({ ...row, created_at: nowIso })
    .onConflict((oc) => oc.column('appointment_id').doUpdateSet({ notes: row.notes, updated_at: row.updated_at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function replaceItems(db: Db, consultationId: number, items: PrescriptionItem[]): Promise<void> {
  await db.deleteFrom('prescription_items').where('consultation_id', '=', consultationId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('prescription_items')
    .values(items.map((i, position) => ({ consultation_id: consultationId, position, ...i, instructions: i.instructions ?? null })))
    .execute();
}

export function itemsOf(db: Db, consultationIds: number[]) {
  if (consultationIds.length === 0) return Promise.resolve([] as ItemRow[]);
  return db.selectFrom('prescription_items').selectAll().where('consultation_id', 'in', consultationIds).orderBy('consultation_id').orderBy('position').execute();
}

/** A patient's consultations with their appointment's number and time and both names, newest first. */
export const consultationsOfPatients = (db: Db, patientIds: number[]) =>
  db
    .selectFrom('consultations as c')
    .innerJoin('appointments as a', 'a.id', 'c.appointment_id')
    .innerJoin('doctor_info as d', 'd.id', 'c.doctor_id')
    .innerJoin('patient_info as p', 'p.id', 'c.patient_id')
    .selectAll('c')
    .select(['a.number', 'a.start_at', 'd.full_name as doctor_name', 'p.full_name as patient_name'])
    .where('c.patient_id', 'in', patientIds)
    .orderBy('a.start_at', 'desc')
    .execute();
