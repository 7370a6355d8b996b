import type { Insertable, Kysely, Selectable } from 'kysely';
import { readTogether, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { doctorOfUser } from '../doctors/doctors.repo';

type Db = Kysely<Database>;
export type ReadingRow = Selectable<Database['readings']>;
export type PlanRow = Selectable<Database['monitoring_plans']>;
export type PlanMeasureRow = Selectable<Database['plan_measures']>;
export type AlertRow = Selectable<Database['monitoring_alerts']>;

// ---- readings ----

export async function insertReading(db: Db, row: Insertable<Database['readings']>): Promise<ReadingRow> {
  return db.insertInto('readings').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Many readings in one statement per few hundred (a parameter limit), oldest first as given; returned with their ids. */
export async function insertReadings(db: Db, rows: Insertable<Database['readings']>[]): Promise<ReadingRow[]> {
  const saved: ReadingRow[] = [];
  for (let at = 0; at < rows.length; at += 500) {
    saved.push(...(await db.insertInto('readings').values(rows.slice(at, at + 500)).returningAll().execute()));
  }
  return saved;
}

/** A patient's readings from `fromIso` on (all without it), oldest first; `measure`: of one measure only. */
export const readingsOf = (db: Db, patientId: number, f: { fromIso?: string; toIso?: string; measure?: string } = {}) => readingsQuery(db, patientId, f).execute();

function readingsQuery(db: Db, patientId: number, f: { fromIso?: string; toIso?: string; measure?: string }) {
  let q = db.selectFrom('readings').selectAll().where('patient_id', '=', patientId);
  if (f.measure) q = q.where('measure', '=', f.measure);
  if (f.fromIso) q = q.where('taken_at', '>=', f.fromIso);
  if (f.toIso) q = q.where('taken_at', '<=', f.toIso);
  return q.orderBy('taken_at').orderBy('id');
}

/** One measure's readings from `fromIso` to `toIso`, oldest first, with what the alert rules read of them. */
export const ruleHistory = (db: Db, patientId: number, measure: string, fromIso: string, toIso: string) =>
  db.selectFrom('readings').select(['id', 'value', 'value2', 'taken_at']).where('patient_id', '=', patientId).where('measure', '=', measure)
    .where('taken_at', '>=', fromIso).where('taken_at', '<=', toIso).orderBy('taken_at').orderBy('id').execute();

/** A patient's chart: their plans with the plans' measures, their readings from `fromIso` on (all without it), `alerts`, and the home-care visits. */
const chartReads = (db: Db, patientId: number, fromIso: string | undefined, alerts: ReturnType<typeof alertsQuery>) => ({
  plans: plansQuery(db, patientId),
  measures: db.selectFrom('plan_measures').selectAll().where('plan_id', 'in', db.selectFrom('monitoring_plans').select('id').where('patient_id', '=', patientId)),
  readings: readingsQuery(db, patientId, { fromIso }),
  alerts,
  visits: visitsQuery(db, patientId, {}),
});

/** The patient's own chart, with the alerts their doctors handled, in one round trip. */
export const ownChart = (db: Db, dialect: DialectName, patientId: number, fromIso: string | undefined) =>
  readTogether(db, dialect, chartReads(db, patientId, fromIso, alertsQuery(db, { patientId, handled: true })), [], 'readings');

/** A patient's chart as the doctor signed in as `doctorUserId` sees it (their alerts), with the patient and that doctor, in one round trip. */
export const doctorsChart = (db: Db, dialect: DialectName, doctorUserId: number, patientId: number, fromIso: string | undefined) =>
  readTogether(db, dialect, {
    ...chartReads(db, patientId, fromIso, alertsQuery(db, { patientId }).where('d.user_id', '=', doctorUserId)),
    patient: db.selectFrom('patient_info').selectAll().where('id', '=', patientId),
    doctor: doctorOfUser(db, doctorUserId),
  }, [], 'readings');

/** The last `n` readings of one measure taken at or before `atIso`, oldest first. */
export async function lastReadings(db: Db, patientId: number, measure: string, atIso: string, n: number) {
  const rows = await db.selectFrom('readings').selectAll().where('patient_id', '=', patientId).where('measure', '=', measure)
    .where('taken_at', '<=', atIso).orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.reverse();
}

export const readingsByIds = (db: Db, ids: number[]) =>
  ids.length ? db.selectFrom('readings').selectAll().where('id', 'in', ids).orderBy('taken_at').execute() : Promise.resolve([] as ReadingRow[]);

/** The latest reading of each measure of a patient (for a status at a glance and a missed schedule). */
export function latestByMeasure(db: Db, patientIds: number[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('readings as r')
    .innerJoin(
      (eb) => eb.selectFrom('readings').select(['patient_id', 'measure']).select((e) => e.fn.max('taken_at').as('taken_at')).where('patient_id', 'in', patientIds).groupBy(['patient_id', 'measure']).as('l'),
      (j) => j.onRef('l.patient_id', '=', 'r.patient_id').onRef('l.measure', '=', 'r.measure').onRef('l.taken_at', '=', 'r.taken_at'),
    )
    .selectAll('r')
    .execute();
}

// ---- plans ----

export const planOf = (db: Db, patientId: number, doctorId: number) =>
  db.selectFrom('monitoring_plans').selectAll().where('patient_id', '=', patientId).where('doctor_id', '=', doctorId).executeTakeFirst();

export async function upsertPlan(db: Db, p: { patientId: number; doctorId: number; heightCm: number | null; nowIso: string }): Promise<number> {
  const known = await planOf(db, p.patientId, p.doctorId);
  if (known) {
    await db.updateTable('monitoring_plans').set({ height_cm: p.heightCm, updated_at: p.nowIso }).where('id', '=', known.id).execute();
    return known.id;
  }
  const { id } = await db.insertInto('monitoring_plans')
    .values({ patient_id: p.patientId, doctor_id: p.doctorId, height_cm: p.heightCm, started_at: p.nowIso, updated_at: p.nowIso })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function replaceMeasures(db: Db, planId: number, measures: Omit<PlanMeasureRow, 'plan_id'>[]): Promise<void> {
  await db.deleteFrom('plan_measures').where('plan_id', '=', planId).execute();
  await db.insertInto('plan_measures').values(measures.map((m) => ({ ...m, plan_id: planId }))).execute();
}

/** The plans (with their doctor's name and user) that monitor a patient. */
export const plansOfPatient = (db: Db, patientId: number) => plansQuery(db, patientId).execute();

const plansQuery = (db: Db, patientId: number) =>
  db.selectFrom('monitoring_plans as p').innerJoin('doctor_info as d', 'd.id', 'p.doctor_id')
    .selectAll('p').select(['d.full_name as doctor_name', 'd.user_id as doctor_user_id'])
    .where('p.patient_id', '=', patientId).orderBy('p.id');

/** A doctor's plans, with their patient's name. */
export const plansOfDoctor = (db: Db, doctorId: number) =>
  db.selectFrom('monitoring_plans as p').innerJoin('patient_info as pt', 'pt.id', 'p.patient_id')
    .selectAll('p').select('pt.full_name as patient_name')
    .where('p.doctor_id', '=', doctorId).orderBy('pt.full_name').orderBy('p.id').execute();

export const measuresOf = (db: Db, planIds: number[]) =>
  planIds.length ? db.selectFrom('plan_measures').selectAll().where('plan_id', 'in', planIds).execute() : Promise.resolve([] as PlanMeasureRow[]);

/** Every plan's measures, with the plan's patient and start (for the missed-schedule sweep). */
export const allPlanMeasures = (db: Db) =>
  db.selectFrom('plan_measures as m').innerJoin('monitoring_plans as p', 'p.id', 'm.plan_id')
    .selectAll('m').select(['p.patient_id', 'p.doctor_id', 'p.started_at']).execute();

// ---- alerts ----

export async function insertAlert(db: Db, row: Insertable<Database['monitoring_alerts']>): Promise<number> {
  const { id } = await db.insertInto('monitoring_alerts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The latest alert of a rule on one plan's measure (an open one is not raised twice). */
export const latestAlert = (db: Db, planId: number, rule: string, measure: string) =>
  db.selectFrom('monitoring_alerts').selectAll().where('plan_id', '=', planId).where('rule', '=', rule).where('measure', '=', measure)
    .orderBy('raised_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

const alertRows = (db: Db) =>
  db.selectFrom('monitoring_alerts as a')
    .innerJoin('patient_info as pt', 'pt.id', 'a.patient_id')
    .innerJoin('doctor_info as d', 'd.id', 'a.doctor_id')
    .leftJoin('users as u', 'u.id', 'a.acknowledged_by')
    .selectAll('a').select(['pt.full_name as patient_name', 'd.full_name as doctor_name', 'u.full_name as acknowledged_by_name']);

export const alertById = (db: Db, id: number) => alertRows(db).where('a.id', '=', id).executeTakeFirst();

export const alertsOf = (db: Db, f: { doctorId?: number; patientId?: number; handled?: boolean; unmailed?: boolean }) => alertsQuery(db, f).execute();

function alertsQuery(db: Db, f: { doctorId?: number; patientId?: number; handled?: boolean; unmailed?: boolean }) {
  let q = alertRows(db);
  if (f.doctorId !== undefined) q = q.where('a.doctor_id', '=', f.doctorId);
  if (f.patientId !== undefined) q = q.where('a.patient_id', '=', f.patientId);
  if (f.handled !== undefined) q = q.where('a.acknowledged_at', f.handled ? 'is not' : 'is', null);
  if (f.unmailed) q = q.where('a.mailed_at', 'is', null);
  return q.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(500);
}

export const acknowledge = (db: Db, id: number, by: number, note: string, nowIso: string) =>
  db.updateTable('monitoring_alerts').set({ acknowledged_at: nowIso, acknowledged_by: by, note }).where('id', '=', id).where('acknowledged_at', 'is', null).execute();

/** Open alerts per patient of a doctor. */
export const openAlertCounts = (db: Db, doctorId: number) =>
  db.selectFrom('monitoring_alerts').select(['patient_id']).select((e) => e.fn.countAll<number>().as('n'))
    .where('doctor_id', '=', doctorId).where('acknowledged_at', 'is', null).groupBy('patient_id').execute();

// ---- digests ----

/** Doctors with alerts not yet mailed. */
export const doctorsWithUnmailed = (db: Db) =>
  db.selectFrom('monitoring_alerts').select('doctor_id').distinct().where('mailed_at', 'is', null).execute();

export const lastDigest = (db: Db, doctorId: number) =>
  db.selectFrom('monitoring_digests').select('sent_at').where('doctor_id', '=', doctorId).executeTakeFirst();

export async function markDigest(db: Db, doctorId: number, alertIds: number[], nowIso: string): Promise<void> {
  await db.updateTable('monitoring_alerts').set({ mailed_at: nowIso }).where('id', 'in', alertIds).execute();
  await db.insertInto('monitoring_digests').values({ doctor_id: doctorId, sent_at: nowIso })
    .onConflict((oc) => oc.column('doctor_id').doUpdateSet({ sent_at: nowIso })).execute();
}

// ---- home-care visits ----

export async function insertVisit(db: Db, row: Insertable<Database['monitoring_visits']>): Promise<number> {
  const { id } = await db.insertInto('monitoring_visits').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A patient's visits by every doctor, newest first; `fromDate`/`toDate` (YYYY-MM-DD): within those days. */
export const visitsOf = (db: Db, patientId: number, f: { fromDate?: string; toDate?: string; id?: number } = {}) => visitsQuery(db, patientId, f).execute();

function visitsQuery(db: Db, patientId: number, f: { fromDate?: string; toDate?: string; id?: number }) {
  let q = db.selectFrom('monitoring_visits as v').innerJoin('doctor_info as d', 'd.id', 'v.doctor_id')
    .selectAll('v').select('d.full_name as doctor_name').where('v.patient_id', '=', patientId);
  if (f.fromDate) q = q.where('v.visited_on', '>=', f.fromDate);
  if (f.toDate) q = q.where('v.visited_on', '<=', f.toDate);
  if (f.id !== undefined) q = q.where('v.id', '=', f.id);
  return q.orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(500);
}

// ---- reminders to patients ----

export const remindersOf = (db: Db, patientIds: number[]) =>
  patientIds.length ? db.selectFrom('monitoring_reminders').selectAll().where('patient_id', 'in', patientIds).execute() : Promise.resolve([]);

export async function markReminded(db: Db, patientId: number, measures: string[], nowIso: string): Promise<void> {
  await db.insertInto('monitoring_reminders').values(measures.map((measure) => ({ patient_id: patientId, measure, sent_at: nowIso })))
    .onConflict((oc) => oc.columns(['patient_id', 'measure']).doUpdateSet({ sent_at: nowIso })).execute();
}
