// A doctor's public profile in one read: the doctor with their education, schedule, hours and own fees, and the
// clinic's holidays and settings, each list as a JSON column (one round trip on PostgreSQL instead of seven).
import type { Kysely } from 'kysely';
import { fromJson, jsonArrayFrom, jsonObjectFrom, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { NO_FEES } from '../billing/fees.repo';

export async function profileRows(db: Kysely<Database>, dialect: DialectName, doctorId: number) {
  const array = jsonArrayFrom(dialect);
  const object = jsonObjectFrom(dialect);
  const row = await db
    .selectFrom('doctor_info as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .selectAll('d')
    .select('u.email')
    .select((eb) => [
      array(eb.selectFrom('doctor_education as e').select(['e.degree', 'e.institution', 'e.year']).whereRef('e.doctor_id', '=', 'd.id').orderBy('e.position')).as('education'),
      object(
        eb.selectFrom('doctor_schedule as s')
          .select(['s.doctor_id', 's.slot_minutes', 's.buffer_minutes', 's.min_notice_minutes', 's.horizon_days', 's.updated_at'])
          .whereRef('s.doctor_id', '=', 'd.id'),
      ).as('schedule'),
      array(
        eb.selectFrom('availability as a')
          .select(['a.id', 'a.doctor_id', 'a.weekday', 'a.date', 'a.start_time', 'a.end_time', 'a.online', 'a.in_person'])
          .whereRef('a.doctor_id', '=', 'd.id'),
      ).as('availability'),
      object(
        eb.selectFrom('doctor_fees as f')
          .select(['f.consultation_in_person', 'f.consultation_online', 'f.lab_test', 'f.medication', 'f.other'])
          .whereRef('f.doctor_id', '=', 'd.id'),
      ).as('fees'),
      array(eb.selectFrom('clinic_holidays as h').select('h.date').orderBy('h.date')).as('holidays'),
      array(eb.selectFrom('settings as c').select(['c.key', 'c.value'])).as('settings'),
    ])
    .where('d.id', '=', doctorId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    education: fromJson(row.education),
    schedule: fromJson(row.schedule) ?? undefined,
    availability: fromJson(row.availability),
    fees: fromJson(row.fees) ?? NO_FEES,
    holidays: fromJson(row.holidays).map((h) => h.date),
    settings: new Map(fromJson(row.settings).map((s) => [s.key, s.value])),
  };
}
