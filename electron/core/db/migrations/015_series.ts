import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

// Repeat visits: appointments booked together as a series (every week or every few weeks), each still an
// appointment of its own that can be moved or cancelled alone.
export const m015Series: Migration = {
  version: 15,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('appointment_series')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('every_weeks', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('appointments').addColumn('series_id', 'integer', (c) => c.references('appointment_series.id')).execute();
    await db.schema.createIndex('appointments_series').on('appointments').column('series_id').execute();
  },
};
