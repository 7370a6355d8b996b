import type { TFunction } from 'i18next';
import type { BillSummary } from '../../../shared/contract';
import { formatRupees, parseRupees } from '../../../shared/money';

/** "₹1,250.00": money as every screen shows it. */
export const rupees = (paise: number) => formatRupees(paise);

/** Rupees typed into a field as paise; NaN when it is not an amount (the contract then names the field). */
export const toPaise = (text: string) => parseRupees(text) ?? Number.NaN;

/** Paise as a field shows them for editing ("1250.50"): no symbol, no grouping. */
export const rupeesInput = (paise: number) => (paise % 100 ? (paise / 100).toFixed(2) : String(paise / 100));

/** What a bill is for, in a line: "Booking no. 42" or the health service's name. */
export const billFor = (t: TFunction, visit: BillSummary['visit']) =>
  visit.kind === 'appointment' ? t('billing.visit.appointment', { number: visit.number }) : t('billing.visit.order', { name: visit.serviceName, number: visit.orderId });

/** "Paid", "Balance due", "Draft", "Cancelled". */
export function billState(b: Pick<BillSummary, 'status' | 'balancePaise'>): 'draft' | 'cancelled' | 'paid' | 'due' {
  if (b.status !== 'issued') return b.status;
  return b.balancePaise > 0 ? 'due' : 'paid';
}
