import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import { sqlIn } from './001_foundation';
import type { Migration } from './index';

// Medical records (their files in the file store, sealed), who they are shared with, doctors' emergency access,
// consultation notes and prescriptions, doctors' credential documents, and more of a patient's health profile.
export const m011Records: Migration = {
  version: 11,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);

    await db.schema
      .createTable('medical_records')
      .addColumn('id', 'integer', id)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull().check(sqlIn('category', ['lab_report', 'prescription', 'imaging', 'discharge_summary', 'other'])))
      // The day the record is from (a report's date), not when it was uploaded.
      .addColumn('record_date', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text', (c) => c.notNull())
      // Told by the file's content at upload.
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      // The name the file had on the patient's computer: shown, never used as a path.
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Set while the record is in the trash; removed for good 30 days after.
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('medical_records_patient').on('medical_records').columns(['patient_id', 'record_date']).execute();
    await db.schema.createIndex('medical_records_deleted').on('medical_records').column('deleted_at').execute();

    await db.schema
      .createTable('record_shares')
      .addColumn('record_id', 'integer', (c) => c.notNull().references('medical_records.id').onDelete('cascade'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('shared_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_shares_pk', ['record_id', 'doctor_id'])
      .execute();
    await db.schema.createIndex('record_shares_doctor').on('record_shares').column('doctor_id').execute();

    await db.schema
      .createTable('emergency_access')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('emergency_access_doctor').on('emergency_access').columns(['doctor_id', 'patient_id', 'expires_at']).execute();

    // One consultation per appointment: the doctor's notes and the prescription's lines.
    await db.schema
      .createTable('consultations')
      .addColumn('id', 'integer', id)
      .addColumn('appointment_id', 'integer', (c) => c.notNull().unique().references('appointments.id'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consultations_patient').on('consultations').column('patient_id').execute();

    await db.schema
      .createTable('prescription_items')
      .addColumn('id', 'integer', id)
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('medicine', 'text', (c) => c.notNull())
      .addColumn('strength', 'text', (c) => c.notNull())
      .addColumn('dose', 'text', (c) => c.notNull())
      .addColumn('frequency', 'text', (c) => c.notNull())
      .addColumn('duration', 'text', (c) => c.notNull())
      .addColumn('instructions', 'text')
      .execute();
    await db.schema.createIndex('prescription_items_consultation').on('prescription_items').columns(['consultation_id', 'position']).execute();

    await db.schema
      .createTable('doctor_documents')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['degree', 'registration', 'other'])))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('doctor_documents_doctor').on('doctor_documents').column('doctor_id').execute();

    await db.schema.alterTable('patient_info').addColumn('chronic_conditions', 'text').execute();
    await db.schema.alterTable('patient_info').addColumn('current_medications', 'text').execute();
    // When a verified doctor changes their credentials they go back to the queue: they keep their appointments
    // (and may see them and write their notes) while no new ones can be booked. The date they were verified.
    await db.schema.alterTable('doctor_info').addColumn('verified_before_at', 'text').execute();
  },
};
