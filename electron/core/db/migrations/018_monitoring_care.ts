import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import { sqlIn } from './001_foundation';
import type { Migration } from './index';

// Home care of monitored patients: the visits their doctors log (home, phone, video, clinic), and when each patient
// was last reminded of a planned reading they missed (at most one reminder per measure per missed period).
export const m018MonitoringCare: Migration = {
  version: 18,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('monitoring_visits')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      // The day of the visit in the clinic's calendar, YYYY-MM-DD.
      .addColumn('visited_on', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['home', 'phone', 'video', 'clinic'])))
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('monitoring_visits_patient').on('monitoring_visits').columns(['patient_id', 'visited_on']).execute();

    await db.schema
      .createTable('monitoring_reminders')
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('monitoring_reminders_pk', ['patient_id', 'measure'])
      .execute();
  },
};
