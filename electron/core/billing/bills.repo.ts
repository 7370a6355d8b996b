import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type LineRow = Selectable<Database['bill_lines']>;
export type PaymentRow = Selectable<Database['payments']>;
export type CreditNoteRow = Selectable<Database['credit_notes']>;

/** A bill with what a screen shows beside it: its patient and doctor, and its appointment or order. */
const detailed = (db: Db) =>
  db
    .selectFrom('bills as b')
    .innerJoin('patient_info as p', 'p.id', 'b.patient_id')
    .leftJoin('doctor_info as d', 'd.id', 'b.doctor_id')
    .leftJoin('appointments as a', 'a.id', 'b.appointment_id')
    .leftJoin('service_orders as o', 'o.id', 'b.service_order_id')
    .leftJoin('health_services as s', 's.id', 'o.service_id')
    .selectAll('b')
    .select([
      'p.full_name as patient_name', 'p.latin_name as patient_latin_name', 'p.user_id as patient_user_id', 'p.state as patient_state',
      'd.full_name as doctor_name', 'd.latin_name as doctor_latin_name', 'd.user_id as doctor_user_id',
      'a.number as appointment_number', 'a.start_at as appointment_start', 'a.mode as appointment_mode',
      's.name as service_name', 'o.scheduled_date as order_date',
      // What was paid on it, in the same read.
      (eb) => eb.selectFrom('payments').select(sql<number>`coalesce(sum(amount_paise), 0)`.as('paid')).whereRef('payments.bill_id', '=', 'b.id').as('paid_paise'),
    ]);
export type BillRow = Awaited<ReturnType<ReturnType<typeof detailed>['executeTakeFirstOrThrow']>>;

export const billById = (db: Db, id: number) => detailed(db).where('b.id', '=', id).executeTakeFirst();

/** The bills of an appointment or of a service order. */
const billsFor = (db: Db, of: { appointmentId?: number; serviceOrderId?: number }) =>
  db.selectFrom('bills').where(of.appointmentId ? 'appointment_id' : 'service_order_id', '=', (of.appointmentId ?? of.serviceOrderId)!);

/** The bill of an appointment or order that is not cancelled (at most one: a partial unique index). */
export const openBillFor = (db: Db, of: { appointmentId?: number; serviceOrderId?: number }) =>
  billsFor(db, of).select('id').where('status', '<>', 'cancelled').executeTakeFirst();

/** The latest cancelled bill of an appointment or order: a correction starts from its lines. */
export const lastCancelledFor = (db: Db, of: { appointmentId?: number; serviceOrderId?: number }) =>
  billsFor(db, of).select(['id', 'number']).where('status', '=', 'cancelled').orderBy('id', 'desc').executeTakeFirst();

