import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { insertNumbered, takeNumber } from '../db/counters.repo';
import { dialectOf, serializedRead, writeLater, type LockKey } from '../db/dialects';
import type { Database } from '../db/schema';
import { lastEntry } from '../audit/audit.repo';
import { doctorOfAppointment, doctorQuery } from '../doctors/doctors.repo';
import { familyQuery } from '../patients/patients.repo';
import { reachBack, versionRows, versionsOf } from '../search/search.repo';
import { bumpBusyVersion } from '../search/versions.repo';

type Db = Kysely<Database>;
export type AppointmentRow = Selectable<Database['appointments']>;
/** The statuses that hold a doctor's (and the patient's) time: no other appointment may overlap one of them. */
export const HELD_STATUSES = ['booked', 'checked_in', 'completed'] as const;

/**
 * What a screen shows of an appointment (appointments.service view), with the names, place and video link beside
 * it: all that a long list (a doctor's week) reads, each column costing its time in every row.
 */
const shown = (db: Db) =>
  db
    .selectFrom('appointments as a')
    .innerJoin('doctor_info as d', 'd.id', 'a.doctor_id')
    .innerJoin('patient_info as p', 'p.id', 'a.patient_id')
    // A family member's holder: their contact.
    .leftJoin('patient_info as h', 'h.id', 'p.holder_patient_id')
    .leftJoin('video_links as v', 'v.appointment_id', 'a.id')
    .select(['a.id', 'a.number', 'a.doctor_id', 'a.patient_id', 'a.series_id', 'a.start_at', 'a.end_at', 'a.mode', 'a.reason', 'a.status', 'a.cancel_reason'])
    .select(['a.check_in_code', 'a.queue_number', 'd.full_name as doctor_name', 'd.hospital', 'p.full_name as patient_name', 'h.full_name as holder_name'])
    .select(['v.provider as video_provider', 'v.state as video_state', 'v.url as video_url']);
export type ShownRow = Awaited<ReturnType<ReturnType<typeof shown>['executeTakeFirstOrThrow']>>;

/** The whole appointment as shown, with what a change needs too: its calendar UID and sequence, whom to tell. */
const detailed = (db: Db) =>
  shown(db)
    .select(['a.ics_uid', 'a.ics_sequence', 'a.created_by', 'a.created_at', 'a.updated_at'])
    .select(['d.user_id as doctor_user_id', 'p.user_id as patient_user_id', 'h.user_id as holder_user_id']);
export type DetailedRow = Awaited<ReturnType<ReturnType<typeof detailed>['executeTakeFirstOrThrow']>>;

export const appointmentById = (db: Db, id: number) => detailed(db).where('a.id', '=', id).executeTakeFirst();

/** An appointment's doctor and patient as the database reads them within another statement (neither ever changes). */
export const appointmentsDoctor = (db: Db, id: number) => db.selectFrom('appointments').select('doctor_id').where('id', '=', id);
export const appointmentsPatient = (db: Db, id: number) => db.selectFrom('appointments').select('patient_id').where('id', '=', id);
export type DoctorOf = ReturnType<typeof appointmentsDoctor>;
export type PatientOf = ReturnType<typeof appointmentsPatient>;

/**
 * An appointment about to change and what the change needs beside it, as reads that go together (dialects.ts
 * readTogether): the appointment, its video link, its doctor as the emails name them, its patient and their holder
 * (whom the emails go to), the family of the account `userId` (whom the caller may act for), and the audit log's
 * last row (of use to a caller that holds its lock).
 */
export function changeReads(db: Db, id: number, userId: number) {
  return {
    appointment: detailed(db).where('a.id', '=', id),
    link: db.selectFrom('video_links').selectAll().where('appointment_id', '=', id),
    doctor: doctorOfAppointment(db, id),
    people: patientAndHolder(db, appointmentsPatient(db, id)),
    family: familyQuery(db, userId),
    auditTail: lastEntry(db),
  };
}

/**
 * What a booking reads before its check, as reads that go together: the doctor as the emails name them, the
 * family of the account `userId` (whom a patient may book for), and the patient the front desk names with their
 * holder (none when `patientId` is null).
 */
export const bookingReads = (db: Db, doctorId: number, userId: number, patientId: number | null) => ({
  doctor: doctorQuery(db, doctorId),
  family: familyQuery(db, userId),
  people: patientAndHolder(db, patientId),
});

