import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

const ACTIVE = sql<boolean>`status in ('booked', 'checked_in')`;

// Doctors' availability, appointments and their history, and the email outbox.
export const m002Scheduling: Migration = {
  version: 2,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);

    // What a doctor shows on their profile, and the administrator's suspension.
    await db.schema.alterTable('doctor_info').addColumn('photo_file', 'text').execute();
    await db.schema.alterTable('doctor_info').addColumn('show_email', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('doctor_info').addColumn('show_phone', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('doctor_info').addColumn('suspended_at', 'text').execute();
    await db.schema.alterTable('doctor_info').addColumn('suspended_reason', 'text').execute();

    await db.schema
      .createTable('doctor_schedule')
      .addColumn('doctor_id', 'integer', (c) => c.primaryKey().references('doctor_info.id').onDelete('cascade'))
      .addColumn('slot_minutes', 'integer', (c) => c.notNull().defaultTo(15))
      .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(120))
      .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(60))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Weekly hours (weekday set) and date exceptions (date set; no times = the day off), one row per range.
    await db.schema
      .createTable('availability')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id').onDelete('cascade'))
      .addColumn('weekday', 'integer', (c) => c.check(sql`weekday between 0 and 6`))
      .addColumn('date', 'text')
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('in_person', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('availability_weekday_or_date', sql`(weekday is null) <> (date is null)`)
      .execute();
    await db.schema.createIndex('availability_doctor').on('availability').columns(['doctor_id', 'date']).execute();

    await db.schema
      .createTable('clinic_holidays')
      .addColumn('date', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('appointments')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('start_at', 'text', (c) => c.notNull())
      .addColumn('end_at', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('online', 'in_person')`))
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')`),
      )
      .addColumn('cancel_reason', 'text')
      // Calendar invitations: one UID for the appointment's life, SEQUENCE raised by each change.
      .addColumn('ics_uid', 'text', (c) => c.notNull().unique())
      .addColumn('ics_sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The last line against double booking: one active appointment per doctor and start, whatever the code does.
    await db.schema
      .createIndex('appointments_doctor_start_active')
      .on('appointments')
      .columns(['doctor_id', 'start_at'])
      .unique()
      .where(ACTIVE)
      .execute();
    await db.schema.createIndex('appointments_doctor_time').on('appointments').columns(['doctor_id', 'start_at', 'end_at']).execute();
    await db.schema.createIndex('appointments_patient_time').on('appointments').columns(['patient_id', 'start_at']).execute();
    await db.schema.createIndex('appointments_start').on('appointments').column('start_at').execute();

    await db.schema
      .createTable('appointment_history')
      .addColumn('id', 'integer', id)
      .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('from_value', 'text')
      .addColumn('to_value', 'text')
      .execute();
    await db.schema.createIndex('appointment_history_appointment').on('appointment_history').column('appointment_id').execute();

    await db.schema
      .createTable('blocked_times')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id').onDelete('cascade'))
      .addColumn('start_at', 'text', (c) => c.notNull())
      .addColumn('end_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('blocked_times_doctor').on('blocked_times').columns(['doctor_id', 'start_at']).execute();

    // Every email, written in the same transaction as the change it reports; a sender delivers it later.
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', id)
      .addColumn('message_id', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('ics', 'text')
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'dead', 'cancelled')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('outbox_appointment').on('outbox').column('appointment_id').execute();

    await db.schema
      .createTable('doctor_invitations')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text')
      .addColumn('invited_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
