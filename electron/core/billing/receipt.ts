// A bill's receipt and a credit note as PDF, drawn with the PDF module (pdf/document.ts) from what the bill froze
// when it was issued and the payments and credit note recorded since, never from the live profiles: the same
// bill prints the same bytes whenever it is printed again.
import type { PaymentMethod } from '../../../shared/contract';
import { billTotals, ratePercent, type LineTax, type Supply } from '../../../shared/gst';
import { amountInWords, formatRupees } from '../../../shared/money';
import { contactLine, day, when } from '../pdf/wording';
import { newDocument, type Column, type PdfWriter } from '../pdf/document';

/** The bill as issued: its number and the parties and visit as they were (stored as JSON on the bill). */
export interface FrozenBill {
  number: string;
  issuedAt: string;
  timeZone: string;
  supply: Supply;
  placeOfSupply: string;
  /** `phone` and `email`: how patients reach the clinic, where the administrator has given them. */
  clinic: { name: string; address: string; gstin: string | null; phone: string | null; email: string | null };
  patient: { id: number; name: string; phone: string; address: string };
  doctor: { name: string; qualifications: string; speciality: string; registration: string } | null;
  visit:
    | { kind: 'appointment'; number: number; start: string; mode: 'online' | 'in_person' }
    | { kind: 'service_order'; orderId: number; serviceName: string; date: string | null };
  /** The number of the cancelled bill this one corrects. */
  replaces: string | null;
}

export interface ReceiptLine extends LineTax {
  description: string;
  sacCode: string;
  quantity: number;
  unitPaise: number;
}

export interface ReceiptPayment {
  method: PaymentMethod;
  reference: string | null;
  amountPaise: number;
  receivedAt: string;
}

export interface ReceiptCreditNote {
  number: string;
  issuedAt: string;
  reason: string;
  refundPaise: number;
  refundMethod: PaymentMethod | null;
}

export interface ReceiptInput {
  bill: FrozenBill;
  lines: readonly ReceiptLine[];
  payments: readonly ReceiptPayment[];
  creditNote: ReceiptCreditNote | null;
}

const METHODS: Record<PaymentMethod, string> = { cash: 'Cash', card: 'Card', upi: 'UPI' };
const money = (paise: number) => formatRupees(paise, { symbol: false });

function header(doc: PdfWriter, b: FrozenBill, title: string, numberLabel: string, number: string, dateIso: string) {
  doc.row([
    { text: b.clinic.name, width: 0.62, bold: true, size: 15 },
    { text: title, width: 0.38, bold: true, size: 13, align: 'right' },
  ]);
  doc.space(3);
  doc.row([
    { text: [b.clinic.address, contactLine(b.clinic)].filter(Boolean).join('\n'), width: 0.62, muted: true },
    { text: `${numberLabel} ${number}\nDate: ${when(dateIso, b.timeZone)}`, width: 0.38, align: 'right' },
  ]);
  if (b.clinic.gstin) doc.text(`GSTIN: ${b.clinic.gstin}`);
  doc.rule();
}

function parties(doc: PdfWriter, b: FrozenBill) {
  const d = b.doctor;
  doc.row([
    { text: 'Billed to', width: 0.5, bold: true },
    { text: d ? 'Doctor' : '', width: 0.5, bold: true },
  ]);
  doc.row([
    { text: [b.patient.name, `Patient no. ${b.patient.id} · ${b.patient.phone}`, b.patient.address].filter(Boolean).join('\n'), width: 0.5 },
    { text: d ? [d.name, d.qualifications, d.speciality, d.registration].filter(Boolean).join('\n') : '', width: 0.5 },
  ]);
  doc.rule();
  const v = b.visit;
  const visit: [string, string] =
    v.kind === 'appointment'
      ? ['Appointment', `Booking no. ${v.number} · ${when(v.start, b.timeZone, true)} · ${v.mode === 'online' ? 'Online consultation' : 'In person'}`]
      : ['Service order', `Order no. ${v.orderId} · ${v.serviceName}${v.date ? ` · ${day(v.date)}` : ''}`];
  doc.fields([visit, ['Place of supply', b.placeOfSupply], ...(b.replaces ? [['Replaces bill', `${b.replaces} (cancelled)`] as [string, string]] : [])], 0.22);
  doc.rule();
}

function items(doc: PdfWriter, b: FrozenBill, lines: readonly ReceiptLine[]) {
  const taxed = b.supply !== 'none';
  // Without tax (a bill of supply) the description takes the tax columns' room.
  const columns: Column[] = [
    { header: '#', width: 0.04 },
    { header: 'Description', width: taxed ? 0.3 : 0.57 },
    { header: 'SAC/HSN', width: 0.1 },
    { header: 'Qty', width: 0.05, align: 'right' },
    { header: 'Rate (₹)', width: 0.12, align: 'right' },
    ...(taxed
      ? ([
          { header: 'Taxable (₹)', width: 0.12, align: 'right' },
          { header: 'GST', width: 0.06, align: 'right' },
          { header: 'Tax (₹)', width: 0.09, align: 'right' },
        ] as const)
      : []),
    { header: 'Amount (₹)', width: 0.12, align: 'right' },
  ];
  const rows = lines.map((l, i) => {
    const common = [String(i + 1), l.description, l.sacCode, String(l.quantity), money(l.unitPaise)];
    return taxed
      ? [...common, money(l.taxablePaise), ratePercent(l.rateBp), money(l.cgstPaise + l.sgstPaise + l.igstPaise), money(l.totalPaise)]
      : [...common, money(l.totalPaise)];
  });
  doc.table(columns, rows);
  doc.rule();
}

