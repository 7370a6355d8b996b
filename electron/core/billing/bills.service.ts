import { FEE_LINES, type BillSummary, type BillView, type FeeKind, type Fees, type LineInputView, type ParsedInput } from '../../../shared/contract';
import { billTotals, lineTax, supplyOf, type BillCategory } from '../../../shared/gst';
import type { IndianState } from '../../../shared/specialities';
import { record, recordView } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { serialize } from '../db/dialects';
import { serviceById } from '../health-services/health-services.repo';
import { orderById } from '../health-services/orders.repo';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import { actingPatients, contactOf } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import { unprintable } from '../pdf/document';
import { appointmentById } from '../scheduling/appointments.repo';
import { accessTo, listDoctorId, toSummary, toView, type Access } from './bill-view';
import { effectiveFees, readBillingSettings } from './billing-settings';
import * as repo from './bills.repo';
import { documentFilename, storeReceipt } from './documents';
import { ownFees } from './fees.repo';
import { freeze } from './freeze';
import { needsLatinSpelling } from './names';
import { takeNumber } from './numbering';

// A bill: opened as a draft for a checked-in or completed appointment (or a done service order), pre-filled
// from the fee schedule, edited, then issued: numbered, frozen, its receipt stored and emailed. An issued bill
// is never changed; a credit note cancels it (payments.service.ts) and a corrected bill is opened again.

const LIST_LIMIT = 200;

/** Takes the bill's lock (two windows on one bill take turns), then reads it and the caller's relation to it. */
export async function lockedBill(ctx: Ctx, billId: number): Promise<{ row: repo.BillRow; a: Access }> {
  await serialize(ctx.db, ctx.deps.dialect, `bill:${billId}`);
  const row = await repo.billById(ctx.db, billId);
  if (!row) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  return { row, a: await accessTo(ctx, row) };
}

async function view(ctx: Ctx, billId: number): Promise<BillView> {
  const row = (await repo.billById(ctx.db, billId))!;
  return toView(ctx, row, await accessTo(ctx, row));
}

/** Writes a draft's lines, priced now (codes, rates and tax from the clinic's settings and the supply), and its totals. */
async function writeLines(ctx: Ctx, billId: number, patientState: IndianState, lines: readonly LineInputView[]): Promise<void> {
  const [{ taxes }, clinic] = await Promise.all([readBillingSettings(ctx), clinicSettings(ctx)]);
  const supply = supplyOf(clinic?.gstin, patientState);
  const taxed = lines.map((l) => lineTax({ quantity: l.quantity, unitPaise: l.unitPaise, rateBp: taxes[l.category].rateBp }, supply));
  await repo.replaceLines(
    ctx.db,
    billId,
    lines.map((l, i) => {
      const t = taxed[i]!;
      return {
        description: l.description, category: l.category, sac_code: taxes[l.category].code, quantity: l.quantity, unit_paise: l.unitPaise,
        rate_bp: t.rateBp, taxable_paise: t.taxablePaise, cgst_paise: t.cgstPaise, sgst_paise: t.sgstPaise, igst_paise: t.igstPaise, total_paise: t.totalPaise,
      };
    }),
  );
  const t = billTotals(taxed);
  await repo.updateBill(ctx.db, billId, 'draft', { taxable_paise: t.taxablePaise, tax_paise: t.taxPaise, total_paise: t.totalPaise, updated_at: ctx.now.toISOString() });
}

const feeLine = (fees: Fees, kind: FeeKind): LineInputView => ({ ...FEE_LINES[kind], quantity: 1, unitPaise: fees[kind] });

/**
 * Who a bill of this appointment (checked in or completed; a doctor only their own) or done service order (the
 * front desk) is for, and the line it starts with: the consultation from the doctor's fee schedule, or the service
 * at the price the patient ordered it.
 */
