import { sql, type Kysely } from 'kysely';
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

/** Doctors who take appointments (verified, not suspended), and any other doctor named in `also` (ids, or a read of them). */
const boardDoctorsQuery = (db: Db, also: number[] | ReturnType<typeof doctorsWithAppointments>) =>
  db
    .selectFrom('doctor_info')
    .select(['id', 'full_name', 'latin_name', 'speciality', 'speciality_other', 'status', 'suspended_at'])
    .where((eb) => {
      const practising = eb.and([eb('status', '=', 'verified'), eb('suspended_at', 'is', null)]);
      return Array.isArray(also) && also.length === 0 ? practising : eb.or([practising, eb('id', 'in', also)]);
    })
    .orderBy('full_name')
    .orderBy('id');

export const boardDoctors = (db: Db, alsoIds: number[]) => boardDoctorsQuery(db, alsoIds).execute();

const doctorsWithAppointments = (db: Db, fromIso: string, toIso: string) =>
  db.selectFrom('appointments').select('doctor_id').where('start_at', '>=', fromIso).where('start_at', '<', toIso);

/** Appointments with their patient (and holder), doctor and when they were checked in: the board's and the printed sheets' rows. */
const boardRows = (db: Db) =>
  db
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
      'p.full_name as patient_name', 'p.latin_name as patient_latin_name', 'p.user_id as patient_user_id', 'p.phone as patient_phone',
      'holder.full_name as holder_name', 'holder.latin_name as holder_latin_name', 'a.series_id',
      'd.full_name as doctor_name', 'd.latin_name as doctor_latin_name', 'h.checked_in_at',
    ]);
export type BoardRow = Awaited<ReturnType<ReturnType<typeof boardRows>['executeTakeFirstOrThrow']>>;

/** Every appointment starting in [fromIso, toIso) (of one doctor, if named), in start order. */
export const appointmentsStarting = (db: Db, fromIso: string, toIso: string, doctorId?: number) => startingQuery(db, fromIso, toIso, doctorId).execute();

function startingQuery(db: Db, fromIso: string, toIso: string, doctorId?: number) {
  let q = boardRows(db).where('a.start_at', '>=', fromIso).where('a.start_at', '<', toIso);
  if (doctorId !== undefined) q = q.where('a.doctor_id', '=', doctorId);
  return q.orderBy('a.start_at').orderBy('a.id');
}

/**
 * The day board's rows, as reads that go together (dialects.ts readTogether): the appointments starting in
 * [fromIso, toIso), and the doctors who take appointments or have one of them.
 */
export const boardReads = (db: Db, fromIso: string, toIso: string) => ({
  appointments: startingQuery(db, fromIso, toIso),
  doctors: boardDoctorsQuery(db, doctorsWithAppointments(db, fromIso, toIso)),
});

export const boardAppointment = (db: Db, id: number) => boardRows(db).where('a.id', '=', id).executeTakeFirst();

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