export async function insertBill(db: Db, row: Insertable<Database['bills']>): Promise<number> {
  const { id } = await db.insertInto('bills').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes a bill still in `status` (the caller holds the bill's lock; this is the guard behind it). */
export async function updateBill(db: Db, id: number, status: string, set: Updateable<Database['bills']>): Promise<boolean> {
  const r = await db.updateTable('bills').set(set).where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const linesOf = (db: Db, billId: number) => db.selectFrom('bill_lines').selectAll().where('bill_id', '=', billId).orderBy('position').execute();

export async function replaceLines(db: Db, billId: number, lines: Omit<Insertable<Database['bill_lines']>, 'bill_id' | 'position'>[]): Promise<void> {
  await db.deleteFrom('bill_lines').where('bill_id', '=', billId).execute();
  await db.insertInto('bill_lines').values(lines.map((l, position) => ({ ...l, bill_id: billId, position }))).execute();
}

export const paymentsOf = (db: Db, billId: number) =>
  db
    .selectFrom('payments as p')
    .leftJoin('users as u', 'u.id', 'p.received_by')
    .selectAll('p')
    .select('u.full_name as received_by_name')
    .where('p.bill_id', '=', billId)
    .orderBy('p.id')
    .execute();

export const insertPayment = (db: Db, row: Insertable<Database['payments']>) => db.insertInto('payments').values(row).execute();

export const creditNoteOf = (db: Db, billId: number) => db.selectFrom('credit_notes').selectAll().where('bill_id', '=', billId).executeTakeFirst();

export const insertCreditNote = (db: Db, row: Insertable<Database['credit_notes']>) => db.insertInto('credit_notes').values(row).execute();

export const setLatinName = (db: Db, table: 'patient_info' | 'doctor_info', id: number, latinName: string) =>
  db.updateTable(table).set({ latin_name: latinName }).where('id', '=', id).execute();

export interface ListFilter {
  filter?: 'draft' | 'unpaid' | 'paid' | 'cancelled';
  /** The bills of these patients only (a family's, or one patient's). */
  patientIds?: number[];
  doctorId?: number;
  /** Issued and cancelled bills only (what a patient sees). */
  issuedOnly?: boolean;
  limit: number;
}

/** Newest first; unpaid and paid are issued bills with and without a balance. */
export function listBills(db: Db, f: ListFilter) {
  let q = detailed(db);
  const paid = sql<number>`(select coalesce(sum(amount_paise), 0) from payments where payments.bill_id = b.id)`;
  if (f.filter === 'draft' || f.filter === 'cancelled') q = q.where('b.status', '=', f.filter);
  if (f.filter === 'unpaid') q = q.where('b.status', '=', 'issued').where((eb) => eb(paid, '<', eb.ref('b.total_paise')));
  if (f.filter === 'paid') q = q.where('b.status', '=', 'issued').where((eb) => eb(paid, '>=', eb.ref('b.total_paise')));
  if (f.issuedOnly) q = q.where('b.status', '<>', 'draft');
  if (f.patientIds) q = q.where('b.patient_id', 'in', f.patientIds);
  if (f.doctorId) q = q.where('b.doctor_id', '=', f.doctorId);
  return q.orderBy('b.id', 'desc').limit(f.limit).execute();
}

/** Payments received in [fromIso, toIso), by method. */
export const paymentsBetween = (db: Db, fromIso: string, toIso: string) =>
  db
    .selectFrom('payments')
    .select(['method', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(amount_paise)`.as('amount')])
    .where('received_at', '>=', fromIso)
    .where('received_at', '<', toIso)
    .groupBy('method')
    .execute();

/** Refunds made with credit notes issued in [fromIso, toIso), by method. */
export const refundsBetween = (db: Db, fromIso: string, toIso: string) =>
  db
    .selectFrom('credit_notes')
    .select(['refund_method', sql<number>`sum(refund_paise)`.as('amount')])
    .where('issued_at', '>=', fromIso)
    .where('issued_at', '<', toIso)
    .where('refund_paise', '>', 0)
    .groupBy('refund_method')
    .execute();

/** Bills issued in [fromIso, toIso) (cancelled ones too: they were issued), oldest first. */
export const billsIssuedBetween = (db: Db, fromIso: string, toIso: string) =>
  detailed(db).where('b.issued_at', '>=', fromIso).where('b.issued_at', '<', toIso).orderBy('b.issued_at').orderBy('b.id').execute();

/** Credit notes issued in [fromIso, toIso), with their bill's number, oldest first. */
export const creditNotesBetween = (db: Db, fromIso: string, toIso: string) =>
  db
    .selectFrom('credit_notes as c')
    .innerJoin('bills as b', 'b.id', 'c.bill_id')
    .selectAll('c')
    .select(['b.number as bill_number', 'b.frozen'])
    .where('c.issued_at', '>=', fromIso)
    .where('c.issued_at', '<', toIso)
    .orderBy('c.issued_at')
    .orderBy('c.id')
    .execute();

/** The lines of these bills, by bill. */
export async function linesOfBills(db: Db, billIds: number[]): Promise<Map<number, LineRow[]>> {
  const map = new Map<number, LineRow[]>();
  if (billIds.length === 0) return map;
  for (const l of await db.selectFrom('bill_lines').selectAll().where('bill_id', 'in', billIds).orderBy('bill_id').orderBy('position').execute()) {
    map.set(l.bill_id, [...(map.get(l.bill_id) ?? []), l]);
  }
  return map;
}