async function billable(ctx: Ctx, input: ParsedInput<'bills.open'>): Promise<{ patientId: number; doctorId: number | null; line: LineInputView }> {
  const session = requireSession(ctx);
  const isDesk = session.roles.includes('front_desk');
  if ('appointmentId' in input) {
    const a = await appointmentById(ctx.db, input.appointmentId);
    if (!a || (!isDesk && a.doctor_user_id !== session.userId)) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
    if (a.status !== 'checked_in' && a.status !== 'completed') {
      throw new DomainError('CONFLICT', 'A bill can be opened once the patient has checked in or the visit is completed.');
    }
    const fees = effectiveFees(await ownFees(ctx.db, a.doctor_id), (await readBillingSettings(ctx)).fees);
    return { patientId: a.patient_id, doctorId: a.doctor_id, line: feeLine(fees, a.mode === 'online' ? 'consultation_online' : 'consultation_in_person') };
  }
  if (!isDesk) throw new DomainError('FORBIDDEN', 'Only the front desk bills health services.');
  const o = await orderById(ctx.db, input.serviceOrderId);
  if (!o) throw new DomainError('NOT_FOUND', 'No order has this number.');
  if (o.status !== 'done') throw new DomainError('CONFLICT', 'A health service is billed once the order is marked done.');
  const service = (await serviceById(ctx.db, o.service_id))!;
  return { patientId: o.patient_id, doctorId: null, line: { description: o.service_name, category: service.category as BillCategory, quantity: 1, unitPaise: o.price_paise } };
}

/**
 * The open bill of an appointment or a done service order: the existing one, or a new draft, which starts from
 * the lines of the cancelled bill it corrects if there is one. Two windows opening it at once get the same bill.
 */
export async function open(ctx: Ctx, input: ParsedInput<'bills.open'>): Promise<BillView> {
  const { patientId, doctorId, line } = await billable(ctx, input);
  await serialize(ctx.db, ctx.deps.dialect, 'appointmentId' in input ? `bill-of-appointment:${input.appointmentId}` : `bill-of-order:${input.serviceOrderId}`);
  const existing = await repo.openBillFor(ctx.db, input);
  if (existing) return get(ctx, existing.id);
  const nowIso = ctx.now.toISOString();
  const id = await repo.insertBill(ctx.db, {
    patient_id: patientId,
    doctor_id: doctorId,
    appointment_id: 'appointmentId' in input ? input.appointmentId : null,
    service_order_id: 'serviceOrderId' in input ? input.serviceOrderId : null,
    status: 'draft',
    created_by: requireSession(ctx).userId,
    created_at: nowIso,
    updated_at: nowIso,
  });
  const cancelled = await repo.lastCancelledFor(ctx.db, input);
  const lines = cancelled
    ? (await repo.linesOf(ctx.db, cancelled.id)).map((l) => ({ description: l.description, category: l.category as BillCategory, quantity: l.quantity, unitPaise: l.unit_paise }))
    : [line];
  const patient = (await patientById(ctx.db, patientId))!;
  await writeLines(ctx, id, patient.state as IndianState, lines);
  return get(ctx, id);
}

/** A bill as its viewer may see it; a look by staff at a patient's bill is in the audit log. */
export async function get(ctx: Ctx, billId: number): Promise<BillView> {
  const row = await repo.billById(ctx.db, billId);
  if (!row) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  const a = await accessTo(ctx, row);
  if (!a.isPatient) await record(ctx, { action: 'bill.viewed', actorId: a.session.userId, patientId: row.patient_id, detail: { billId: row.id, number: row.number } });
  return toView(ctx, row, a);
}

/** Checks and saves what the editor sent: lines, and the Latin spellings of names that need one. */
async function applyDraft(ctx: Ctx, input: ParsedInput<'bills.saveDraft'>): Promise<repo.BillRow> {
  const { row, a } = await lockedBill(ctx, input.billId);
  if (!a.isDesk && !a.isDoctor) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  if (row.status !== 'draft') {
    throw new DomainError('CONFLICT', 'This bill is already issued and cannot be changed. To correct it, cancel it with a credit note and issue a new one.');
  }
  const fields: Record<string, string> = {};
  input.lines.forEach((l, i) => {
    if (unprintable(l.description).length) fields[`lines.${i}.description`] = 'not_printable';
  });
  for (const [key, value] of [['patientLatinName', input.patientLatinName], ['doctorLatinName', input.doctorLatinName]] as const) {
    if (value && needsLatinSpelling(value)) fields[key] = 'latin_name_invalid';
  }
  if (Object.keys(fields).length) throw new DomainError('VALIDATION', 'Receipts print in English letters: please check the fields marked.', { fields });
  if (input.patientLatinName) await repo.setLatinName(ctx.db, 'patient_info', row.patient_id, input.patientLatinName);
  if (input.doctorLatinName && row.doctor_id !== null) await repo.setLatinName(ctx.db, 'doctor_info', row.doctor_id, input.doctorLatinName);
  await writeLines(ctx, row.id, row.patient_state as IndianState, input.lines);
  return (await repo.billById(ctx.db, row.id))!;
}

