// GST on a bill, the same arithmetic on the server (which decides) and in the bill editor (which previews).
//
// Rule (README, "Bills and GST"): tax is worked out per line on the line's taxable value (quantity × unit price)
// and rounded half up to the paisa. Within the clinic's state (CGST + SGST) each half is its own rate/2 of
// the taxable value, rounded half up, so CGST always equals SGST; between states (IGST) the full rate is
// rounded once. A bill's tax is the sum of its lines' rounded taxes. Without a GSTIN the clinic issues a
// bill of supply: no tax at all.
import { INDIAN_STATES, type IndianState } from './specialities';

/** What a bill line is for; each has its own GST rate and SAC/HSN code in the clinic's settings. */
export const BILL_CATEGORIES = ['consultation', 'lab_test', 'medication', 'other'] as const;
export type BillCategory = (typeof BILL_CATEGORIES)[number];

/** GST rates the settings offer, in basis points (1800 = 18%). */
export const GST_RATES = [0, 500, 1200, 1800, 2800, 4000] as const;

/** intra: CGST + SGST; inter: IGST; none: no GSTIN, a bill of supply. */
export type Supply = 'intra' | 'inter' | 'none';

/** GST state codes (the first two digits of a GSTIN), for the place of supply a receipt prints. */
export const GST_STATE_CODES: Record<IndianState, string> = {
  'Jammu and Kashmir': '01', 'Himachal Pradesh': '02', Punjab: '03', Chandigarh: '04', Uttarakhand: '05', Haryana: '06',
  Delhi: '07', Rajasthan: '08', 'Uttar Pradesh': '09', Bihar: '10', Sikkim: '11', 'Arunachal Pradesh': '12',
  Nagaland: '13', Manipur: '14', Mizoram: '15', Tripura: '16', Meghalaya: '17', Assam: '18', 'West Bengal': '19',
  Jharkhand: '20', Odisha: '21', Chhattisgarh: '22', 'Madhya Pradesh': '23', Gujarat: '24',
  'Dadra and Nagar Haveli and Daman and Diu': '26', Maharashtra: '27', Karnataka: '29', Goa: '30', Lakshadweep: '31',
  Kerala: '32', 'Tamil Nadu': '33', Puducherry: '34', 'Andaman and Nicobar Islands': '35', Telangana: '36',
  'Andhra Pradesh': '37', Ladakh: '38',
};

/** "27-Maharashtra", as invoices write a place of supply. */
export const placeOfSupply = (state: IndianState) => `${GST_STATE_CODES[state]}-${state}`;

/** The state a GSTIN was registered in, from its first two digits. */
const stateOfGstin = (gstin: string): IndianState | undefined => INDIAN_STATES.find((s) => GST_STATE_CODES[s] === gstin.slice(0, 2));

/**
 * As india-compliance decides it: with a GSTIN, a supply whose place (the patient's state) is the GSTIN's own
 * state is intra-state (CGST + SGST, never IGST); any other is inter-state (IGST only).
 */
export function supplyOf(gstin: string | null | undefined, patientState: IndianState): Supply {
  if (!gstin) return 'none';
  return stateOfGstin(gstin) === patientState ? 'intra' : 'inter';
}

/** round(value × bp / (10000 × parts)), halves up, exactly (BigInt: no float drift on large amounts). */
function share(value: number, bp: number, parts: 1 | 2): number {
  const den = 10_000n * BigInt(parts);
  return Number((BigInt(value) * BigInt(bp) * 2n + den) / (den * 2n));
}

export interface LineInput {
  quantity: number;
  unitPaise: number;
  /** Basis points; ignored for a bill of supply. */
  rateBp: number;
}

export interface LineTax {
  taxablePaise: number;
  /** The rate applied (0 on a bill of supply). */
  rateBp: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  totalPaise: number;
}

export function lineTax(line: LineInput, supply: Supply): LineTax {
  const taxablePaise = line.quantity * line.unitPaise;
  const rateBp = supply === 'none' ? 0 : line.rateBp;
  const half = supply === 'intra' ? share(taxablePaise, rateBp, 2) : 0;
  const igstPaise = supply === 'inter' ? share(taxablePaise, rateBp, 1) : 0;
  return { taxablePaise, rateBp, cgstPaise: half, sgstPaise: half, igstPaise, totalPaise: taxablePaise + 2 * half + igstPaise };
}

export interface RateSummary {
  rateBp: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

export interface BillTotals {
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  taxPaise: number;
  totalPaise: number;
  /** Per GST rate, lowest first: the tax breakdown a receipt prints and the accountant's summary adds up. */
  byRate: RateSummary[];
}

export function billTotals(lines: readonly LineTax[]): BillTotals {
  const byRate = new Map<number, RateSummary>();
  const sum = { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };
  for (const l of lines) {
    const r = byRate.get(l.rateBp) ?? { rateBp: l.rateBp, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };
    byRate.set(l.rateBp, r);
    for (const k of ['taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise'] as const) {
      r[k] += l[k];
      sum[k] += l[k];
    }
  }
  const taxPaise = sum.cgstPaise + sum.sgstPaise + sum.igstPaise;
  return { ...sum, taxPaise, totalPaise: sum.taxablePaise + taxPaise, byRate: [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp) };
}

/** "18%", "2.5%". */
export const ratePercent = (bp: number) => `${bp / 100}%`;