/** A patient record (the one `patientId` is or selects; none for null) and their holder's, if a dependant. */
const patientAndHolder = (db: Db, patientId: number | null | PatientOf) =>
  db
    .selectFrom('patient_info')
    .selectAll()
    .where((eb) =>
      patientId === null
        ? eb.lit(false)
        : eb.or([eb('id', '=', patientId), eb('id', '=', eb.selectFrom('patient_info as q').select('q.holder_patient_id').where('q.id', '=', patientId))]),
    );

export const appointmentsOfPatients = (db: Db, patientIds: number[]) =>
  patientIds.length ? detailed(db).where('a.patient_id', 'in', patientIds).orderBy('a.start_at').orderBy('a.id').execute() : Promise.resolve([]);

export const appointmentsOfSeries = (db: Db, seriesId: number) =>
  detailed(db).where('a.series_id', '=', seriesId).orderBy('a.start_at').orderBy('a.id').execute();

export async function insertSeries(db: Db, row: Insertable<Database['appointment_series']>): Promise<number> {
  const { id } = await db.insertInto('appointment_series').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const seriesById = (db: Db, id: number) => db.selectFrom('appointment_series').selectAll().where('id', '=', id).executeTakeFirst();

/** Whether the patient has (or had) any appointment with the doctor: whom a doctor may book repeat visits for. */
export const isPatientOf = async (db: Db, patientId: number, doctorId: number) =>
  !!(await db.selectFrom('appointments').select('id').where('patient_id', '=', patientId).where('doctor_id', '=', doctorId).limit(1).executeTakeFirst());

export const appointmentsOfDoctor = (db: Db, doctorId: number, fromIso: string, toIso: string) =>
  detailed(db).where('a.doctor_id', '=', doctorId).where('a.start_at', '<', toIso).where('a.end_at', '>', fromIso).orderBy('a.start_at').execute();

/** The doctor signed in as `userId`, with their appointments and blocked time touching [fromIso, toIso): reads that go together. */
export function diaryReads(db: Db, userId: number, fromIso: string, toIso: string) {
  const doctorIds = db.selectFrom('doctor_info').select('id').where('user_id', '=', userId);
  return {
    doctor: db.selectFrom('doctor_info').select(['id', 'status', 'verified_before_at', 'suspended_at']).where('user_id', '=', userId),
    appointments: shown(db).where('d.user_id', '=', userId).where('a.start_at', '<', toIso).where('a.end_at', '>', fromIso).orderBy('a.start_at'),
    blocked: blockedQuery(db, fromIso, toIso).where('doctor_id', 'in', doctorIds),
  };
}

/** What a busy-time read leaves out: the appointments being moved, the waitlist offer being taken. */
export interface BusyExcept {
  appointmentIds?: number[];
  offerId?: number;
}

/**
 * A doctor's active appointments, blocked time and times held for someone on the waitlist (an open offer until
 * it expires at `nowIso`) that touch [fromIso, toIso): what makes a slot busy.
 */
export const busyOfDoctor = (db: Db, doctorId: number, fromIso: string, toIso: string, nowIso: string, except: BusyExcept = {}) =>
  busyQuery(db, doctorId, fromIso, toIso, nowIso, except).execute();

/** The read behind busyOfDoctor, for reads that go together (dialects.ts readTogether). */
export function busyQuery(db: Db, doctorId: number | DoctorOf, fromIso: string, toIso: string, nowIso: string, except: BusyExcept) {
  let appointments = db
    .selectFrom('appointments')
    .select(['start_at', 'end_at'])
    .where('doctor_id', '=', doctorId)
    .where('status', 'in', HELD_STATUSES)
    .where('start_at', '>', reachBack(fromIso))
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  if (except.appointmentIds?.length) appointments = appointments.where('id', 'not in', except.appointmentIds);
  const blocked = db
    .selectFrom('blocked_times')
    .select(['start_at', 'end_at'])
    .where('doctor_id', '=', doctorId)
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  let held = db
    .selectFrom('waitlist_offers')
    .select(['start_at', 'end_at'])
    .where('doctor_id', '=', doctorId)
    .where('status', '=', 'open')
    .where('expires_at', '>', nowIso)
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  if (except.offerId) held = held.where('id', '!=', except.offerId);
  // One statement: on PostgreSQL each is a round trip, and a booking waits for every one.
  return appointments.unionAll(blocked).unionAll(held);
}

/**
 * What a booking's check reads once it holds the diaries (and the audit log), in one statement: the change
 * counters (search.repo versionRows), the doctor's busy time, the patient's active appointments that touch
 * [fromIso, toIso), whether a check-in code is taken on a clinic day, the audit log's last row, and the status
 * of each appointment being moved (`except`). The doctor and patient may be an appointment's, read by the database
 * in the same statement.
 */
export function diariesQuery(
  db: Db,
  doctorId: number | DoctorOf,
  patientId: number | PatientOf,
  fromIso: string,
  toIso: string,
  nowIso: string,
  except: BusyExcept,
  code: { code: string; fromIso: string; toIso: string },
  reserve = false,
) {
  const kind = (k: string) => sql<string>`${sql.lit(k)}`.as('kind');
  // A booking's id and number, taken with its check on PostgreSQL (the counter's row then stays locked until the
  // booking ends, and a refusal's rollback gives the number back), so that its insert can wait for the commit.
  const taking = reserve && dialectOf(db) === 'postgres';
  const qc = taking ? (db.with('taken', (q) => takeNumber(q, 'appointment')) as unknown as Db) : db;
  let patient = db
    .selectFrom('appointments')
    .select([kind('patient'), 'start_at as a', 'end_at as b'])
    .where('patient_id', '=', patientId)
    .where('status', 'in', HELD_STATUSES)
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  if (except.appointmentIds?.length) patient = patient.where('id', 'not in', except.appointmentIds);
  let read = versionRows(qc)
    .select([kind('version'), 'key as a', 'value as b'])
    .unionAll(db.selectFrom(busyQuery(db, doctorId, fromIso, toIso, nowIso, except).as('busy')).select([kind('doctor'), 'start_at as a', 'end_at as b']))
    .unionAll(patient)
    .unionAll(
      db
        .selectFrom('appointments')
        .select([kind('code'), 'start_at as a', 'start_at as b'])
        .where('check_in_code', '=', code.code)
        .where('start_at', '>=', code.fromIso)
        .where('start_at', '<', code.toIso),
    )
    .unionAll(
      db
        .selectFrom(lastEntry(db).as('last'))
        .select([kind('audit'), sql<string>`cast(id as text)`.as('a'), 'hash as b']),
    );
  if (except.appointmentIds?.length) {
    read = read.unionAll(db.selectFrom('appointments').select([kind('moving'), sql<string>`cast(id as text)`.as('a'), 'status as b']).where('id', 'in', except.appointmentIds));
  }
  if (taking) {
    read = read.unionAll(
      sql<{ kind: string; a: string; b: string }>`select 'number', cast(value as text), null from taken union all select 'id', cast(nextval(pg_get_serial_sequence('appointments', 'id')) as text), null`,
    );
  }
  return read;
}
export type DiaryRow = { kind: string; a: string; b: string };

/** What diariesQuery's rows tell, by kind. */
export function diariesOf(rows: DiaryRow[]) {
  const of = (k: string) => rows.filter((r) => r.kind === k);
  const reserved = of('id').length ? { id: Number(of('id')[0]!.a), number: Number(of('number')[0]!.a) } : undefined;
  return {
    reserved,
    versions: versionsOf(of('version').map((r) => ({ key: r.a, value: r.b }))),
    doctor: of('doctor').map((r) => ({ start_at: r.a, end_at: r.b })),
    patient: of('patient').map((r) => ({ start_at: r.a, end_at: r.b })),
    auditTail: of('audit').map((r) => ({ id: Number(r.a), hash: r.b }))[0],
    codeTaken: of('code').length > 0,
    movingStatuses: of('moving').map((r) => r.b),
  };
}

/** A booking's id and number, taken with its check (diariesQuery `reserve`). */
export interface Reserved {
  id: number;
  number: number;
}

/**
 * The new appointment's row as stored (its id, booking number and defaults), without reading it back. With the id
 * and number `reserved`, the insert is put off (writeLater); else the number is taken last, in the insert itself.
 * Either way the counter's row stays locked until this booking commits.
 */
export async function insertAppointment(db: Db, row: Omit<AppointmentRow, 'id' | 'ics_sequence' | 'number'>, reserved?: Reserved): Promise<AppointmentRow> {
  let stored: AppointmentRow;
  if (reserved) {
    stored = { ...row, ...reserved, ics_sequence: 0 };
    await writeLater(db, db.insertInto('appointments').values(stored));
  } else {
    stored = await insertNumbered(db, 'appointment', (qc, number) => qc.insertInto('appointments').values({ ...row, number }).returningAll());
  }
  // Every change to busy time moves the counter doctor search's slot caches follow (same transaction).
  await bumpBusyVersion(db);
  return stored;
}

/**
 * A change to an appointment whose caller goes on with the row as changed (it checked the change under the doctor's
 * lock): put off on PostgreSQL (writeLater), so it goes with the call's next statement or its commit.
 */
export async function updateAppointment(db: Db, id: number, set: Partial<Omit<AppointmentRow, 'id'>>) {
  await writeLater(db, db.updateTable('appointments').set(set).where('id', '=', id));
  await bumpBusyVersion(db);
}

/** Whether an appointment starting in [fromIso, toIso) (one clinic day) already holds this check-in code. */
export async function checkInCodeTaken(db: Db, code: string, fromIso: string, toIso: string): Promise<boolean> {
  const row = await db
    .selectFrom('appointments')
    .select('id')
    .where('check_in_code', '=', code)
    .where('start_at', '>=', fromIso)
    .where('start_at', '<', toIso)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * An appointment as it stands once `lock` (its doctor's and the audit log's) is taken, read in the same round trip,
 * with the next place in its doctor's queue on one clinic day [fromIso, toIso) (one after the last given) and the
 * audit log's last row.
 */
export async function underLock(db: Db, id: number, fromIso: string, toIso: string, lock: LockKey[]) {
  const read = detailed(db)
    .select((eb) =>
      eb
        .selectFrom('appointments as q')
        .select((e) => e.fn.max('q.queue_number').as('m'))
        .whereRef('q.doctor_id', '=', 'a.doctor_id')
        .where('q.start_at', '>=', fromIso)
        .where('q.start_at', '<', toIso)
        .as('last_queue_number'),
    )
    .select((eb) => eb.selectFrom(lastEntry(db).as('t')).select('t.id').as('audit_id'))
    .select((eb) => eb.selectFrom(lastEntry(db).as('t')).select('t.hash').as('audit_hash'))
    .where('a.id', '=', id);
  const [found] = await serializedRead(db, dialectOf(db), lock, read);
  if (!found) return undefined;
  const { last_queue_number, audit_id, audit_hash, ...row } = found;
  return {
    row: row as DetailedRow,
    day: { fromIso, toIso },
    queueNumber: Number(last_queue_number ?? 0) + 1,
    auditTail: audit_id != null && audit_hash != null ? { id: Number(audit_id), hash: audit_hash } : undefined,
  };
}
export type UnderLock = NonNullable<Awaited<ReturnType<typeof underLock>>>;

/** Put off on PostgreSQL (writeLater): the call that writes an appointment's history goes on without waiting for it. */
export const addHistory = (
  db: Db,
  h: { appointmentId: number; at: string; actorId: number | null; change: string; from?: unknown; to?: unknown },
) =>
  writeLater(
    db,
    db
    .insertInto('appointment_history')
    .values({
      appointment_id: h.appointmentId,
      at: h.at,
      actor_user_id: h.actorId,
      change: h.change,
      from_value: h.from === undefined ? null : JSON.stringify(h.from),
      to_value: h.to === undefined ? null : JSON.stringify(h.to),
    }),
  );

export const historyOf = (db: Db, appointmentId: number) =>
  db
    .selectFrom('appointment_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .select(['h.at', 'h.change', 'h.from_value', 'h.to_value', 'u.full_name as actor_name'])
    .where('h.appointment_id', '=', appointmentId)
    .orderBy('h.id')
    .execute();

const blockedQuery = (db: Db, fromIso: string, toIso: string) =>
  db.selectFrom('blocked_times').select(['id', 'start_at', 'end_at', 'reason']).where('start_at', '<', toIso).where('end_at', '>', fromIso).orderBy('start_at');

export async function insertBlock(db: Db, b: Omit<Selectable<Database['blocked_times']>, 'id'>) {
  const result = await db.insertInto('blocked_times').values(b).execute();
  await bumpBusyVersion(db);
  return result;
}

export async function deleteBlock(db: Db, doctorId: number, id: number) {
  const result = await db.deleteFrom('blocked_times').where('id', '=', id).where('doctor_id', '=', doctorId).executeTakeFirst();
  await bumpBusyVersion(db);
  return result;
}
