import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** An order with its service, its patient's name and its open bill, as the screens show it. */
const detailed = (db: Db) =>
  db
    .selectFrom('service_orders as o')
    .innerJoin('health_services as s', 's.id', 'o.service_id')
    .innerJoin('patient_info as p', 'p.id', 'o.patient_id')
    .leftJoin('bills as b', (j) => j.onRef('b.service_order_id', '=', 'o.id').on('b.status', '<>', 'cancelled'))
    .selectAll('o')
    .select(['s.name as service_name', 's.kind', 'p.full_name as patient_name', 'p.user_id as patient_user_id', 'b.id as bill_id']);
export type OrderRow = Awaited<ReturnType<ReturnType<typeof detailed>['executeTakeFirstOrThrow']>>;

export const orderById = (db: Db, id: number) => detailed(db).where('o.id', '=', id).executeTakeFirst();
export const ordersOfPatient = (db: Db, patientId: number) => detailed(db).where('o.patient_id', '=', patientId).orderBy('o.id', 'desc').execute();

/** Oldest first: the desk works through them in the order they came. Done and cancelled ones, newest first. */
export function ordersWithStatus(db: Db, statuses: string[], limit: number) {
  const open = statuses.every((s) => s === 'requested' || s === 'confirmed');
  return detailed(db).where('o.status', 'in', statuses).orderBy('o.id', open ? 'asc' : 'desc').limit(limit).execute();
}

export async function insertOrder(db: Db, row: Insertable<Database['service_orders']>): Promise<number> {
  const { id } = await db.insertInto('service_orders').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes the order only if it is still in one of `from` (two desks acting at once: the second finds it moved). */
export async function updateOrder(db: Db, id: number, from: string[], set: Updateable<Database['service_orders']>): Promise<boolean> {
  const r = await db.updateTable('service_orders').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const addHistory = (db: Db, h: { orderId: number; at: string; actorId: number; change: string; detail?: unknown }) =>
  db
    .insertInto('service_order_history')
    .values({ order_id: h.orderId, at: h.at, actor_user_id: h.actorId, change: h.change, detail: h.detail === undefined ? null : JSON.stringify(h.detail) })
    .execute();

export const historyOf = (db: Db, orderId: number) =>
  db
    .selectFrom('service_order_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .select(['h.at', 'h.change', 'h.detail', 'u.full_name as actor_name'])
    .where('h.order_id', '=', orderId)
    .orderBy('h.id')
    .execute();