export async function saveDraft(ctx: Ctx, input: ParsedInput<'bills.saveDraft'>): Promise<BillView> {
  const row = await applyDraft(ctx, input);
  return view(ctx, row.id);
}

/**
 * Saves the draft as sent and issues it in one transaction: the parties frozen, the number taken from the
 * financial year's counter (last, after every check), the receipt rendered and stored, the email with the
 * receipt queued, the issue in the audit log. Any failure rolls all of it back, the number included.
 */
export async function issue(ctx: Ctx, input: ParsedInput<'bills.issue'>): Promise<BillView> {
  const row = await applyDraft(ctx, input);
  const session = requireSession(ctx);
  const replaces = (await repo.lastCancelledFor(ctx.db, row.appointment_id !== null ? { appointmentId: row.appointment_id } : { serviceOrderId: row.service_order_id! }))?.number ?? null;
  const parties = await freeze(ctx, row, replaces);
  const number = await takeNumber(ctx, 'bill');
  const nowIso = ctx.now.toISOString();
  await repo.updateBill(ctx.db, row.id, 'draft', {
    status: 'issued', number, supply: parties.supply, frozen: JSON.stringify({ number, ...parties }), issued_by: session.userId, issued_at: nowIso, updated_at: nowIso,
  });
  const fileId = await storeReceipt(ctx, row.id);
  // A family member's bill goes to the account holder, as their other mail does.
  const contact = await contactOf(ctx.db, (await patientById(ctx.db, row.patient_id))!);
  if (contact.email) {
    await enqueueMail(ctx, 'bill_issued', {
      to: contact.email,
      language: contact.language,
      data: { clinic: await clinicInfo(ctx), patientName: parties.patient.name, number, issuedAt: ctx.now, totalPaise: row.total_paise!, balancePaise: row.total_paise! },
      attachments: [{ fileId, filename: documentFilename('Receipt', number), mime: 'application/pdf' }],
    });
  }
  await record(ctx, { action: 'bill.issued', actorId: session.userId, patientId: row.patient_id, detail: { billId: row.id, number, totalPaise: row.total_paise } });
  return view(ctx, row.id);
}

/** Bills for the clinic's staff (a doctor: their own), newest first; the look is in the audit log, naming every patient listed. */
export async function list(ctx: Ctx, input: ParsedInput<'bills.list'>): Promise<BillSummary[]> {
  const session = requireSession(ctx);
  const patientIds = input.patientId === undefined ? undefined : [input.patientId];
  const rows = await repo.listBills(ctx.db, { filter: input.filter, patientIds, doctorId: await listDoctorId(ctx), limit: LIST_LIMIT });
  await recordView(ctx, { action: 'bill.list_viewed', actorId: session.userId }, rows.map((r) => r.patient_id));
  return rows.map(toSummary);
}

/** The issued bills of the patient and their family members: those with a balance due first, then the rest, newest first within each. */
export async function mine(ctx: Ctx): Promise<BillSummary[]> {
  const family = await actingPatients(ctx);
  if (family.length === 0) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  const bills = (await repo.listBills(ctx.db, { patientIds: family.map((p) => p.id), issuedOnly: true, limit: LIST_LIMIT })).map(toSummary);
  return [...bills.filter((b) => b.balancePaise > 0), ...bills.filter((b) => b.balancePaise <= 0)];
}
