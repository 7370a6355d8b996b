import { sql, type Kysely } from 'kysely';
import { integerRows, serializedRead, writeLater, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';

type Row = Database['audit_log'];

/** The chain's last entry (read under the chain's lock: the next entry follows it). */
export const lastEntry = (db: Kysely<Database>) => db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1);

/** The chain's last entry, read once this transaction holds the chain's lock `lock` (one round trip for both). */
export const lockedLastEntry = async (db: Kysely<Database>, dialect: DialectName, lock: string) => (await serializedRead(db, dialect, [lock], lastEntry(db)))[0];

/** An entry and the patients it names: written with the transaction's commit (nothing reads them back before). */
export async function insertEntry(db: Kysely<Database>, dialect: DialectName, row: Row, patientIds: number[]): Promise<void> {
  await writeLater(db, db.insertInto('audit_log').values(row));
  if (patientIds.length === 0) return;
  const patients = sql`select cast(${row.id} as integer), value from (${integerRows(dialect, patientIds)}) as p`;
  await writeLater(db, db.insertInto('audit_patients').columns(['audit_id', 'patient_id']).expression(patients));
}

export async function allEntries(db: Kysely<Database>) {
  return db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** Who or what the ids in a page of details name: users, doctors and patients by name, appointments by booking number. */
export async function namesFor(db: Kysely<Database>, ids: { user: number[]; doctor: number[]; patient: number[]; appointment: number[] }) {
  const none = Promise.resolve([] as { id: number; label: string | number }[]);
  const [users, doctors, patients, appointments] = await Promise.all([
    ids.user.length ? db.selectFrom('users').select(['id', 'full_name as label']).where('id', 'in', ids.user).execute() : none,
    ids.doctor.length ? db.selectFrom('doctor_info').select(['id', 'full_name as label']).where('id', 'in', ids.doctor).execute() : none,
    ids.patient.length ? db.selectFrom('patient_info').select(['id', 'full_name as label']).where('id', 'in', ids.patient).execute() : none,
    ids.appointment.length ? db.selectFrom('appointments').select(['id', 'number as label']).where('id', 'in', ids.appointment).execute() : none,
  ]);
  return { user: users, doctor: doctors, patient: patients, appointment: appointments };
}

export interface AuditFilter {
  action?: string;
  actorEmail?: string;
  patientId?: number;
  fromIso?: string;
  toIso?: string;
  beforeId?: number;
  limit: number;
}

export async function findEntries(db: Kysely<Database>, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('patient_info as p', 'p.id', 'a.patient_id')
    .select([
      'a.id', 'a.at', 'a.actor_user_id', 'a.action', 'a.patient_id', 'a.detail',
      'u.full_name as actor_name', 'p.full_name as patient_name',
    ]);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actorEmail) q = q.where('u.email', '=', f.actorEmail.toLowerCase());
  if (f.patientId) {
    const { patientId } = f;
    q = q.where((w) =>
      w.or([
        w('a.patient_id', '=', patientId),
        w('a.id', 'in', w.selectFrom('audit_patients').select('audit_id').where('patient_id', '=', patientId)),
      ]),
    );
  }
  if (f.fromIso) q = q.where('a.at', '>=', f.fromIso);
  if (f.toIso) q = q.where('a.at', '<', f.toIso);
  if (f.beforeId) q = q.where('a.id', '<', f.beforeId);
  return q.orderBy('a.id', 'desc').limit(f.limit).execute();
}
