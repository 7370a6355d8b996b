import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

// The waitlist: a patient waits for a doctor's time within a date range and parts of the day; a time that frees
// up is offered to the first one waiting and held for them for a while (the clinic's setting).
export const m014Waitlist: Migration = {
  version: 14,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);
    await db.schema
      .createTable('waitlist_entries')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      // Clinic-local days, both included.
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text', (c) => c.notNull())
      // The parts of the day that suit, comma-separated: morning, afternoon, evening.
      .addColumn('day_parts', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'booked', 'left')`))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('waitlist_entries_doctor').on('waitlist_entries').columns(['doctor_id', 'status']).execute();
    await db.schema.createIndex('waitlist_entries_patient').on('waitlist_entries').column('patient_id').execute();

    await db.schema
      .createTable('waitlist_offers')
      .addColumn('id', 'integer', id)
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('waitlist_entries.id'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('start_at', 'text', (c) => c.notNull())
      .addColumn('end_at', 'text', (c) => c.notNull())
      // The kinds of visit the time offers (comma-separated), to choose from when taking it.
      .addColumn('modes', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'taken', 'declined', 'expired', 'withdrawn')`))
      .addColumn('offered_at', 'text', (c) => c.notNull())
      // Held for the patient until then: nobody else can book the time meanwhile.
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
      .execute();
    const open = sql<boolean>`status = 'open'`;
    // The last line against offering one time twice, and against two offers at once to one person.
    await db.schema.createIndex('waitlist_offers_time_open').on('waitlist_offers').columns(['doctor_id', 'start_at']).unique().where(open).execute();
    await db.schema.createIndex('waitlist_offers_entry_open').on('waitlist_offers').column('entry_id').unique().where(open).execute();
    await db.schema.createIndex('waitlist_offers_entry').on('waitlist_offers').columns(['entry_id', 'start_at']).execute();
    await db.schema.createIndex('waitlist_offers_doctor_time').on('waitlist_offers').columns(['doctor_id', 'status', 'start_at']).execute();
  },
};
