import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

const OPEN = sql<boolean>`status <> 'cancelled'`;

// Money is integer paise in 64-bit columns ('bigint': PostgreSQL's integer stops at ₹2.1 crore; SQLite's
// integers are 64-bit whatever the name).

// Fees, health services and their orders, bills with their lines, payments and credit notes, and email
// attachments. Clinic-wide defaults (fees, GST rates, SAC/HSN codes) live in the settings table.
export const m012Billing: Migration = {
  version: 12,
  async up(db: Kysely<any>, dialect: DialectName) {
    const id = idColumn(dialect);

    // The spelling printed on receipts when a name is written in a script the receipt fonts cannot draw.
    await db.schema.alterTable('patient_info').addColumn('latin_name', 'text').execute();
    await db.schema.alterTable('doctor_info').addColumn('latin_name', 'text').execute();

    // A doctor's own fees in paise; null: the clinic's default applies.
    await db.schema
      .createTable('doctor_fees')
      .addColumn('doctor_id', 'integer', (c) => c.primaryKey().references('doctor_info.id').onDelete('cascade'))
      .addColumn('consultation_in_person', 'bigint', (c) => c.check(sql`consultation_in_person >= 0`))
      .addColumn('consultation_online', 'bigint', (c) => c.check(sql`consultation_online >= 0`))
      .addColumn('lab_test', 'bigint', (c) => c.check(sql`lab_test >= 0`))
      .addColumn('medication', 'bigint', (c) => c.check(sql`medication >= 0`))
      .addColumn('other', 'bigint', (c) => c.check(sql`other >= 0`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('health_services')
      .addColumn('id', 'integer', id)
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lab_test', 'health_package', 'vaccination', 'home_collection')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('price_paise', 'bigint', (c) => c.notNull().check(sql`price_paise >= 0`))
      // Which bill category (and so which GST rate and SAC/HSN code) the service is billed under.
      .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('consultation', 'lab_test', 'medication', 'other')`))
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('service_orders')
      .addColumn('id', 'integer', id)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('service_id', 'integer', (c) => c.notNull().references('health_services.id'))
      // The price when ordered: what the patient was shown.
      .addColumn('price_paise', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'confirmed', 'done', 'cancelled')`))
      // The clinic-local date the front desk confirmed.
      .addColumn('scheduled_date', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_orders_status').on('service_orders').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('service_orders_patient').on('service_orders').column('patient_id').execute();

    await db.schema
      .createTable('service_order_history')
      .addColumn('id', 'integer', id)
      .addColumn('order_id', 'integer', (c) => c.notNull().references('service_orders.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('service_order_history_order').on('service_order_history').column('order_id').execute();

    // A bill is a draft until issued; issuing freezes it (number, parties as they were, lines with their tax) and it
    // is never changed again except to be cancelled by a credit note.
    await db.schema
      .createTable('bills')
      .addColumn('id', 'integer', id)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient_info.id'))
      .addColumn('doctor_id', 'integer', (c) => c.references('doctor_info.id'))
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
      .addColumn('service_order_id', 'integer', (c) => c.references('service_orders.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'issued', 'cancelled')`))
      // ML/2026-27/000123, from the counter of its series and financial year.
      .addColumn('number', 'text', (c) => c.unique())
      .addColumn('supply', 'text', (c) => c.check(sql`supply in ('intra', 'inter', 'none')`))
      .addColumn('taxable_paise', 'bigint')
      .addColumn('tax_paise', 'bigint')
      .addColumn('total_paise', 'bigint')
      // JSON: the clinic, patient, doctor and visit as they were when issued (what the receipt prints).
      .addColumn('frozen', 'text')
      .addColumn('receipt_file', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
      .addColumn('issued_at', 'text')
      .addCheckConstraint('bills_visit_or_order', sql`(appointment_id is null) <> (service_order_id is null)`)
      .addCheckConstraint('bills_issued_numbered', sql`(status = 'draft') = (number is null)`)
      .execute();
    // One open bill (draft or issued) per appointment and per order; a cancelled one makes room for its correction.
    await db.schema.createIndex('bills_appointment_open').on('bills').column('appointment_id').unique().where(OPEN).execute();
    await db.schema.createIndex('bills_order_open').on('bills').column('service_order_id').unique().where(OPEN).execute();
    await db.schema.createIndex('bills_patient').on('bills').column('patient_id').execute();
    await db.schema.createIndex('bills_issued_at').on('bills').column('issued_at').execute();

    await db.schema
      .createTable('bill_lines')
      .addColumn('id', 'integer', id)
      .addColumn('bill_id', 'integer', (c) => c.notNull().references('bills.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('consultation', 'lab_test', 'medication', 'other')`))
      .addColumn('sac_code', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn('unit_paise', 'bigint', (c) => c.notNull().check(sql`unit_paise >= 0`))
      .addColumn('rate_bp', 'integer', (c) => c.notNull())
      .addColumn('taxable_paise', 'bigint', (c) => c.notNull())
      .addColumn('cgst_paise', 'bigint', (c) => c.notNull())
      .addColumn('sgst_paise', 'bigint', (c) => c.notNull())
      .addColumn('igst_paise', 'bigint', (c) => c.notNull())
      .addColumn('total_paise', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bill_lines_bill').on('bill_lines').columns(['bill_id', 'position']).unique().execute();

    await db.schema
      .createTable('payments')
      .addColumn('id', 'integer', id)
      .addColumn('bill_id', 'integer', (c) => c.notNull().references('bills.id'))
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('cash', 'card', 'upi')`))
      .addColumn('reference', 'text')
      .addColumn('amount_paise', 'bigint', (c) => c.notNull().check(sql`amount_paise > 0`))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('received_by', 'integer', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('payments_bill').on('payments').column('bill_id').execute();
    await db.schema.createIndex('payments_received_at').on('payments').column('received_at').execute();

    // Cancels one issued bill in full; what was paid on it may be refunded with it.
    await db.schema
      .createTable('credit_notes')
      .addColumn('id', 'integer', id)
      .addColumn('bill_id', 'integer', (c) => c.notNull().unique().references('bills.id'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('amount_paise', 'bigint', (c) => c.notNull())
      .addColumn('refund_paise', 'bigint', (c) => c.notNull().check(sql`refund_paise >= 0`))
      .addColumn('refund_method', 'text', (c) => c.check(sql`refund_method in ('cash', 'card', 'upi')`))
      .addColumn('refund_reference', 'text')
      .addColumn('file_id', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
      .addCheckConstraint('credit_notes_refund_method', sql`(refund_paise = 0) = (refund_method is null)`)
      .execute();
    await db.schema.createIndex('credit_notes_issued_at').on('credit_notes').column('issued_at').execute();

    // JSON list of {fileId, filename, mime}: the sender reads each file from the file store when it sends.
    await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
  },
};
