import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type RecordRow = Selectable<Database['medical_records']>;

export async function insertRecord(db: Db, row: Insertable<Database['medical_records']>): Promise<number> {
  const { id } = await db.insertInto('medical_records').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const recordById = (db: Db, id: number) => db.selectFrom('medical_records').selectAll().where('id', '=', id).executeTakeFirst();

export interface RecordFilter {
  category?: string;
  from?: string;
  to?: string;
  /** Only records shared with this doctor. */
  sharedWith?: number;
  /** Only these records. */
  ids?: number[];
}

/** A patient's kept records (not in the trash), newest record date first. */
export function recordsOfPatient(db: Db, patientId: number, f: RecordFilter = {}) {
  let q = db.selectFrom('medical_records as r').selectAll('r').where('r.patient_id', '=', patientId).where('r.deleted_at', 'is', null);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.from) q = q.where('r.record_date', '>=', f.from);
  if (f.to) q = q.where('r.record_date', '<=', f.to);
  if (f.ids) q = f.ids.length ? q.where('r.id', 'in', f.ids) : q.where('r.id', '=', -1);
  if (f.sharedWith !== undefined) {
    const doctorId = f.sharedWith;
    q = q.where((eb) => eb.exists(eb.selectFrom('record_shares as s').select('s.record_id').whereRef('s.record_id', '=', 'r.id').where('s.doctor_id', '=', doctorId)));
  }
  return q.orderBy('r.record_date', 'desc').orderBy('r.id', 'desc').execute();
}

export const trashOfPatient = (db: Db, patientId: number) =>
  db.selectFrom('medical_records').selectAll().where('patient_id', '=', patientId).where('deleted_at', 'is not', null).orderBy('deleted_at', 'desc').execute();

export const setDeleted = (db: Db, id: number, deletedAt: string | null) =>
  db.updateTable('medical_records').set({ deleted_at: deletedAt }).where('id', '=', id).execute();

/** Records in the trash since before `beforeIso`: due to be removed. */
export const expiredTrash = (db: Db, beforeIso: string) =>
  db.selectFrom('medical_records').select(['id', 'patient_id', 'file_id']).where('deleted_at', '<', beforeIso).execute();

export const deleteRecord = (db: Db, id: number) => db.deleteFrom('medical_records').where('id', '=', id).execute();

/** The doctors each record is shared with, by name. */
export function sharesOf(db: Db, recordIds: number[]) {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('record_shares as s')
    .innerJoin('doctor_info as d', 'd.id', 's.doctor_id')
    .select(['s.record_id', 's.doctor_id', 'd.full_name as doctor_name'])
    .where('s.record_id', 'in', recordIds)
    .orderBy('d.full_name')
    .execute();
}

export const addShare = (db: Db, recordId: number, doctorId: number, nowIso: string) =>
  db.insertInto('record_shares').values({ record_id: recordId, doctor_id: doctorId, shared_at: nowIso }).onConflict((oc) => oc.doNothing()).execute();

export const removeShare = (db: Db, recordId: number, doctorId: number) =>
  db.deleteFrom('record_shares').where('record_id', '=', recordId).where('doctor_id', '=', doctorId).execute();

/** The ids of a patient's kept records shared with a doctor. */
export async function sharedRecordIds(db: Db, doctorId: number, patientId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('record_shares as s')
    .innerJoin('medical_records as r', 'r.id', 's.record_id')
    .select('r.id')
    .where('s.doctor_id', '=', doctorId)
    .where('r.patient_id', '=', patientId)
    .where('r.deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** True when the doctor has or had an appointment with the patient (a cancelled one does not count). */
export async function hasAppointment(db: Db, doctorId: number, patientId: number): Promise<boolean> {
  const row = await db
    .selectFrom('appointments')
    .select('id')
    .where('doctor_id', '=', doctorId)
    .where('patient_id', '=', patientId)
    .where('status', '!=', 'cancelled')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export const activeEmergency = (db: Db, doctorId: number, patientId: number, nowIso: string) =>
  db
    .selectFrom('emergency_access')
    .select(['id', 'expires_at'])
    .where('doctor_id', '=', doctorId)
    .where('patient_id', '=', patientId)
    .where('expires_at', '>', nowIso)
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertEmergency = (db: Db, row: Insertable<Database['emergency_access']>) => db.insertInto('emergency_access').values(row).execute();

export const emergencyGrants = (db: Db) =>
  db
    .selectFrom('emergency_access as e')
    .innerJoin('doctor_info as d', 'd.id', 'e.doctor_id')
    .innerJoin('patient_info as p', 'p.id', 'e.patient_id')
    .select(['e.id', 'e.patient_id', 'e.reason', 'e.granted_at', 'e.expires_at', 'd.full_name as doctor_name', 'p.full_name as patient_name'])
    .orderBy('e.granted_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute();

/**
 * The patients a doctor may see: those with an appointment with them (not cancelled), those who shared a kept
 * record with them, and those under their emergency access now; with the latest begun and the next appointment.
 */
export async function patientsOfDoctor(db: Db, doctorId: number, nowIso: string) {
  const visits = await db
    .selectFrom('appointments as a')
    .innerJoin('patient_info as p', 'p.id', 'a.patient_id')
    .select(['p.id', 'p.full_name', 'p.date_of_birth', 'a.start_at'])
    .where('a.doctor_id', '=', doctorId)
    .where('a.status', '!=', 'cancelled')
    .execute();
  const shared = await db
    .selectFrom('record_shares as s')
    .innerJoin('medical_records as r', 'r.id', 's.record_id')
    .innerJoin('patient_info as p', 'p.id', 'r.patient_id')
    .select(['p.id', 'p.full_name', 'p.date_of_birth'])
    .where('s.doctor_id', '=', doctorId)
    .where('r.deleted_at', 'is', null)
    .execute();
  const emergency = await db
    .selectFrom('emergency_access as e')
    .innerJoin('patient_info as p', 'p.id', 'e.patient_id')
    .select(['p.id', 'p.full_name', 'p.date_of_birth'])
    .where('e.doctor_id', '=', doctorId)
    .where('e.expires_at', '>', nowIso)
    .execute();
  return { visits, shared, emergency };
}

export const patientsByPhone = (db: Db, phone: string) =>
  db
    .selectFrom('patient_info')
    .select(['id', 'full_name', 'date_of_birth'])
    .where('phone', '=', phone)
    .where('merged_into', 'is', null)
    .orderBy('full_name')
    .limit(20)
    .execute();

/** Audit rows about a patient written by anyone else, of the given actions, newest first, with who wrote them. */
export async function accessesOf(db: Db, patientId: number, selfUserId: number, actions: readonly string[]) {
  return db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.detail', 'u.full_name as actor_name'])
    .where('a.patient_id', '=', patientId)
    .where('a.actor_user_id', '!=', selfUserId)
    .where('a.action', 'in', [...actions])
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
}