function totals(doc: PdfWriter, b: FrozenBill, lines: readonly ReceiptLine[]) {
  const t = billTotals(lines);
  const row = (label: string, paise: number, bold = false) =>
    doc.row([{ text: label, width: 0.78, align: 'right', bold }, { text: formatRupees(paise), width: 0.22, align: 'right', bold }]);
  row(b.supply === 'none' ? 'Subtotal' : 'Taxable value', t.taxablePaise);
  for (const r of t.byRate) {
    if (b.supply === 'intra') {
      row(`CGST @ ${ratePercent(r.rateBp / 2)} on ${formatRupees(r.taxablePaise)}`, r.cgstPaise);
      row(`SGST @ ${ratePercent(r.rateBp / 2)} on ${formatRupees(r.taxablePaise)}`, r.sgstPaise);
    }
    if (b.supply === 'inter') row(`IGST @ ${ratePercent(r.rateBp)} on ${formatRupees(r.taxablePaise)}`, r.igstPaise);
  }
  row('Total', t.totalPaise, true);
  doc.space(2);
  doc.row([{ text: 'Amount in words', width: 0.22, muted: true }, { text: amountInWords(t.totalPaise), width: 0.78 }]);
  doc.rule();
  return t.totalPaise;
}

function payments(doc: PdfWriter, r: ReceiptInput, total: number) {
  const tz = r.bill.timeZone;
  doc.text('Payments', { bold: true });
  doc.space(2);
  if (r.payments.length === 0) doc.text('No payment received yet.', { muted: true });
  else {
    doc.table(
      [
        { header: 'Date', width: 0.25 },
        { header: 'Method', width: 0.15 },
        { header: 'Reference', width: 0.38 },
        { header: 'Amount (₹)', width: 0.22, align: 'right' },
      ],
      r.payments.map((p) => [when(p.receivedAt, tz, true), METHODS[p.method], p.reference ?? '', money(p.amountPaise)]),
    );
  }
  const paid = r.payments.reduce((s, p) => s + p.amountPaise, 0);
  const row = (label: string, paise: number, bold = false) =>
    doc.row([{ text: label, width: 0.78, align: 'right', bold }, { text: formatRupees(paise), width: 0.22, align: 'right', bold }]);
  row('Paid', paid);
  if (r.creditNote) {
    row('Refunded', r.creditNote.refundPaise);
    doc.rule();
    doc.text(`Cancelled by credit note ${r.creditNote.number} on ${when(r.creditNote.issuedAt, tz)}: ${r.creditNote.reason}`, { bold: true });
  } else {
    row('Balance due', total - paid, true);
  }
}

const footer = (what: string) => `${what} · Computer-generated by MedLink; valid without a signature.`;

export async function renderReceipt(r: ReceiptInput): Promise<Uint8Array> {
  const b = r.bill;
  const title = b.supply === 'none' ? 'Bill of supply' : 'Tax invoice';
  const doc = await newDocument({ title: `${title} ${b.number}`, author: b.clinic.name, subject: `Receipt for ${b.patient.name}`, createdAt: new Date(b.issuedAt), footer: footer(`${title} ${b.number}`) });
  header(doc, b, title, 'Receipt no.', b.number, b.issuedAt);
  parties(doc, b);
  items(doc, b, r.lines);
  const total = totals(doc, b, r.lines);
  payments(doc, r, total);
  if (b.supply === 'none') {
    doc.space(8);
    doc.text('Bill of supply: the clinic is not registered under GST and charges no tax.', { muted: true });
  }
  return doc.finish();
}

/** The credit note that cancels a bill in full (and records what was refunded). */
export async function renderCreditNote(r: ReceiptInput & { creditNote: ReceiptCreditNote }): Promise<Uint8Array> {
  const b = r.bill;
  const cn = r.creditNote;
  const doc = await newDocument({ title: `Credit note ${cn.number}`, author: b.clinic.name, subject: `Credit note for ${b.patient.name}`, createdAt: new Date(cn.issuedAt), footer: footer(`Credit note ${cn.number}`) });
  header(doc, b, 'Credit note', 'Credit note no.', cn.number, cn.issuedAt);
  doc.fields([['Against bill', `${b.number} of ${when(b.issuedAt, b.timeZone)}`], ['Reason', cn.reason]], 0.22);
  doc.rule();
  parties(doc, b);
  items(doc, b, r.lines);
  totals(doc, b, r.lines);
  doc.text(
    cn.refundPaise > 0 && cn.refundMethod
      ? `Refunded: ${formatRupees(cn.refundPaise)} (${METHODS[cn.refundMethod]}).`
      : 'Nothing was refunded.',
    { bold: true },
  );
  return doc.finish();
}
