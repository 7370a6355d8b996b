import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

// Family members: a dependant (a child, an elderly parent) is a patient record of its own, held by another
// patient's record, so everything keyed by a patient (appointments, bills, records) works per person. A date of
// birth may be an estimate from an age in years. A dependant who grows up is invited to take over the record.
export const m013Family: Migration = {
  version: 13,
  async up(db: Kysely<any>) {
    // The holder's record (null for a person who holds their own), and who the dependant is to the holder.
    await db.schema.alterTable('patient_info').addColumn('holder_patient_id', 'integer', (c) => c.references('patient_info.id')).execute();
    await db.schema
      .alterTable('patient_info')
      .addColumn('relation', 'text', (c) => c.check(sql`relation in ('child', 'parent', 'spouse', 'sibling', 'other')`))
      .execute();
    // 1: the date of birth was worked out from an age in years on the day it was given (so the age keeps rising).
    await db.schema.alterTable('patient_info').addColumn('birth_estimated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('patient_info_holder').on('patient_info').column('holder_patient_id').execute();

    // An invitation to a grown-up dependant to sign up and take over their record; only the code's hash is kept.
    await db.schema
      .createTable('record_invitations')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('record_invitations_patient').on('record_invitations').column('patient_id').execute();
  },
};
