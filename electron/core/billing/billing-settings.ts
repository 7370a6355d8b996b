import { FEE_KINDS, type Fees, type TaxSettings } from '../../../shared/contract';
import { BILL_CATEGORIES } from '../../../shared/gst';
import { readSettings, writeSettings } from '../clinic/settings.repo';
import type { Ctx } from '../context';
import type { OwnFees } from './fees.repo';

// The clinic's fee defaults and its GST rate and SAC/HSN code per bill category, in the settings table
// ('billing.fee.<kind>' in paise, 'billing.gst.<category>' in basis points, 'billing.sac.<category>').

/** Until the administrator sets them. */
export const FEE_DEFAULTS: Fees = { consultation_in_person: 50_000, consultation_online: 40_000, lab_test: 30_000, medication: 20_000, other: 10_000 };
/**
 * 18% on every category as the original tool charged. SAC 999312: medical services; 999316: laboratory and
 * diagnostic services; HSN 3004: medicaments; 999319: other human health services.
 */
export const TAX_DEFAULTS: TaxSettings = {
  consultation: { rateBp: 1800, code: '999312' },
  lab_test: { rateBp: 1800, code: '999316' },
  medication: { rateBp: 1800, code: '3004' },
  other: { rateBp: 1800, code: '999319' },
};

export function feeDefaultsFrom(s: Map<string, string>): Fees {
  return Object.fromEntries(FEE_KINDS.map((k) => [k, Number(s.get(`billing.fee.${k}`) ?? FEE_DEFAULTS[k])])) as Fees;
}

function taxesFrom(s: Map<string, string>): TaxSettings {
  return Object.fromEntries(
    BILL_CATEGORIES.map((c) => [c, { rateBp: Number(s.get(`billing.gst.${c}`) ?? TAX_DEFAULTS[c].rateBp), code: s.get(`billing.sac.${c}`) ?? TAX_DEFAULTS[c].code }]),
  ) as TaxSettings;
}

export async function readBillingSettings(ctx: Pick<Ctx, 'db'>): Promise<{ fees: Fees; taxes: TaxSettings }> {
  const s = await readSettings(ctx.db);
  return { fees: feeDefaultsFrom(s), taxes: taxesFrom(s) };
}

/** Saves them; returns what changed, as the audit log names it ('fee_lab_test', 'gst_medication', 'sac_other'). */
export async function writeBillingSettings(ctx: Ctx, fees: Fees, taxes: TaxSettings): Promise<string[]> {
  const values: Record<string, string> = {};
  for (const k of FEE_KINDS) values[`billing.fee.${k}`] = String(fees[k]);
  for (const c of BILL_CATEGORIES) {
    values[`billing.gst.${c}`] = String(taxes[c].rateBp);
    values[`billing.sac.${c}`] = taxes[c].code;
  }
  const before = await readSettings(ctx.db);
  await writeSettings(ctx.db, values);
  return Object.keys(values)
    .filter((k) => before.get(k) !== values[k])
    .map((k) => k.replace(/^billing\.(\w+)\./, '$1_'));
}

/** A doctor's fees as they apply: their own where set, the clinic's default elsewhere. */
export const effectiveFees = (own: OwnFees, defaults: Fees): Fees =>
  Object.fromEntries(FEE_KINDS.map((k) => [k, own[k] ?? defaults[k]])) as Fees;
