import { sql, type Kysely } from 'kysely';
import { readTogether, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { HELD_STATUSES } from '../scheduling/appointments.repo';

type Db = Kysely<Database>;

/** A record (not a linked walk-in's) with this phone number and this name, letter case aside. */
export const sameNameAndPhone = (db: Db, fullName: string, phone: string) =>
  db
    .selectFrom('patient_info')
    .select(['id', 'full_name'])
    .where('merged_into', 'is', null)
    .where('phone', '=', phone)
    .where(sql<boolean>`lower(full_name) = ${fullName.toLowerCase()}`)
    .orderBy('id')
    .executeTakeFirst();

/** A record (not a linked walk-in's) with this email address. */
export const withEmail = (db: Db, email: string) =>
  db.selectFrom('patient_info').select(['id', 'full_name']).where('merged_into', 'is', null).where('email', '=', email).orderBy('id').executeTakeFirst();

/**
 * The day board's rows in one round trip: every appointment starting in [fromIso, toIso) with its patient and
 * when they were checked in, and the doctors who take appointments (verified, not suspended) or have one of them.
 */
export function board(db: Db, dialect: DialectName, fromIso: string, toIso: string) {
  const appointments = db
    .selectFrom('appointments as a')
    .innerJoin('patient_info as p', 'p.id', 'a.patient_id')
    .leftJoin('patient_info as holder', 'holder.id', 'p.holder_patient_id')
    .innerJoin('doctor_info as d', 'd.id', 'a.doctor_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('appointment_history')
          .select((h) => ['appointment_id', h.fn.max('at').as('checked_in_at')])
          .where('change', '=', 'checked_in')
          .groupBy('appointment_id')
          .as('h'),
      (join) => join.onRef('h.appointment_id', '=', 'a.id'),
    )
    .select([
      'a.id', 'a.number', 'a.doctor_id', 'a.patient_id', 'a.start_at', 'a.end_at', 'a.mode', 'a.status', 'a.reason', 'a.cancel_reason', 'a.queue_number', 'a.check_in_code',
      'p.full_name as patient_name', 'p.user_id as patient_user_id', 'p.phone as patient_phone', 'holder.full_name as holder_name', 'a.series_id',
      'd.full_name as doctor_name', 'h.checked_in_at',
    ])
    .where('a.start_at', '>=', fromIso)
    .where('a.start_at', '<', toIso)
    .orderBy('a.start_at')
    .orderBy('a.id');
  const doctors = db
    .selectFrom('doctor_info')
    .select(['id', 'full_name', 'speciality', 'speciality_other', 'status', 'suspended_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'verified'), eb('suspended_at', 'is', null)]),
        eb('id', 'in', eb.selectFrom('appointments').select('doctor_id').where('start_at', '>=', fromIso).where('start_at', '<', toIso)),
      ]),
    )
    .orderBy('full_name')
    .orderBy('id');
  return readTogether(db, dialect, { appointments, doctors });
}

/** Whether the two patients hold active appointments at overlapping times. */
export async function activeOverlap(db: Db, patientA: number, patientB: number): Promise<boolean> {
  const row = await db
    .selectFrom('appointments as a')
    .innerJoin('appointments as b', (join) => join.onRef('a.start_at', '<', 'b.end_at').onRef('a.end_at', '>', 'b.start_at'))
    .select('a.id')
    .where('a.patient_id', '=', patientA)
    .where('b.patient_id', '=', patientB)
    .where('a.status', 'in', HELD_STATUSES)
    .where('b.status', 'in', HELD_STATUSES)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * Moves what belongs to one patient record to another: its appointments (their history rows follow, being keyed
 * by appointment), series, waitlist places and family members. Any table added later that points at a patient
 * record must be moved here too. Returns how many appointments moved.
 */
export async function moveRecords(db: Db, fromPatient: number, toPatient: number, nowIso: string): Promise<number> {
  const r = await db
    .updateTable('appointments')
    .set({ patient_id: toPatient, updated_at: nowIso })
    .where('patient_id', '=', fromPatient)
    .executeTakeFirst();
  await db.updateTable('appointment_series').set({ patient_id: toPatient }).where('patient_id', '=', fromPatient).execute();
  await db.updateTable('waitlist_entries').set({ patient_id: toPatient, updated_at: nowIso }).where('patient_id', '=', fromPatient).execute();
  await db.updateTable('patient_info').set({ holder_patient_id: toPatient, updated_at: nowIso }).where('holder_patient_id', '=', fromPatient).execute();
  return Number(r.numUpdatedRows);
}

export const markMerged = (db: Db, walkInId: number, intoId: number, nowIso: string) =>
  db.updateTable('patient_info').set({ merged_into: intoId, updated_at: nowIso }).where('id', '=', walkInId).execute();
