import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ACTIVE_STATUSES } from '../scheduling/appointments.repo';
import { BUSY_VERSION_KEY, SEARCH_VERSION_KEY } from './versions.repo';

type Db = Kysely<Database>;

export { bumpSearchVersion } from './versions.repo';

const TIME_ZONE_KEY = 'clinic.timeZone';

/**
 * What a search's caches depend on, in one read: the catalog's key (change counter and the clinic's zone, as
 * its slots follow that clock) and the busy-time counter.
 */
export async function catalogKey(db: Db): Promise<{ key: string; timeZone: string; busy: string }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [SEARCH_VERSION_KEY, BUSY_VERSION_KEY, TIME_ZONE_KEY]).execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const timeZone = get(TIME_ZONE_KEY) ?? 'Asia/Kolkata';
  return { key: `${get(SEARCH_VERSION_KEY) ?? '0'}|${timeZone}`, timeZone, busy: get(BUSY_VERSION_KEY) ?? '0' };
}

/** Only these doctors can ever be found: verified and not suspended. */
const searchableIds = (db: Db) =>
  db.selectFrom('doctor_info').select('id').where('status', '=', 'verified').where('suspended_at', 'is', null);

export const searchableDoctors = (db: Db) =>
  db
    .selectFrom('doctor_info')
    .select(['id', 'full_name', 'speciality', 'speciality_other', 'hospital', 'experience_years', 'languages', 'photo_file'])
    .where('status', '=', 'verified')
    .where('suspended_at', 'is', null)
    .execute();

export const educationOfSearchable = (db: Db) =>
  db
    .selectFrom('doctor_education')
    .select(['doctor_id', 'degree', 'institution', 'year'])
    .where('doctor_id', 'in', searchableIds(db))
    .orderBy('doctor_id')
    .orderBy('position')
    .execute();

export const schedulesOfSearchable = (db: Db) =>
  db.selectFrom('doctor_schedule').selectAll().where('doctor_id', 'in', searchableIds(db)).execute();

/** Ordered as availability.repo's availabilityOf orders one doctor's rows, so the rules come out the same. */
export const availabilityOfSearchable = (db: Db) =>
  db.selectFrom('availability').selectAll().where('doctor_id', 'in', searchableIds(db)).orderBy('doctor_id').orderBy('start_time').orderBy('id').execute();

export interface BusyRow { doctor_id: number; start_at: string; end_at: string }

/**
 * For the doctors a search is about to show: their busy time touching [fromIso, toIso), and which of them are
 * still verified and not suspended, read now (a guard behind the catalog). One query: the standing comes as
 * rows with empty times.
 */
/** Which of these doctors are still verified and not suspended, read now (a guard behind the catalog). */
export async function stillSearchable(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await searchableIds(db).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function busyAndStanding(db: Db, ids: number[], fromIso: string, toIso: string): Promise<{ busy: BusyRow[]; searchable: Set<number> }> {
  if (ids.length === 0) return { busy: [], searchable: new Set() };
  const standing = db
    .selectFrom('doctor_info')
    .select(['id as doctor_id', sql<string>`''`.as('start_at'), sql<string>`''`.as('end_at')])
    .where('status', '=', 'verified')
    .where('suspended_at', 'is', null)
    .where('id', 'in', ids);
  const rows = await busyQuery(db, ids, fromIso, toIso).unionAll(standing).execute();
  const busy: BusyRow[] = [];
  const searchable = new Set<number>();
  for (const r of rows) {
    if (r.start_at === '') searchable.add(r.doctor_id);
    else busy.push(r);
  }
  return { busy, searchable };
}

/** Active appointments and blocked time touching [fromIso, toIso), of these doctors. */
export const busyOfDoctors = (db: Db, ids: number[], fromIso: string, toIso: string): Promise<BusyRow[]> =>
  ids.length ? busyQuery(db, ids, fromIso, toIso).execute() : Promise.resolve([]);

/**
 * An appointment lasts one slot, and a slot at most an hour (shared/contract/scheduling.ts): one that starts
 * this long before a moment has ended by then.
 */
export const APPOINTMENT_MAX_MS = 3_600_000;
const APPOINTMENT_REACH = 24 * APPOINTMENT_MAX_MS;

/**
 * What keeps doctors busy in [fromIso, toIso), summed up cheaply for a whole clinic: how many active
 * appointments each doctor has starting in it (read as bare doctor numbers, counted here: cheaper than GROUP BY
 * with its sort), and the blocked time itself (a short list).
 */
export async function activityBetween(db: Db, fromIso: string, toIso: string): Promise<{ appointments: Map<number, number>; blocked: BusyRow[] }> {
  const starts = await db
    .selectFrom('appointments')
    .select('doctor_id')
    .where('status', 'in', ACTIVE_STATUSES)
    .where('start_at', '>=', fromIso)
    .where('start_at', '<', toIso)
    .execute();
  const blocked = await db
    .selectFrom('blocked_times')
    .select(['doctor_id', 'start_at', 'end_at'])
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso)
    .execute();
  const appointments = new Map<number, number>();
  for (const r of starts) appointments.set(r.doctor_id, (appointments.get(r.doctor_id) ?? 0) + 1);
  return { appointments, blocked };
}

function busyQuery(db: Db, ids: number[] | null, fromIso: string, toIso: string) {
  let appointments = db
    .selectFrom('appointments')
    .select(['doctor_id', 'start_at', 'end_at'])
    .where('status', 'in', ACTIVE_STATUSES)
    // Bounds the index scan from below, so a doctor's years of past visits are not read.
    .where('start_at', '>', new Date(Date.parse(fromIso) - APPOINTMENT_REACH).toISOString())
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  let blocked = db
    .selectFrom('blocked_times')
    .select(['doctor_id', 'start_at', 'end_at'])
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso);
  if (ids) {
    appointments = appointments.where('doctor_id', 'in', ids);
    blocked = blocked.where('doctor_id', 'in', ids);
  }
  return appointments.unionAll(blocked);
}
