import type { Output, ParsedInput, PaymentMethod } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { DomainError, type Ctx } from '../context';
import { accessTo, frozenOf, toReceiptLine } from './bill-view';
import * as repo from './bills.repo';
import { renderReceipt, type ReceiptInput } from './receipt';

// Receipts and credit notes are stored through the file store (every seat reads them) and named by their
// bill; each change (a payment, a credit note) stores a new receipt, and earlier ones stay, since a queued
// email may still be about to attach one.

const PDF = 'application/pdf';

/** What a bill's receipt prints now: its frozen parties and lines, the payments and its credit note. */
export async function receiptInput(ctx: Ctx, row: repo.BillRow): Promise<ReceiptInput> {
  const frozen = frozenOf(row);
  if (!frozen) throw new Error(`bill ${row.id} is not issued`);
  const [lines, payments, cn] = await Promise.all([repo.linesOf(ctx.db, row.id), repo.paymentsOf(ctx.db, row.id), repo.creditNoteOf(ctx.db, row.id)]);
  return {
    bill: frozen,
    lines: lines.map(toReceiptLine),
    payments: payments.map((p) => ({ method: p.method as PaymentMethod, reference: p.reference, amountPaise: p.amount_paise, receivedAt: p.received_at })),
    creditNote: cn ? { number: cn.number, issuedAt: cn.issued_at, reason: cn.reason, refundPaise: cn.refund_paise, refundMethod: cn.refund_method as PaymentMethod | null } : null,
  };
}

/**
 * Keeps a PDF in the file store and runs `use` with its id. The database store writes in the call's transaction;
 * the disk store writes at once, so a failure before the commit removes the file by hand.
 */
export async function storePdf<T>(ctx: Ctx, bytes: Uint8Array, use: (fileId: string) => Promise<T>): Promise<T> {
  const files = ctx.deps.files;
  const fileId = await files.put(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { kind: 'receipt', mime: PDF }, ctx.db);
  try {
    return await use(fileId);
  } catch (e) {
    if (!files.transactional) await files.remove(fileId);
    throw e;
  }
}

/** Renders the bill's receipt as it stands and names it on the bill; returns the file's id. */
export async function storeReceipt(ctx: Ctx, billId: number): Promise<string> {
  const row = (await repo.billById(ctx.db, billId))!;
  return storePdf(ctx, await renderReceipt(await receiptInput(ctx, row)), async (fileId) => {
    await repo.updateBill(ctx.db, billId, row.status, { receipt_file: fileId });
    return fileId;
  });
}

/** A file name that says what the document is: Receipt-ML-2026-27-000123.pdf. */
export const documentFilename = (what: 'Receipt' | 'Credit-note', number: string) => `${what}-${number.replace(/\//g, '-')}.pdf`;

/** The stored PDF of a bill's receipt or credit note; a look by anyone but the patient is in the audit log. */
export async function document(ctx: Ctx, input: ParsedInput<'bills.document'>): Promise<Output<'bills.document'>> {
  const row = await repo.billById(ctx.db, input.billId);
  if (!row) throw new DomainError('NOT_FOUND', 'No bill has this number.');
  const a = await accessTo(ctx, row);
  const cn = input.which === 'credit_note' ? await repo.creditNoteOf(ctx.db, row.id) : undefined;
  const fileId = input.which === 'receipt' ? row.receipt_file : cn?.file_id;
  if (!fileId || !row.number) throw new DomainError('NOT_FOUND', input.which === 'receipt' ? 'This bill has no receipt yet: it is not issued.' : 'This bill has no credit note.');
  const file = await ctx.deps.files.get(fileId, ctx.db);
  if (!file) throw new DomainError('NOT_FOUND', 'The stored document cannot be read. Ask the clinic to check its files.');
  if (!a.isPatient) {
    await record(ctx, { action: 'bill.document_viewed', actorId: a.session.userId, patientId: row.patient_id, detail: { billId: row.id, number: cn?.number ?? row.number } });
  }
  return {
    filename: cn ? documentFilename('Credit-note', cn.number) : documentFilename('Receipt', row.number),
    mime: PDF,
    base64: file.bytes.toString('base64'),
  };
}
