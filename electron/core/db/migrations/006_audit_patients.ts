import type { Kysely } from 'kysely';
import type { Migration } from './index';

// A screen that shows several patients is recorded as one audit row naming them all (in its detail, which the
// chain's hash covers); this table lists them again so the log can be filtered by patient. Rows about one
// patient keep using audit_log.patient_id and have no entry here.
export const m006AuditPatients: Migration = {
  version: 6,
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('audit_patients')
      .addColumn('audit_id', 'integer', (c) => c.notNull())
      .addColumn('patient_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_patients_pk', ['audit_id', 'patient_id'])
      .execute();
    await db.schema.createIndex('audit_patients_patient').on('audit_patients').columns(['patient_id', 'audit_id']).execute();
  },
};
