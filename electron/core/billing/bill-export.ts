import { zonedParts } from '../../../shared/clinic-time';
import type { Output, ParsedInput } from '../../../shared/contract';
import { billTotals, ratePercent, type LineTax } from '../../../shared/gst';
import { plainRupees } from '../../../shared/money';
import { record } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { requireSession, type Ctx } from '../context';
import { dayBounds } from '../scheduling/clinic-day';
import { frozenOf, toReceiptLine } from './bill-view';
import * as repo from './bills.repo';
import type { FrozenBill } from './receipt';

// The accountant's CSV for a range of clinic-local days: one row per bill issued and per credit note issued
// (a credit note's amounts negative), then a GST summary per rate netting the credit notes against the bills.

/** A cell as a spreadsheet reads it: quoted when needed, and text that would start a formula (a name like "=HYPERLINK(…)") made inert; amounts stay numbers. */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) && !/^-\d+\.\d\d$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const csvRow = (cells: (string | number)[]) => cells.map(cell).join(',');

const HEADER = ['Document', 'Number', 'Date', 'Patient', 'Doctor', 'Place of supply', 'Taxable value', 'CGST', 'SGST', 'IGST', 'Total', 'Paid', 'Refunded', 'Status', 'Against'];

export async function exportCsv(ctx: Ctx, input: ParsedInput<'bills.export'>): Promise<Output<'bills.export'>> {
  const clinic = await clinicSettings(ctx);
  const timeZone = clinic?.timeZone ?? 'Asia/Kolkata';
  const { fromIso, toIso } = await dayBounds(ctx, input.from, input.to);
  const [bills, notes] = await Promise.all([repo.billsIssuedBetween(ctx.db, fromIso, toIso), repo.creditNotesBetween(ctx.db, fromIso, toIso)]);
  const lines = await repo.linesOfBills(ctx.db, [...new Set([...bills.map((b) => b.id), ...notes.map((n) => n.bill_id)])]);
  const taxOf = (billId: number) => (lines.get(billId) ?? []).map(toReceiptLine);
  const localDay = (iso: string) => zonedParts(new Date(iso), timeZone).date;
  const money = (paise: number, sign = 1) => plainRupees(sign * paise);

  const rows: string[] = [
    csvRow(['MedLink bills and credit notes', clinic?.name ?? '', clinic?.gstin ? `GSTIN ${clinic.gstin}` : 'No GSTIN (bills of supply)', `From ${input.from}`, `To ${input.to}`]),
    '',
    csvRow(HEADER),
  ];
  for (const b of bills) {
    const f = frozenOf(b)!;
    const t = billTotals(taxOf(b.id));
    const status = b.status === 'cancelled' ? 'cancelled' : Number(b.paid_paise) >= t.totalPaise ? 'paid' : 'unpaid';
    rows.push(csvRow([
      'Bill', b.number!, localDay(b.issued_at!), f.patient.name, f.doctor?.name ?? '', f.placeOfSupply,
      money(t.taxablePaise), money(t.cgstPaise), money(t.sgstPaise), money(t.igstPaise), money(t.totalPaise), money(Number(b.paid_paise)), '', status, '',
    ]));
  }
  for (const n of notes) {
    const f = JSON.parse(n.frozen!) as FrozenBill;
    const t = billTotals(taxOf(n.bill_id));
    rows.push(csvRow([
      'Credit note', n.number, localDay(n.issued_at), f.patient.name, f.doctor?.name ?? '', f.placeOfSupply,
      money(t.taxablePaise, -1), money(t.cgstPaise, -1), money(t.sgstPaise, -1), money(t.igstPaise, -1), money(t.totalPaise, -1), '', money(n.refund_paise), '', n.bill_number!,
    ]));
  }

  // Per rate: the lines of the bills issued, less the lines of the bills credited, in the range.
  const net: LineTax[] = [...bills.flatMap((b) => taxOf(b.id)), ...notes.flatMap((n) => taxOf(n.bill_id).map((l) => negate(l)))];
  const summary = billTotals(net);
  rows.push('', csvRow(['GST summary']), csvRow(['GST rate', 'Taxable value', 'CGST', 'SGST', 'IGST', 'Total tax']));
  for (const r of summary.byRate) {
    rows.push(csvRow([ratePercent(r.rateBp), money(r.taxablePaise), money(r.cgstPaise), money(r.sgstPaise), money(r.igstPaise), money(r.cgstPaise + r.sgstPaise + r.igstPaise)]));
  }
  rows.push(csvRow(['Total', money(summary.taxablePaise), money(summary.cgstPaise), money(summary.sgstPaise), money(summary.igstPaise), money(summary.taxPaise)]));

  await record(ctx, { action: 'bill.exported', actorId: requireSession(ctx).userId, detail: { from: input.from, to: input.to, bills: bills.length, creditNotes: notes.length } });
  return { filename: `MedLink-bills-${input.from}-to-${input.to}.csv`, csv: `${rows.join('\r\n')}\r\n`, bills: bills.length, creditNotes: notes.length };
}

const negate = (l: LineTax): LineTax => ({
  taxablePaise: -l.taxablePaise, rateBp: l.rateBp, cgstPaise: -l.cgstPaise, sgstPaise: -l.sgstPaise, igstPaise: -l.igstPaise, totalPaise: -l.totalPaise,
});
