import { PAYMENT_METHODS, type BillView, type Output, type ParsedInput } from '../../../shared/contract';
import { formatRupees } from '../../../shared/money';
import { record } from '../audit/audit.service';
import { DomainError, type Ctx } from '../context';
import { dayBounds } from '../scheduling/clinic-day';
import { toView } from './bill-view';
import * as repo from './bills.repo';
import { lockedBill } from './bills.service';
import { receiptInput, storePdf, storeReceipt } from './documents';
import { takeNumber } from './numbering';
import { renderCreditNote } from './receipt';

// Money taken on an issued bill (cash, card or UPI, one or several payments until the balance is nil), the
// credit note that cancels a bill and refunds what was paid, and the day's collections at the front desk.

const notIssued = (status: string) =>
  new DomainError('CONFLICT', status === 'draft' ? 'This bill is not issued yet: issue it first.' : 'This bill was cancelled by a credit note.');

export async function pay(ctx: Ctx, input: ParsedInput<'bills.pay'>): Promise<BillView> {
  const { row, a } = await lockedBill(ctx, input.billId);
  if (!a.isDesk && !a.isDoctor) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  if (row.status !== 'issued') throw notIssued(row.status);
  const balance = row.total_paise! - Number(row.paid_paise);
  if (balance <= 0) throw new DomainError('CONFLICT', 'This bill is already paid in full.');
  if (input.amountPaise > balance) {
    throw new DomainError('VALIDATION', `The balance due is ${formatRupees(balance)}; a payment cannot be more than that.`, { fields: { amountPaise: 'amount_over_balance' } });
  }
  await repo.insertPayment(ctx.db, {
    bill_id: row.id, method: input.method, reference: input.reference ?? null, amount_paise: input.amountPaise, received_at: ctx.now.toISOString(), received_by: a.session.userId,
  });
  await storeReceipt(ctx, row.id);
  await record(ctx, {
    action: 'bill.paid', actorId: a.session.userId, patientId: row.patient_id,
    detail: { billId: row.id, number: row.number, paidBy: input.method, amountPaise: input.amountPaise },
  });
  return toView(ctx, (await repo.billById(ctx.db, row.id))!, a);
}

/**
 * Cancels an issued bill in full with a credit note of its own series, refunding up to what was paid; the
 * bill's receipt is stored again, marked cancelled. The appointment or order can then be billed afresh.
 */
export async function creditNote(ctx: Ctx, input: ParsedInput<'bills.creditNote'>): Promise<BillView> {
  const { row, a } = await lockedBill(ctx, input.billId);
  if (!a.isDesk && !a.isAdmin) throw new DomainError('FORBIDDEN', 'Only the front desk or the administrator can cancel a bill.');
  if (row.status !== 'issued') throw notIssued(row.status);
  const paid = Number(row.paid_paise);
  if (input.refundPaise > paid) {
    throw new DomainError('VALIDATION', `Only ${formatRupees(paid)} was paid on this bill; the refund cannot be more.`, { fields: { refundPaise: 'refund_over_paid' } });
  }
  const number = await takeNumber(ctx, 'credit_note');
  const nowIso = ctx.now.toISOString();
  const note = { number, issuedAt: nowIso, reason: input.reason, refundPaise: input.refundPaise, refundMethod: input.refundPaise ? input.refundMethod! : null };
  const bill = await receiptInput(ctx, row);
  await storePdf(ctx, await renderCreditNote({ ...bill, creditNote: note }), async (fileId) => {
    await repo.insertCreditNote(ctx.db, {
      bill_id: row.id, number, reason: input.reason, amount_paise: row.total_paise!, refund_paise: input.refundPaise, refund_method: note.refundMethod,
      refund_reference: input.refundPaise ? (input.refundReference ?? null) : null, file_id: fileId, issued_at: nowIso, issued_by: a.session.userId,
    });
    await repo.updateBill(ctx.db, row.id, 'issued', { status: 'cancelled', updated_at: nowIso });
    await storeReceipt(ctx, row.id);
  });
  await record(ctx, {
    action: 'bill.credit_note_issued', actorId: a.session.userId, patientId: row.patient_id,
    detail: { billId: row.id, number: row.number, creditNote: number, refundPaise: input.refundPaise, reason: input.reason },
  });
  return toView(ctx, (await repo.billById(ctx.db, row.id))!, a);
}

/** The clinic-local day's takings by method, and the refunds paid out with credit notes that day. */
export async function collections(ctx: Ctx, input: ParsedInput<'bills.collections'>): Promise<Output<'bills.collections'>> {
  const { fromIso, toIso } = await dayBounds(ctx, input.date, input.date);
  const [received, refunded] = await Promise.all([repo.paymentsBetween(ctx.db, fromIso, toIso), repo.refundsBetween(ctx.db, fromIso, toIso)]);
  const methods = PAYMENT_METHODS.map((method) => {
    const r = received.find((x) => x.method === method);
    return {
      method,
      payments: Number(r?.n ?? 0),
      receivedPaise: Number(r?.amount ?? 0),
      refundedPaise: Number(refunded.find((x) => x.refund_method === method)?.amount ?? 0),
    };
  });
  return {
    date: input.date,
    methods,
    receivedPaise: methods.reduce((s, m) => s + m.receivedPaise, 0),
    refundedPaise: methods.reduce((s, m) => s + m.refundedPaise, 0),
  };
}
