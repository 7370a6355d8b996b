// A doctor's public profile in one round trip: the doctor with their education, schedule, hours and own fees,
// their busy time in `near`, and the clinic's holidays and settings (eight reads, one statement on PostgreSQL).
import type { Kysely } from 'kysely';
import { readTogether, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { NO_FEES } from '../billing/fees.repo';
import { busyQuery } from '../scheduling/appointments.repo';

export async function profileRows(db: Kysely<Database>, dialect: DialectName, doctorId: number, near: { fromIso: string; toIso: string; nowIso: string }) {
  const read = await readTogether(db, dialect, {
    doctor: db.selectFrom('doctor_info as d').innerJoin('users as u', 'u.id', 'd.user_id').selectAll('d').select('u.email').where('d.id', '=', doctorId),
    education: db.selectFrom('doctor_education').select(['degree', 'institution', 'year']).where('doctor_id', '=', doctorId).orderBy('position'),
    schedule: db.selectFrom('doctor_schedule').selectAll().where('doctor_id', '=', doctorId),
    availability: db.selectFrom('availability').selectAll().where('doctor_id', '=', doctorId),
    fees: db.selectFrom('doctor_fees').select(['consultation_in_person', 'consultation_online', 'lab_test', 'medication', 'other']).where('doctor_id', '=', doctorId),
    holidays: db.selectFrom('clinic_holidays').select('date').orderBy('date'),
    settings: db.selectFrom('settings').select(['key', 'value']),
    busy: busyQuery(db, doctorId, near.fromIso, near.toIso, near.nowIso, {}),
  });
  const doctor = read.doctor[0];
  if (!doctor) return undefined;
  return {
    ...doctor,
    education: read.education,
    schedule: read.schedule[0],
    availability: read.availability,
    fees: read.fees[0] ?? NO_FEES,
    holidays: read.holidays.map((h) => h.date),
    settings: new Map(read.settings.map((s) => [s.key, s.value])),
    busy: read.busy,
  };
}
