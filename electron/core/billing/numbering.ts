import { zonedParts } from '../../../shared/clinic-time';
import { clinicSettings } from '../clinic/clinic.service';
import type { Ctx } from '../context';
import { nextInSeries } from '../db/counters.repo';

// Bill and credit-note numbers: consecutive per financial year (April to March, by the clinic's calendar),
// ML/2026-27/000123 and ML/CN/2026-27/000007, each series its own gapless counter.

/** '2026-27' for any clinic-local date from 1 April 2026 to 31 March 2027. */
export function financialYear(ymd: string): string {
  const year = Number(ymd.slice(0, 4));
  const start = Number(ymd.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export type Series = 'bill' | 'credit_note';

export const documentNumber = (series: Series, year: string, n: number) => `ML/${series === 'credit_note' ? 'CN/' : ''}${year}/${String(n).padStart(6, '0')}`;

/**
 * The series' next number for the call's instant, taken in the call's transaction: call it after every check
 * that could refuse, since the counter stays locked (and other seats wait) until the transaction ends.
 */
export async function takeNumber(ctx: Ctx, series: Series): Promise<string> {
  const timeZone = (await clinicSettings(ctx))?.timeZone ?? 'Asia/Kolkata';
  const year = financialYear(zonedParts(ctx.now, timeZone).date);
  return documentNumber(series, year, await nextInSeries(ctx.db, `${series}:${year}`));
}
