import { z } from 'zod';
import * as f from '../fields';
import { BILL_CATEGORIES, GST_RATES } from '../gst';
import { MAX_PAISE } from '../money';
import { channel, none } from './channel';
import { MODES } from './scheduling';

// Fees, bills, payments, credit notes, receipts and the accountant's export.

/** What a doctor charges (their own, else the clinic's default). */
export const FEE_KINDS = ['consultation_in_person', 'consultation_online', 'lab_test', 'medication', 'other'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
/** How a line of each fee kind reads on a receipt (receipts are in English, whatever the screens' language). */
export const FEE_LINES: Record<FeeKind, { description: string; category: (typeof BILL_CATEGORIES)[number] }> = {
  consultation_in_person: { description: 'Consultation (in person)', category: 'consultation' },
  consultation_online: { description: 'Online consultation', category: 'consultation' },
  lab_test: { description: 'Lab test', category: 'lab_test' },
  medication: { description: 'Medication', category: 'medication' },
  other: { description: 'Other charges', category: 'other' },
};
export const PAYMENT_METHODS = ['cash', 'card', 'upi'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const BILL_STATUSES = ['draft', 'issued', 'cancelled'] as const;
/** How a list of bills may be narrowed: a status, or issued bills with or without a balance. */
export const BILL_FILTERS = ['draft', 'unpaid', 'paid', 'cancelled'] as const;

export const paise = z
  .number({ error: 'amount_invalid' })
  .int('amount_invalid')
  .min(0, 'amount_invalid')
  .max(MAX_PAISE, 'amount_too_large');
const category = z.enum(BILL_CATEGORIES, { error: 'category_invalid' });

const feeMap = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    consultation_in_person: value,
    consultation_online: value,
    lab_test: value,
    medication: value,
    other: value,
  });
export type Fees = Record<FeeKind, number>;

const taxSetting = z.strictObject({
  rateBp: z.number({ error: 'rate_invalid' }).refine((r) => (GST_RATES as readonly number[]).includes(r), 'rate_invalid'),
  /** SAC (services) or HSN (goods) code printed on the lines of this category. */
  code: z.string({ error: 'code_invalid' }).trim().regex(/^\d{4,8}$/, 'code_invalid'),
});
const taxes = z.strictObject({ consultation: taxSetting, lab_test: taxSetting, medication: taxSetting, other: taxSetting });
export type TaxSettings = z.infer<typeof taxes>;

const billingSettings = z.object({
  fees: feeMap(z.number()),
  taxes,
  /** The clinic's GSTIN (Clinic settings): without one, receipts are bills of supply and carry no tax. */
  gstin: z.string().nullable(),
});

const feeSchedule = z.object({
  /** The doctor's own fee (null: none set) beside the clinic's default for each kind. */
  own: feeMap(z.number().nullable()),
  clinicDefaults: feeMap(z.number()),
});
export type FeeSchedule = z.infer<typeof feeSchedule>;

/** Text printed on a receipt: the fonts draw Latin script (with accents), not Devanagari and other scripts. */
const printable = (max: number, requiredKey: string) => z.string({ error: requiredKey }).trim().min(1, requiredKey).max(max, 'too_long');

export const lineInput = z.strictObject({
  description: printable(200, 'description_required'),
  category,
  quantity: z.number({ error: 'quantity_invalid' }).int('quantity_invalid').min(1, 'quantity_invalid').max(999, 'quantity_invalid'),
  unitPaise: paise,
});
export type LineInputView = z.infer<typeof lineInput>;

const line = lineInput.extend({
  sacCode: z.string(),
  rateBp: z.number(),
  taxablePaise: z.number(),
  cgstPaise: z.number(),
  sgstPaise: z.number(),
  igstPaise: z.number(),
  totalPaise: z.number(),
});
export type BillLineView = z.infer<typeof line>;

