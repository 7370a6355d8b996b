import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

// Tables keep the original system's names (patient_info, doctor_info) where they apply.
export const m001Foundation: Migration = {
  version: 1,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', id)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('user_roles')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['patient', 'doctor', 'front_desk', 'admin'])))
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('portal', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('login_failures')
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('patient_info')
      .addColumn('id', 'integer', id)
      // A walk-in registered by the front desk has no login yet, and may have given only a name and a phone
      // number: date of birth, sex and address are then unknown (null) until the person signs up.
      .addColumn('user_id', 'integer', (c) => c.unique().references('users.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('date_of_birth', 'text')
      .addColumn('sex', 'text')
      .addColumn('address_line', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('pin_code', 'text')
      .addColumn('blood_group', 'text')
      .addColumn('allergies', 'text')
      .addColumn('medical_history', 'text')
      .addColumn('emergency_contact_name', 'text')
      .addColumn('emergency_contact_phone', 'text')
      .addColumn('preferred_language', 'text', (c) => c.notNull().defaultTo('en'))
      // A walk-in's record once linked to the account the person later made: their appointments moved to
      // that record (this id). The row stays, so audit entries about the walk-in still name them.
      .addColumn('merged_into', 'integer', (c) => c.references('patient_info.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('patient_info_phone').on('patient_info').column('phone').execute();
    await db.schema.createIndex('patient_info_email').on('patient_info').column('email').execute();
    await db.schema.createIndex('patient_info_name').on('patient_info').column('full_name').execute();

    await db.schema
      .createTable('doctor_info')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('speciality', 'text', (c) => c.notNull())
      .addColumn('speciality_other', 'text')
      .addColumn('registration_number', 'text', (c) => c.notNull())
      .addColumn('registration_council', 'text', (c) => c.notNull())
      .addColumn('hospital', 'text', (c) => c.notNull())
      .addColumn('experience_years', 'integer', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('bio', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'verified', 'rejected'])))
      .addColumn('decision_reason', 'text')
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('doctor_info_status').on('doctor_info').column('status').execute();
    await db.schema
      .createIndex('doctor_info_registration')
      .on('doctor_info')
      .columns(['registration_council', 'registration_number'])
      .unique()
      .execute();

    await db.schema
      .createTable('doctor_education')
      .addColumn('id', 'integer', id)
      .addColumn('doctor_id', 'integer', (c) => c.notNull().references('doctor_info.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('degree', 'text', (c) => c.notNull())
      .addColumn('institution', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('doctor_education_doctor').on('doctor_education').column('doctor_id').execute();

    await db.schema
      .createTable('audit_log')
      // Ids are assigned by the appender (previous + 1) because each row's hash covers its id.
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('patient_id', 'integer')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_patient').on('audit_log').column('patient_id').execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').column('action').execute();
  },
};

/** A CHECK that a text column holds one of `values`. */
export function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
