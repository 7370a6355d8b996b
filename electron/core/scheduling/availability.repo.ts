import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type AvailabilityRow = Selectable<Database['availability']>;
export type ScheduleRow = Selectable<Database['doctor_schedule']>;

export interface RangeRow {
  start: string;
  end: string;
  online: boolean;
  inPerson: boolean;
}

export const scheduleOf = (db: Db, doctorIds: number[]) =>
  doctorIds.length ? db.selectFrom('doctor_schedule').selectAll().where('doctor_id', 'in', doctorIds).execute() : Promise.resolve([]);

/** Unordered: availability.service's rulesOf orders each doctor's rows. */
export const availabilityOf = (db: Db, doctorIds: number[]) =>
  doctorIds.length ? db.selectFrom('availability').selectAll().where('doctor_id', 'in', doctorIds).execute() : Promise.resolve([]);

export async function saveSchedule(db: Db, row: ScheduleRow): Promise<void> {
  const { doctor_id, ...rest } = row;
  await db
    .insertInto('doctor_schedule')
    .values(row)
    .onConflict((oc) => oc.column('doctor_id').doUpdateSet(rest))
    .execute();
}

const rangeValues = (doctorId: number, r: RangeRow) => ({
  doctor_id: doctorId,
  start_time: r.start,
  end_time: r.end,
  online: r.online ? 1 : 0,
  in_person: r.inPerson ? 1 : 0,
});

export async function replaceWeekly(db: Db, doctorId: number, weekly: { weekday: number; ranges: RangeRow[] }[]): Promise<void> {
  await db.deleteFrom('availability').where('doctor_id', '=', doctorId).where('weekday', 'is not', null).execute();
  const rows = weekly.flatMap((d) => d.ranges.map((r) => ({ ...rangeValues(doctorId, r), weekday: d.weekday, date: null })));
  if (rows.length) await db.insertInto('availability').values(rows).execute();
}

/** A date's exception: no ranges is a day off, stored as one row without times. */
export async function replaceException(db: Db, doctorId: number, date: string, ranges: RangeRow[] | null): Promise<void> {
  await db.deleteFrom('availability').where('doctor_id', '=', doctorId).where('date', '=', date).execute();
  if (ranges === null) return;
  const rows = ranges.length
    ? ranges.map((r) => ({ ...rangeValues(doctorId, r), weekday: null, date }))
    : [{ doctor_id: doctorId, weekday: null, date, start_time: null, end_time: null, online: 0, in_person: 0 }];
  await db.insertInto('availability').values(rows).execute();
}

export const holidays = (db: Db) => db.selectFrom('clinic_holidays').selectAll().orderBy('date').execute();

export const setHoliday = (db: Db, date: string, name: string) =>
  db.insertInto('clinic_holidays').values({ date, name }).onConflict((oc) => oc.column('date').doUpdateSet({ name })).execute();

export const removeHoliday = (db: Db, date: string) => db.deleteFrom('clinic_holidays').where('date', '=', date).execute();
