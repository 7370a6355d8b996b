import type { BillSummary, BillView, PaymentMethod } from '../../../shared/contract';
import { billTotals, placeOfSupply, supplyOf, type BillCategory, type Supply } from '../../../shared/gst';
import type { IndianState } from '../../../shared/specialities';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx, type Session } from '../context';
import { doctorByUser } from '../doctors/doctors.repo';
import { mayActFor } from '../patients/acting-for';
import { effectiveFees, readBillingSettings } from './billing-settings';
import * as repo from './bills.repo';
import { ownFees } from './fees.repo';
import { needsLatinSpelling } from './names';
import type { FrozenBill, ReceiptLine } from './receipt';

/** Who the caller is to a bill, which decides what they may see and do. */
export interface Access {
  session: Session;
  isPatient: boolean;
  /** The bill's own doctor. */
  isDoctor: boolean;
  isDesk: boolean;
  isAdmin: boolean;
}

/** The caller's relation to the bill; a bill they may not see is "not found" (its number tells them nothing). */
export async function accessTo(ctx: Ctx, row: repo.BillRow): Promise<Access> {
  const session = requireSession(ctx);
  const a: Access = {
    session,
    // A patient sees their own bills and their family members' once issued; a draft is the clinic's work in progress.
    isPatient: row.status !== 'draft' && (await mayActFor(ctx, row.patient_id)),
    isDoctor: row.doctor_user_id !== null && row.doctor_user_id === session.userId,
    isDesk: session.roles.includes('front_desk'),
    isAdmin: session.roles.includes('admin'),
  };
  if (!a.isPatient && !a.isDoctor && !a.isDesk && !a.isAdmin) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  return a;
}

/** A doctor sees only their own bills in lists; everyone else with a list sees all. */
export async function listDoctorId(ctx: Ctx): Promise<number | undefined> {
  const session = requireSession(ctx);
  if (session.roles.includes('front_desk') || session.roles.includes('admin')) return undefined;
  return (await doctorByUser(ctx.db, session.userId))?.id ?? -1;
}

export const frozenOf = (row: repo.BillRow): FrozenBill | null => (row.frozen ? (JSON.parse(row.frozen) as FrozenBill) : null);

export const toReceiptLine = (l: repo.LineRow): ReceiptLine => ({
  description: l.description,
  sacCode: l.sac_code,
  quantity: l.quantity,
  unitPaise: l.unit_paise,
  rateBp: l.rate_bp,
  taxablePaise: l.taxable_paise,
  cgstPaise: l.cgst_paise,
  sgstPaise: l.sgst_paise,
  igstPaise: l.igst_paise,
  totalPaise: l.total_paise,
});

function visitOf(row: repo.BillRow, frozen: FrozenBill | null): BillView['visit'] {
  if (frozen?.visit.kind === 'appointment') return { kind: 'appointment', appointmentId: row.appointment_id!, number: frozen.visit.number, start: frozen.visit.start, mode: frozen.visit.mode };
  if (frozen?.visit.kind === 'service_order') return { kind: 'service_order', orderId: frozen.visit.orderId, serviceName: frozen.visit.serviceName, date: frozen.visit.date };
  if (row.appointment_id !== null) {
    return { kind: 'appointment', appointmentId: row.appointment_id, number: row.appointment_number!, start: row.appointment_start!, mode: row.appointment_mode as 'online' | 'in_person' };
  }
  return { kind: 'service_order', orderId: row.service_order_id!, serviceName: row.service_name!, date: row.order_date };
}

/** What the bill's total is: frozen once issued; a draft's is worked out from its lines. */
const balanceOf = (row: repo.BillRow, totalPaise: number) => (row.status === 'issued' ? totalPaise - Number(row.paid_paise) : 0);

export async function toView(ctx: Ctx, row: repo.BillRow, a: Access): Promise<BillView> {
  const [lineRows, payments, creditNote, settings, clinic] = await Promise.all([
    repo.linesOf(ctx.db, row.id),
    repo.paymentsOf(ctx.db, row.id),
    repo.creditNoteOf(ctx.db, row.id),
    readBillingSettings(ctx),
    clinicSettings(ctx),
  ]);
  const frozen = frozenOf(row);
  const lines = lineRows.map((l) => ({ ...toReceiptLine(l), category: l.category as BillCategory }));
  const totals = billTotals(lines);
  const patientState = row.patient_state as IndianState;
  const supply: Supply = frozen?.supply ?? supplyOf(clinic?.gstin, patientState);
  const paid = Number(row.paid_paise);
  const party = (id: number, name: string, latin: string | null, printed?: string) =>
    printed ? { id, name: printed, latinName: null, needsLatinName: false } : { id, name, latinName: latin, needsLatinName: needsLatinSpelling(name) && !latin };
  return {
    id: row.id,
    status: row.status as BillView['status'],
    number: row.number,
    issuedAt: row.issued_at,
    patient: { ...party(row.patient_id, row.patient_name, row.patient_latin_name, frozen?.patient.name), state: patientState },
    doctor: row.doctor_id === null ? null : party(row.doctor_id, row.doctor_name!, row.doctor_latin_name, frozen?.doctor?.name),
    visit: visitOf(row, frozen),
    supply,
    placeOfSupply: frozen?.placeOfSupply ?? placeOfSupply(patientState),
    lines,
    totals,
    taxes: settings.taxes,
    fees: row.doctor_id === null ? settings.fees : effectiveFees(await ownFees(ctx.db, row.doctor_id), settings.fees),
    payments: payments.map((p) => ({
      id: p.id, method: p.method as PaymentMethod, reference: p.reference, amountPaise: p.amount_paise, receivedAt: p.received_at, receivedBy: p.received_by_name ?? null,
    })),
    paidPaise: paid,
    balancePaise: balanceOf(row, totals.totalPaise),
    creditNote: creditNote
      ? {
          number: creditNote.number, reason: creditNote.reason, amountPaise: creditNote.amount_paise, refundPaise: creditNote.refund_paise,
          refundMethod: creditNote.refund_method as PaymentMethod | null, refundReference: creditNote.refund_reference, issuedAt: creditNote.issued_at,
        }
      : null,
    replaces: frozen?.replaces ?? null,
    canEdit: row.status === 'draft' && (a.isDesk || a.isDoctor),
    canPay: row.status === 'issued' && totals.totalPaise > paid && (a.isDesk || a.isDoctor),
    canCancel: row.status === 'issued' && (a.isDesk || a.isAdmin),
  };
}

export function toSummary(row: repo.BillRow): BillSummary {
  const frozen = frozenOf(row);
  const total = row.total_paise ?? 0;
  return {
    id: row.id,
    status: row.status as BillSummary['status'],
    number: row.number,
    patientId: row.patient_id,
    patientName: frozen?.patient.name ?? row.patient_name,
    doctorName: frozen ? (frozen.doctor?.name ?? null) : row.doctor_name,
    visit: visitOf(row, frozen),
    createdAt: row.created_at,
    issuedAt: row.issued_at,
    totalPaise: total,
    paidPaise: Number(row.paid_paise),
    balancePaise: balanceOf(row, total),
  };
}