const totals = z.object({
  taxablePaise: z.number(),
  cgstPaise: z.number(),
  sgstPaise: z.number(),
  igstPaise: z.number(),
  taxPaise: z.number(),
  totalPaise: z.number(),
  byRate: z.array(z.object({ rateBp: z.number(), taxablePaise: z.number(), cgstPaise: z.number(), sgstPaise: z.number(), igstPaise: z.number() })),
});

const payment = z.object({
  id: z.number(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  amountPaise: z.number(),
  receivedAt: z.string(),
  receivedBy: z.string().nullable(),
});

const creditNote = z.object({
  number: z.string(),
  reason: z.string(),
  amountPaise: z.number(),
  refundPaise: z.number(),
  refundMethod: z.enum(PAYMENT_METHODS).nullable(),
  refundReference: z.string().nullable(),
  issuedAt: z.string(),
});

/** A person on a bill: the name as entered, and the Latin spelling receipts print when that name needs one. */
const party = z.object({
  id: z.number(),
  name: z.string(),
  latinName: z.string().nullable(),
  /** The name holds letters receipts cannot print, and no Latin spelling is known yet. */
  needsLatinName: z.boolean(),
});

const visit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('appointment'), appointmentId: z.number(), number: z.number(), start: z.string(), mode: z.enum(MODES) }),
  z.object({ kind: z.literal('service_order'), orderId: z.number(), serviceName: z.string(), date: z.string().nullable() }),
]);

export const billView = z.object({
  id: z.number(),
  status: z.enum(BILL_STATUSES),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  patient: party.extend({ state: f.state }),
  doctor: party.nullable(),
  visit,
  supply: z.enum(['intra', 'inter', 'none']),
  placeOfSupply: z.string(),
  lines: z.array(line),
  totals,
  /** What the editor needs to preview a draft as the server will work it out. */
  taxes,
  /** The fee schedule that applies (the doctor's own fees, else the clinic's), for adding a line of a kind. */
  fees: feeMap(z.number()),
  payments: z.array(payment),
  paidPaise: z.number(),
  balancePaise: z.number(),
  creditNote: creditNote.nullable(),
  /** The cancelled bill this one corrects. */
  replaces: z.string().nullable(),
  /** What the person asking may do now (the server checks again). */
  canEdit: z.boolean(),
  canPay: z.boolean(),
  canCancel: z.boolean(),
});
export type BillView = z.infer<typeof billView>;

export const billSummary = z.object({
  id: z.number(),
  status: z.enum(BILL_STATUSES),
  number: z.string().nullable(),
  patientId: z.number(),
  patientName: z.string(),
  doctorName: z.string().nullable(),
  /** "Consultation, booking no. 42" or the service's name, as a list shows it. */
  visit: visit,
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
  totalPaise: z.number(),
  paidPaise: z.number(),
  balancePaise: z.number(),
});
export type BillSummary = z.infer<typeof billSummary>;

const latinName = z.string({ error: 'latin_name_invalid' }).trim().min(1, 'latin_name_invalid').max(100, 'too_long');
const draft = z.strictObject({
  billId: f.id,
  lines: z.array(lineInput, { error: 'lines_required' }).min(1, 'lines_required').max(60, 'too_many'),
  /** The spellings receipts print, asked for when a name is written in another script; kept for next time. */
  patientLatinName: latinName.optional(),
  doctorLatinName: latinName.optional(),
});

const reference = z.string({ error: 'reference_required' }).trim().max(100, 'too_long').optional().transform((v) => (v ? v : undefined));

const document = z.object({ filename: z.string(), mime: z.literal('application/pdf'), base64: z.string() });

