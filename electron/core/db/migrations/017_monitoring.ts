import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import { sqlIn } from './001_foundation';
import type { Migration } from './index';

// Health readings of patients, doctors' monitoring plans (measures, how often, targets) and the alerts their rules
// raise. Values are in each measure's stored unit (shared/monitoring.ts STORED_UNIT).
export const m017Monitoring: Migration = {
  version: 17,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);
    const measures = ['glucose_fasting', 'glucose_after_meal', 'glucose_random', 'hba1c', 'blood_pressure', 'weight', 'spo2', 'temperature', 'peak_flow'];

    await db.schema
      .createTable('readings')
      .addColumn('id', 'integer', id)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('measure', 'text', (c) => c.notNull().check(sqlIn('measure', measures)))
      // Blood pressure: systolic here, diastolic in value2.
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('value2', 'double precision')
      .addColumn('pulse', 'integer')
      // When it was measured, by the patient's clock, as a UTC instant.
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('entered_as', 'text', (c) => c.notNull().check(sqlIn('entered_as', ['patient', 'doctor', 'front_desk', 'import'])))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('readings_patient_measure').on('readings').columns(['patient_id', 'measure', 'taken_at']).execute();

    await db.schema
      .createTable('monitoring_plans')
      .addColumn('id', 'integer', id)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      // For the BMI shown beside a weight.
      .addColumn('height_cm', 'double precision')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('monitoring_plans_patient_doctor', ['patient_id', 'doctor_id'])
      .execute();
    await db.schema.createIndex('monitoring_plans_doctor').on('monitoring_plans').column('doctor_id').execute();

    await db.schema
      .createTable('plan_measures')
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('monitoring_plans.id').onDelete('cascade'))
      .addColumn('measure', 'text', (c) => c.notNull().check(sqlIn('measure', measures)))
      .addColumn('every_days', 'integer', (c) => c.notNull())
      // Target range (blood pressure: systolic); null: no bound on that side.
      .addColumn('low', 'double precision')
      .addColumn('high', 'double precision')
      // Blood pressure's diastolic target.
      .addColumn('low2', 'double precision')
      .addColumn('high2', 'double precision')
      .addPrimaryKeyConstraint('plan_measures_pk', ['plan_id', 'measure'])
      .execute();

    await db.schema
      .createTable('monitoring_alerts')
      .addColumn('id', 'integer', id)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('monitoring_plans.id').onDelete('cascade'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id'))
      .addColumn('rule', 'text', (c) => c.notNull().check(sqlIn('rule', ['out_of_range', 'weight_change', 'three_high', 'rising_average', 'missed_schedule'])))
      .addColumn('measure', 'text', (c) => c.notNull())
      // The readings behind it (a JSON array of ids) and the figures the rule compared (JSON).
      .addColumn('reading_ids', 'text', (c) => c.notNull())
      .addColumn('figures', 'text', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
      .addColumn('note', 'text')
      // Set once the alert went out in the doctor's email digest.
      .addColumn('mailed_at', 'text')
      .execute();
    await db.schema.createIndex('monitoring_alerts_doctor').on('monitoring_alerts').columns(['doctor_id', 'acknowledged_at']).execute();
    await db.schema.createIndex('monitoring_alerts_plan').on('monitoring_alerts').columns(['plan_id', 'rule', 'measure']).execute();
    await db.schema.createIndex('monitoring_alerts_unmailed').on('monitoring_alerts').columns(['mailed_at', 'doctor_id']).execute();

    // When each doctor's last alert digest was queued: at most one an hour.
    await db.schema
      .createTable('monitoring_digests')
      .addColumn('doctor_id', 'integer', (c) => c.primaryKey().references('doctor_info.id'))
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute();
  },
};
