import type { AuditAction, ParsedInput, ServiceOrderView } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx, type Session } from '../context';
import { patientByUser } from '../patients/patients.repo';
import { serviceById } from './health-services.repo';
import * as repo from './orders.repo';

// A patient orders a service; the front desk confirms it for a date, marks it done or cancels it (with a
// reason), each step in the order's history; a done order is billed like a visit (billing/bills.service.ts).

const OPEN = ['requested', 'confirmed'];
const LIST_LIMIT = 200;

const toOrder = (r: repo.OrderRow): ServiceOrderView => ({
  id: r.id,
  serviceId: r.service_id,
  serviceName: r.service_name,
  kind: r.kind as ServiceOrderView['kind'],
  pricePaise: r.price_paise,
  note: r.note,
  status: r.status as ServiceOrderView['status'],
  scheduledDate: r.scheduled_date,
  cancelReason: r.cancel_reason,
  createdAt: r.created_at,
  patientId: r.patient_id,
  patientName: r.patient_name,
  billId: r.bill_id ?? null,
});

async function ownPatient(ctx: Ctx, session: Session) {
  const patient = await patientByUser(ctx.db, session.userId);
  if (!patient) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  return patient;
}

/** The order, if the caller may see it: the front desk any, a patient their own. */
async function visibleOrder(ctx: Ctx, orderId: number): Promise<repo.OrderRow> {
  const session = requireSession(ctx);
  const row = await repo.orderById(ctx.db, orderId);
  if (!row || (!session.roles.includes('front_desk') && row.patient_user_id !== session.userId)) {
    throw new DomainError('NOT_FOUND', 'No order has this number.');
  }
  return row;
}

export async function place(ctx: Ctx, input: ParsedInput<'orders.place'>): Promise<ServiceOrderView> {
  const session = requireSession(ctx);
  const patient = await ownPatient(ctx, session);
  const service = await serviceById(ctx.db, input.serviceId);
  if (!service || !service.active) throw new DomainError('NOT_FOUND', 'This service is not offered any more.');
  const nowIso = ctx.now.toISOString();
  const id = await repo.insertOrder(ctx.db, {
    patient_id: patient.id, service_id: service.id, price_paise: service.price_paise, note: input.note ?? null, status: 'requested',
    scheduled_date: null, cancel_reason: null, created_by: session.userId, created_at: nowIso, updated_at: nowIso,
  });
  await repo.addHistory(ctx.db, { orderId: id, at: nowIso, actorId: session.userId, change: 'requested', detail: input.note ? { note: input.note } : undefined });
  await record(ctx, { action: 'service_order.placed', actorId: session.userId, patientId: patient.id, detail: { orderId: id, name: service.name } });
  return toOrder((await repo.orderById(ctx.db, id))!);
}

export async function mine(ctx: Ctx): Promise<ServiceOrderView[]> {
  const patient = await ownPatient(ctx, requireSession(ctx));
  return (await repo.ordersOfPatient(ctx.db, patient.id)).map(toOrder);
}

/** The desk's list; the look is in the audit log, naming every patient on it. */
export async function list(ctx: Ctx, input: ParsedInput<'orders.list'>): Promise<ServiceOrderView[]> {
  const session = requireSession(ctx);
  const rows = await repo.ordersWithStatus(ctx.db, input.status ? [input.status] : OPEN, LIST_LIMIT);
  await recordView(ctx, { action: 'service_order.list_viewed', actorId: session.userId }, rows.map((r) => r.patient_id));
  return rows.map(toOrder);
}

const STEPS = {
  confirmed: { from: ['requested', 'confirmed'], action: 'service_order.confirmed' },
  done: { from: ['requested', 'confirmed'], action: 'service_order.done' },
  cancelled: { from: OPEN, action: 'service_order.cancelled' },
} satisfies Record<string, { from: string[]; action: AuditAction }>;

async function step(ctx: Ctx, orderId: number, to: keyof typeof STEPS, set: { scheduled_date?: string; cancel_reason?: string }, detail?: { date: string } | { reason: string }) {
  const session = requireSession(ctx);
  const row = await visibleOrder(ctx, orderId);
  const { from, action } = STEPS[to];
  const nowIso = ctx.now.toISOString();
  if (!(await repo.updateOrder(ctx.db, orderId, from, { status: to, ...set, updated_at: nowIso }))) {
    throw new DomainError('CONFLICT', `This order is ${row.status} and cannot be marked ${to} any more.`);
  }
  await repo.addHistory(ctx.db, { orderId, at: nowIso, actorId: session.userId, change: to, detail });
  await record(ctx, { action, actorId: session.userId, patientId: row.patient_id, detail: { orderId, name: row.service_name, ...detail } });
  return toOrder((await repo.orderById(ctx.db, orderId))!);
}

export const confirm = (ctx: Ctx, input: ParsedInput<'orders.confirm'>) => step(ctx, input.orderId, 'confirmed', { scheduled_date: input.date }, { date: input.date });
export const done = (ctx: Ctx, orderId: number) => step(ctx, orderId, 'done', {});
export const cancel = (ctx: Ctx, input: ParsedInput<'orders.cancel'>) => step(ctx, input.orderId, 'cancelled', { cancel_reason: input.reason }, { reason: input.reason });

export async function history(ctx: Ctx, orderId: number) {
  await visibleOrder(ctx, orderId);
  return (await repo.historyOf(ctx.db, orderId)).map((h) => ({ at: h.at, actorName: h.actor_name ?? null, change: h.change, detail: h.detail }));
}