export const billingChannels = {
  'fees.mine': channel({ input: none, output: feeSchedule, roles: ['doctor'] }),
  /** The doctor's own fees; a kind left out has none (the clinic's default applies). */
  'fees.saveMine': channel({ input: z.strictObject({ own: feeMap(paise.optional()) }), output: feeSchedule, roles: ['doctor'] }),
  'billing.settings': channel({ input: none, output: billingSettings, roles: ['admin'] }),
  'billing.saveSettings': channel({ input: z.strictObject({ fees: feeMap(paise), taxes }), output: billingSettings, roles: ['admin'] }),
  /** The open bill of a checked-in or completed appointment or a done order: found, or started from the fee schedule. */
  'bills.open': channel({
    input: z.union([z.strictObject({ appointmentId: f.id }), z.strictObject({ serviceOrderId: f.id })], { error: 'invalid' }),
    output: billView,
    roles: ['doctor', 'front_desk'],
  }),
  'bills.get': channel({ input: z.strictObject({ billId: f.id }), output: billView, roles: ['patient', 'doctor', 'front_desk', 'admin'] }),
  'bills.saveDraft': channel({ input: draft, output: billView, roles: ['doctor', 'front_desk'] }),
  /** Saves the draft as given and issues it: numbered, frozen, receipt stored, email queued. */
  'bills.issue': channel({ input: draft, output: billView, roles: ['doctor', 'front_desk'] }),
  'bills.pay': channel({
    input: z
      .strictObject({
        billId: f.id,
        method: z.enum(PAYMENT_METHODS, { error: 'method_invalid' }),
        amountPaise: paise.refine((v) => v > 0, 'amount_invalid'),
        /** The card slip's or UPI transaction's reference; required for card and UPI. */
        reference,
      })
      .refine((p) => p.method === 'cash' || !!p.reference, { path: ['reference'], message: 'reference_required' }),
    output: billView,
    roles: ['doctor', 'front_desk'],
  }),
  /** Cancels an issued bill in full, refunding `refundPaise` of what was paid on it. */
  'bills.creditNote': channel({
    input: z
      .strictObject({
        billId: f.id,
        reason: z.string({ error: 'reason_required' }).trim().min(5, 'reason_required').max(500, 'too_long'),
        refundPaise: paise,
        refundMethod: z.enum(PAYMENT_METHODS, { error: 'method_invalid' }).optional(),
        refundReference: reference,
      })
      .refine((c) => c.refundPaise === 0 || !!c.refundMethod, { path: ['refundMethod'], message: 'method_invalid' }),
    output: billView,
    roles: ['front_desk', 'admin'],
  }),
  'bills.list': channel({
    input: z.strictObject({ filter: z.enum(BILL_FILTERS, { error: 'invalid' }).optional(), patientId: f.id.optional() }),
    output: z.array(billSummary),
    roles: ['doctor', 'front_desk', 'admin'],
  }),
  /** A patient's own issued bills, unpaid first. */
  'bills.mine': channel({ input: none, output: z.array(billSummary), roles: ['patient'] }),
  /** The stored PDF of a bill's receipt or of its credit note. */
  'bills.document': channel({
    input: z.strictObject({ billId: f.id, which: z.enum(['receipt', 'credit_note'], { error: 'invalid' }) }),
    output: document,
    roles: ['patient', 'doctor', 'front_desk', 'admin'],
  }),
  /** What the front desk took on a clinic-local day, by method, refunds apart. */
  'bills.collections': channel({
    input: z.strictObject({ date: f.isoDate }),
    output: z.object({
      date: z.string(),
      methods: z.array(z.object({ method: z.enum(PAYMENT_METHODS), payments: z.number(), receivedPaise: z.number(), refundedPaise: z.number() })),
      receivedPaise: z.number(),
      refundedPaise: z.number(),
    }),
    roles: ['front_desk', 'admin'],
  }),
  /** Bills and credit notes issued on the clinic-local days from..to, with a GST summary per rate, as CSV. */
  'bills.export': channel({
    input: z.strictObject({ from: f.isoDate, to: f.isoDate }).refine((r) => r.from <= r.to, { path: ['to'], message: 'range_invalid' }),
    output: z.object({ filename: z.string(), csv: z.string(), bills: z.number(), creditNotes: z.number() }),
    roles: ['admin'],
  }),
} as const;
