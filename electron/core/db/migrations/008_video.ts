import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

// Video consultations: the clinic's and doctors' Google connections, each online appointment's link, and the
// jobs queue that does the calls to Google beside the outbox (never inside a booking's transaction).
export const m008Video: Migration = {
  version: 8,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
      // What the job needs beyond its appointment (JSON; a token in it is sealed under the clinic key).
      .addColumn('payload', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'dead', 'cancelled')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('jobs_appointment').on('jobs').column('appointment_id').execute();

    await db.schema
      .createTable('google_connections')
      // 'clinic', or 'doctor:<id>' for a doctor's own calendar.
      .addColumn('owner', 'text', (c) => c.primaryKey())
      .addColumn('doctor_id', 'integer', (c) => c.references('doctor_info.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('connected', 'broken')`))
      // The refresh and access tokens, sealed under the clinic key (JSON inside).
      .addColumn('tokens', 'text', (c) => c.notNull())
      .addColumn('connected_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('connected_at', 'text', (c) => c.notNull())
      .addColumn('broken_at', 'text')
      .addColumn('broken_reason', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('video_links')
      .addColumn('appointment_id', 'integer', (c) => c.primaryKey().references('appointments.id'))
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('google_meet', 'jitsi', 'own')`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'ready', 'removed')`))
      .addColumn('url', 'text')
      // Google Meet only: the calendar event (its id is fixed before it is made) and whose calendar holds it.
      .addColumn('event_id', 'text')
      .addColumn('calendar_owner', 'text')
      // Raised for each new link of the appointment; the event id and the meeting's request id derive from it.
      .addColumn('generation', 'integer', (c) => c.notNull())
      // When the work on this link began: Google gets until since + the fallback time before Jitsi takes over.
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
