import { sql, type Kysely, type Selectable } from 'kysely';
import type { DoctorCredentials } from '../../../shared/fields';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type DoctorRow = Selectable<Database['doctor_info']> & { email: string };
export type EducationRow = Selectable<Database['doctor_education']>;

const columns = (c: DoctorCredentials) => ({
  full_name: c.fullName,
  phone: c.phone,
  speciality: c.speciality,
  speciality_other: c.speciality === 'other' ? (c.specialityOther ?? null) : null,
  registration_number: c.registrationNumber,
  registration_council: c.registrationCouncil,
  hospital: c.hospital,
  experience_years: c.experienceYears,
  languages: JSON.stringify(c.languages),
  bio: c.bio ?? null,
});

async function replaceEducation(db: Db, doctorId: number, c: DoctorCredentials) {
  await db.deleteFrom('doctor_education').where('doctor_id', '=', doctorId).execute();
  await db
    .insertInto('doctor_education')
    .values(c.education.map((e, position) => ({ doctor_id: doctorId, position, ...e })))
    .execute();
}

export async function insertDoctor(db: Db, userId: number, c: DoctorCredentials, status: string, nowIso: string) {
  const { id } = await db
    .insertInto('doctor_info')
    .values({ ...columns(c), user_id: userId, status, submitted_at: nowIso, created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceEducation(db, id, c);
  return id;
}

/** Back into the verification queue with these credentials; `verifiedBefore`: when a doctor changing verified credentials was verified. */
export async function resubmitDoctor(db: Db, id: number, c: DoctorCredentials, nowIso: string, verifiedBefore: string | null) {
  await db
    .updateTable('doctor_info')
    .set({
      ...columns(c), status: 'pending', decision_reason: null, decided_by: null, decided_at: null, submitted_at: nowIso, updated_at: nowIso,
      verified_before_at: verifiedBefore,
    })
    .where('id', '=', id)
    .execute();
  await replaceEducation(db, id, c);
}

/** A verified doctor's details that need no new check (the credentials themselves are unchanged). */
export const updateDetails = (db: Db, id: number, c: DoctorCredentials, nowIso: string) =>
  db.updateTable('doctor_info').set({ ...columns(c), updated_at: nowIso }).where('id', '=', id).execute();

/** The administrator's decision; an approval ends a re-verification. */
export const decide = (db: Db, id: number, d: { status: string; reason: string | null; by: number; nowIso: string }) =>
  db
    .updateTable('doctor_info')
    .set({
      status: d.status, decision_reason: d.reason, decided_by: d.by, decided_at: d.nowIso, updated_at: d.nowIso,
      ...(d.status === 'verified' ? { verified_before_at: null } : {}),
    })
    .where('id', '=', id)
    .execute();

/**
 * With the account's email and language, the degrees in order and the doctor's own fees: all a booking's emails
 * say of the doctor, in the one read (string_agg: PostgreSQL, and SQLite since 3.44).
 */
const withEmail = (db: Db) =>
  db
    .selectFrom('doctor_info')
    .innerJoin('users', 'users.id', 'doctor_info.user_id')
    .leftJoin('doctor_fees as f', 'f.doctor_id', 'doctor_info.id')
    .selectAll('doctor_info')
    .select(['users.email', 'users.language as user_language'])
    .select(['f.consultation_in_person', 'f.consultation_online', 'f.lab_test', 'f.medication', 'f.other'])
    .select(
      sql<string | null>`(select string_agg(e.degree, ', ' order by e.position) from doctor_education e where e.doctor_id = doctor_info.id)`.as('qualifications'),
    );

export const doctorById = (db: Db, id: number) => doctorQuery(db, id).executeTakeFirst();
/** The read behind doctorById, for reads that go together (dialects.ts readTogether). */
export const doctorQuery = (db: Db, id: number) => withEmail(db).where('doctor_info.id', '=', id);
export const doctorByUser = (db: Db, userId: number) => doctorOfUser(db, userId).executeTakeFirst();
/** The read behind doctorByUser, for reads that go together (dialects.ts readTogether). */
export const doctorOfUser = (db: Db, userId: number) => withEmail(db).where('doctor_info.user_id', '=', userId);
/** An appointment's doctor, as doctorById reads them, for reads that go together. */
export const doctorOfAppointment = (db: Db, appointmentId: number) =>
  withEmail(db).where('doctor_info.id', '=', (eb) => eb.selectFrom('appointments').select('doctor_id').where('id', '=', appointmentId));
export const doctorsWithStatus = (db: Db, status: string) =>
  withEmail(db).where('doctor_info.status', '=', status).orderBy('doctor_info.submitted_at').execute();

export async function educationOf(db: Db, doctorIds: number[]): Promise<Map<number, EducationRow[]>> {
  const map = new Map<number, EducationRow[]>();
  if (doctorIds.length === 0) return map;
  const rows = await db.selectFrom('doctor_education').selectAll().where('doctor_id', 'in', doctorIds).orderBy('position').execute();
  for (const r of rows) map.set(r.doctor_id, [...(map.get(r.doctor_id) ?? []), r]);
  return map;
}

export const registrationHolder = (db: Db, council: string, number: string) =>
  db
    .selectFrom('doctor_info')
    .select(['id'])
    .where('registration_council', '=', council)
    .where('registration_number', '=', number)
    .executeTakeFirst();
