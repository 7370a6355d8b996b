import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** Appointments at the clinic (not online) starting in [fromIso, toIso), still to be seen: booked or checked in. */
const todayAtClinic = (db: Db, fromIso: string, toIso: string) =>
  db
    .selectFrom('appointments as a')
    .innerJoin('patient_info as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.patient_id', 'a.status'])
    .where('a.mode', '=', 'in_person')
    .where('a.status', 'in', ['booked', 'checked_in'])
    .where('a.start_at', '>=', fromIso)
    .where('a.start_at', '<', toIso)
    .orderBy('a.start_at')
    .orderBy('a.id');

export const withCheckInCode = (db: Db, code: string, fromIso: string, toIso: string) =>
  todayAtClinic(db, fromIso, toIso).where('a.check_in_code', '=', code).execute();

/** By the patient's mobile number and date of birth (a walk-in who gave no birth date is never found this way). */
export const withPhoneAndBirth = (db: Db, phone: string, dateOfBirth: string, fromIso: string, toIso: string) =>
  todayAtClinic(db, fromIso, toIso).where('p.phone', '=', phone).where('p.date_of_birth', '=', dateOfBirth).where('p.merged_into', 'is', null).execute();
