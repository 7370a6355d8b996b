import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export const setSuspension = (db: Db, id: number, s: { at: string | null; reason: string | null; nowIso: string }) =>
  db.updateTable('doctor_info').set({ suspended_at: s.at, suspended_reason: s.reason, updated_at: s.nowIso }).where('id', '=', id).execute();

/** Verified doctors (or the one numbered `id`) with the count of their booked appointments that start after `nowIso`. */
export const verifiedDoctors = (db: Db, nowIso: string, id?: number) => {
  let q = db
    .selectFrom('doctor_info as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select((eb) => [
      'd.id', 'd.full_name', 'u.email', 'd.speciality', 'd.speciality_other', 'd.suspended_at', 'd.suspended_reason',
      eb
        .selectFrom('appointments as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.doctor_id', '=', 'd.id')
        .where('a.status', '=', 'booked')
        .where('a.start_at', '>', nowIso)
        .as('upcoming'),
    ])
    .where('d.status', '=', 'verified');
  if (id !== undefined) q = q.where('d.id', '=', id);
  return q.orderBy('d.full_name').orderBy('d.id').execute();
};

/** Booked appointments not yet over of every suspended doctor, soonest first, with the patient's name and phone. */
export const bookedOfSuspended = (db: Db, nowIso: string) =>
  db
    .selectFrom('appointments as a')
    .innerJoin('doctor_info as d', 'd.id', 'a.doctor_id')
    .innerJoin('patient_info as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.doctor_id', 'd.full_name as doctor_name', 'a.patient_id', 'p.full_name as patient_name', 'p.phone as patient_phone', 'a.start_at', 'a.end_at', 'a.mode'])
    .where('d.suspended_at', 'is not', null)
    .where('a.status', '=', 'booked')
    .where('a.end_at', '>', nowIso)
    .orderBy('a.start_at')
    .orderBy('a.id')
    .execute();
