import { z } from 'zod';
import * as f from '../fields';
import { BILL_CATEGORIES } from '../gst';
import { paise } from './billing';
import { channel, none } from './channel';

// The clinic's own health services (lab tests, health check packages, vaccinations, home sample collection),
// patients' orders for them, and the front desk's work on those orders.

export const SERVICE_KINDS = ['lab_test', 'health_package', 'vaccination', 'home_collection'] as const;
export const ORDER_STATUSES = ['requested', 'confirmed', 'done', 'cancelled'] as const;

export const healthService = z.object({
  id: z.number(),
  kind: z.enum(SERVICE_KINDS),
  name: z.string(),
  description: z.string(),
  pricePaise: z.number(),
  category: z.enum(BILL_CATEGORIES),
  active: z.boolean(),
});
export type HealthService = z.infer<typeof healthService>;

const order = z.object({
  id: z.number(),
  serviceId: z.number(),
  serviceName: z.string(),
  kind: z.enum(SERVICE_KINDS),
  /** The price the patient was shown when ordering. */
  pricePaise: z.number(),
  note: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  scheduledDate: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  /** The order's open bill, once the front desk has started one. */
  billId: z.number().nullable(),
});
export type ServiceOrderView = z.infer<typeof order>;

const orderId = z.strictObject({ orderId: f.id });

export const healthServiceChannels = {
  /** The active services, as patients and the front desk see them. */
  'healthServices.catalogue': channel({ input: none, output: z.array(healthService), roles: ['patient', 'front_desk'] }),
  'healthServices.all': channel({ input: none, output: z.array(healthService), roles: ['admin'] }),
  /** Adds a service (no id) or changes one; a service is never deleted, only made inactive. */
  'healthServices.save': channel({
    input: z.strictObject({
      id: f.id.optional(),
      kind: z.enum(SERVICE_KINDS, { error: 'kind_invalid' }),
      name: z.string({ error: 'service_name_required' }).trim().min(3, 'service_name_required').max(120, 'too_long'),
      description: z.string({ error: 'description_required' }).trim().min(1, 'description_required').max(1000, 'too_long'),
      pricePaise: paise,
      category: z.enum(BILL_CATEGORIES, { error: 'category_invalid' }),
      active: z.boolean({ error: 'invalid' }),
    }),
    output: healthService,
    roles: ['admin'],
  }),
  'orders.place': channel({
    input: z.strictObject({
      serviceId: f.id,
      /** Anything the clinic should know (a preferred day, fasting, an address for home collection). */
      note: z.string({ error: 'invalid' }).trim().max(500, 'too_long').optional().transform((v) => (v ? v : undefined)),
    }),
    output: order,
    roles: ['patient'],
  }),
  'orders.mine': channel({ input: none, output: z.array(order), roles: ['patient'] }),
  /** Open orders (requested and confirmed) by default, or those of one status. */
  'orders.list': channel({
    input: z.strictObject({ status: z.enum(ORDER_STATUSES, { error: 'invalid' }).optional() }),
    output: z.array(order),
    roles: ['front_desk'],
  }),
  'orders.confirm': channel({ input: z.strictObject({ orderId: f.id, date: f.isoDate }), output: order, roles: ['front_desk'] }),
  'orders.done': channel({ input: orderId, output: order, roles: ['front_desk'] }),
  'orders.cancel': channel({
    input: z.strictObject({ orderId: f.id, reason: z.string({ error: 'cancel_reason_required' }).trim().min(3, 'cancel_reason_required').max(500, 'too_long') }),
    output: order,
    roles: ['patient', 'front_desk'],
  }),
  'orders.history': channel({
    input: orderId,
    output: z.array(z.object({ at: z.string(), actorName: z.string().nullable(), change: z.string(), detail: z.string().nullable() })),
    roles: ['patient', 'front_desk'],
  }),
} as const;
