import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

// A completed visit holds its time as a booked one does (appointments.repo HELD_STATUSES): the last line
// against double booking covers it too, so marking a visit completed can never offer its time again.
export const m005HeldTime: Migration = {
  version: 5,
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('appointments_doctor_start_active').execute();
    await db.schema
      .createIndex('appointments_doctor_start_held')
      .on('appointments')
      .columns(['doctor_id', 'start_at'])
      .unique()
      .where(sql<boolean>`status in ('booked', 'checked_in', 'completed')`)
      .execute();
  },
};
