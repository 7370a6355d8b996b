import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
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

export const insertPatient = (db: Db, userId: number | null, p: PatientProfile, nowIso: string) =>
  insertRecord(db, { ...columns(p), user_id: userId, created_at: nowIso, updated_at: nowIso });

/** The record as its own holder wrote it (a grown-up dependant taking theirs over is no longer anyone's dependant). */
export const updatePatient = (db: Db, id: number, p: PatientProfile, nowIso: string) =>
  updateRecord(db, id, { ...columns(p), birth_estimated: 0, updated_at: nowIso });

export const patientById = (db: Db, id: number) => db.selectFrom('patient_info').selectAll().where('id', '=', id).executeTakeFirst();

export const patientByUser = (db: Db, userId: number) =>
  db.selectFrom('patient_info').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** The account's own record and its dependants' (a walk-in's record linked away is no one's to act for), own first. */
export const familyOfUser = (db: Db, userId: number) => familyQuery(db, userId).execute();
/** The read behind familyOfUser, for reads that go together (dialects.ts readTogether). */
export const familyQuery = (db: Db, userId: number) =>
  db
    .selectFrom('patient_info')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb('holder_patient_id', 'in', eb.selectFrom('patient_info as h').select('h.id').where('h.user_id', '=', userId)),
      ]),
    )
    .where('merged_into', 'is', null)
    .orderBy(sql`holder_patient_id is not null`)
    .orderBy('full_name')
    .orderBy('id');

/** The dependants a record holds. */
export const dependantsOf = (db: Db, holderId: number) =>
  db.selectFrom('patient_info').selectAll().where('holder_patient_id', '=', holderId).where('merged_into', 'is', null).orderBy('full_name').orderBy('id').execute();

export async function insertRecord(db: Db, row: Insertable<Database['patient_info']>): Promise<number> {
  const { id } = await db.insertInto('patient_info').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const updateRecord = (db: Db, id: number, set: Updateable<Database['patient_info']>) => db.updateTable('patient_info').set(set).where('id', '=', id).execute();

/**
 * Name, phone (digits) or email, for the front desk; prefix matches so a few letters find someone. A walk-in's
 * record already linked to an account is left out: the person is found by the account's record.
 */
export function searchPatients(db: Db, query: string, limit: number) {
  const q = query.toLowerCase();
  const digits = query.replace(/\D/g, '');
  return db
    .selectFrom('patient_info')
    .leftJoin('patient_info as h', 'h.id', 'patient_info.holder_patient_id')
    .select(['patient_info.id', 'patient_info.full_name', 'patient_info.phone', 'patient_info.email', 'patient_info.date_of_birth', 'patient_info.user_id', 'h.full_name as holder_name'])
    .where('patient_info.merged_into', 'is', null)
    .where((eb) => {
      const any = [likeEscaped('full_name', `${escapeLike(q)}%`), likeEscaped('full_name', `% ${escapeLike(q)}%`), eb('patient_info.email', '=', q)];
      if (digits.length >= 4) any.push(likeEscaped('phone', `%${digits}%`));
      return eb.or(any);
    })
    .orderBy('patient_info.full_name')
    .limit(limit)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
// An explicit ESCAPE: SQLite has no default escape character for LIKE, PostgreSQL's is the backslash.
const likeEscaped = (column: 'full_name' | 'phone', pattern: string) =>
  sql<boolean>`lower(${sql.ref(`patient_info.${column}`)}) like ${pattern} escape '\\'`;
