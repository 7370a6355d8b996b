import { addDays, zonedInstant, zonedParts } from '../../../shared/clinic-time';
import { clinicSettings } from '../clinic/clinic.service';
import type { Ctx } from '../context';

export const clinicZone = async (ctx: Ctx) => (await clinicSettings(ctx))?.timeZone ?? 'Asia/Kolkata';

/** The UTC instants that bound clinic-local days [fromDate, toDate]. */
export async function dayBounds(ctx: Ctx, fromDate: string, toDate: string) {
  const tz = await clinicZone(ctx);
  const from = zonedInstant(fromDate, '00:00', tz) ?? new Date(`${fromDate}T00:00:00Z`);
  const next = addDays(toDate, 1);
  const to = zonedInstant(next, '00:00', tz) ?? new Date(`${next}T00:00:00Z`);
  return { fromIso: from.toISOString(), toIso: to.toISOString() };
}

/** The clinic-local day an instant falls on, and its bounds. */
export async function clinicDayOf(ctx: Ctx, instant: Date) {
  const date = zonedParts(instant, await clinicZone(ctx)).date;
  return { date, ...(await dayBounds(ctx, date, date)) };
}
