// Doctor search's SQL: the catalog's rows, the change counters, busy time for the doctors a search shows.
import { sql, type Kysely } from 'kysely';
import { fixedReads, readTogether, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { HELD_STATUSES } from '../scheduling/appointments.repo';
import { BUSY_VERSION_KEY, SEARCH_VERSION_KEY } from './versions.repo';

type Db = Kysely<Database>;

const TIME_ZONE_KEY = 'clinic.timeZone';

const versionKeys = [SEARCH_VERSION_KEY, BUSY_VERSION_KEY, TIME_ZONE_KEY];

export interface Versions {
  /** The catalog's key: the change counter and the clinic's zone (its slots follow that clock). */
  key: string;
  timeZone: string;
  /** The busy-time counter. */
  busy: string;
}

export function versionsOf(rows: { key: string; value: string }[]): Versions {
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const timeZone = get(TIME_ZONE_KEY) ?? 'Asia/Kolkata';
  return { key: `${get(SEARCH_VERSION_KEY) ?? '0'}|${timeZone}`, timeZone, busy: get(BUSY_VERSION_KEY) ?? '0' };
}

/** The settings rows of the change counters (and the zone): select the columns wanted. */
export const versionRows = (db: Db) => db.selectFrom('settings').where('key', 'in', versionKeys);

/** What a search's caches depend on, in one read. */
export async function catalogKey(db: Db): Promise<Versions> {
  return versionsOf(await versionRows(db).select(['key', 'value']).execute());
}

const checkpointReads = fixedReads((db) => ({
  settings: versionRows(db).select(['key', 'value']),
  hidden: db.selectFrom('doctor_info').select('id').where(sql<boolean>`status <> 'verified' or suspended_at is not null`),
}));

/**
 * The end of a search, in one round trip (fixedReads): the counters (were the caches it used current?) and the
 * doctors who may not be shown, pending, rejected or suspended (a guard behind the catalog). They are few: read from
 * their own index (migration 20), whose condition this one repeats word for word, written in, so both databases use it.
 */
export async function checkpoint(db: Db, dialect: DialectName): Promise<Versions & { unsearchable: Set<number> }> {
  const { settings, hidden } = await checkpointReads(db, dialect);
  return { ...versionsOf(settings), unsearchable: new Set(hidden.map((r) => r.id)) };
}

/** Only these doctors can ever be found: verified and not suspended. */
const searchableIds = (db: Db) =>
  db.selectFrom('doctor_info').select('id').where('status', '=', 'verified').where('suspended_at', 'is', null);

/**
 * The catalog's rows: every searchable doctor, their education, schedule, hours and own fees, the clinic's
 * holidays and settings (the change counters among them), in one round trip.
 */
export const catalogRows = (db: Db, dialect: DialectName) =>
  readTogether(db, dialect, {
    doctors: db
      .selectFrom('doctor_info')
      .select(['id', 'full_name', 'speciality', 'speciality_other', 'hospital', 'experience_years', 'languages', 'photo_file'])
      .where('status', '=', 'verified')
      .where('suspended_at', 'is', null),
    education: db
      .selectFrom('doctor_education')
      .select(['doctor_id', 'degree', 'institution', 'year'])
      .where('doctor_id', 'in', searchableIds(db))
      .orderBy('doctor_id')
      .orderBy('position'),
    schedules: db.selectFrom('doctor_schedule').selectAll().where('doctor_id', 'in', searchableIds(db)),
    // Unordered (sorting every row costs more than sorting each doctor's few): availability.service's rulesOf orders them.
    availability: db.selectFrom('availability').selectAll().where('doctor_id', 'in', searchableIds(db)),
    holidays: db.selectFrom('clinic_holidays').select('date').orderBy('date'),
    settings: db.selectFrom('settings').select(['key', 'value']),
    fees: db.selectFrom('doctor_fees').select(['doctor_id', 'consultation_in_person', 'consultation_online', 'lab_test', 'medication', 'other']),
  });

export interface BusyRow { doctor_id: number; start_at: string; end_at: string }

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
 * A start before which no appointment reaches `fromIso` (with a day's margin): a lower bound for an index scan by
 * doctor and start, so that a doctor's years of past visits are not read.
 */
export const reachBack = (fromIso: string) => new Date(Date.parse(fromIso) - APPOINTMENT_REACH).toISOString();

/**
 * What keeps doctors busy in [fromIso, toIso), summed up cheaply for a whole clinic: how many active
 * appointments each doctor has starting in it (read as bare doctor numbers, counted here: cheaper than GROUP BY
 * with its sort), and the blocked time itself (a short list).
 */
export async function activityBetween(db: Db, fromIso: string, toIso: string): Promise<{ appointments: Map<number, number>; blocked: BusyRow[] }> {
  const starts = await db
    .selectFrom('appointments')
    .select('doctor_id')
    .where('status', 'in', HELD_STATUSES)
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

function busyQuery(db: Db, ids: number[], fromIso: string, toIso: string) {
  return db
    .selectFrom('appointments')
    .select(['doctor_id', 'start_at', 'end_at'])
    .where('status', 'in', HELD_STATUSES)
    .where('start_at', '>', reachBack(fromIso))
    .where('start_at', '<', toIso)
    .where('end_at', '>', fromIso)
    .where('doctor_id', 'in', ids)
    .unionAll(
      db
        .selectFrom('blocked_times')
        .select(['doctor_id', 'start_at', 'end_at'])
        .where('start_at', '<', toIso)
        .where('end_at', '>', fromIso)
        .where('doctor_id', 'in', ids),
    );
}
