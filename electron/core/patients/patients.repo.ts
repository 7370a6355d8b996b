import { sql, type Kysely, type Selectable } from 'kysely';
import type { PatientProfile } from '../../../shared/fields';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type PatientRow = Selectable<Database['patient_info']>;

const columns = (p: PatientProfile) => ({
  full_name: p.fullName,
  email: p.email,
  phone: p.phone,
  date_of_birth: p.dateOfBirth,
  sex: p.sex,
  address_line: p.address.line,
  city: p.address.city,
  state: p.address.state,
  pin_code: p.address.pinCode,
  blood_group: p.bloodGroup ?? null,
  allergies: p.allergies ?? null,
  medical_history: p.medicalHistory ?? null,
  chronic_conditions: p.chronicConditions ?? null,
  current_medications: p.currentMedications ?? null,
  emergency_contact_name: p.emergencyContactName ?? null,
  emergency_contact_phone: p.emergencyContactPhone ?? null,
  preferred_language: p.preferredLanguage,
});

export async function insertPatient(db: Db, userId: number | null, p: PatientProfile, nowIso: string): Promise<number> {
  const { id } = await db
    .insertInto('patient_info')
    .values({ ...columns(p), user_id: userId, created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const updatePatient = (db: Db, id: number, p: PatientProfile, nowIso: string) =>
  db.updateTable('patient_info').set({ ...columns(p), updated_at: nowIso }).where('id', '=', id).execute();

export const patientById = (db: Db, id: number) => db.selectFrom('patient_info').selectAll().where('id', '=', id).executeTakeFirst();

export const patientByUser = (db: Db, userId: number) =>
  db.selectFrom('patient_info').selectAll().where('user_id', '=', userId).executeTakeFirst();

/**
 * Name, phone (digits) or email, for the front desk; prefix matches so a few letters find someone. A walk-in's
 * record already linked to an account is left out: the person is found by the account's record.
 */
export function searchPatients(db: Db, query: string, limit: number) {
  const q = query.toLowerCase();
  const digits = query.replace(/\D/g, '');
  return db
    .selectFrom('patient_info')
    .select(['id', 'full_name', 'phone', 'email', 'date_of_birth', 'user_id'])
    .where('merged_into', 'is', null)
    .where((eb) => {
      const any = [likeEscaped('full_name', `${escapeLike(q)}%`), likeEscaped('full_name', `% ${escapeLike(q)}%`), eb('email', '=', q)];
      if (digits.length >= 4) any.push(likeEscaped('phone', `%${digits}%`));
      return eb.or(any);
    })
    .orderBy('full_name')
    .limit(limit)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
// An explicit ESCAPE: SQLite has no default escape character for LIKE, PostgreSQL's is the backslash.
const likeEscaped = (column: 'full_name' | 'phone', pattern: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
