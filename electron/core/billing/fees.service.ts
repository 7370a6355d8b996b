import { FEE_KINDS, type FeeSchedule, type Fees, type Output, type ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { doctorByUser } from '../doctors/doctors.repo';
import { searchChanged } from '../search/changes';
import { effectiveFees, readBillingSettings, writeBillingSettings } from './billing-settings';
import * as repo from './fees.repo';

// Fees: each doctor's own schedule over the clinic's defaults. Fees show in doctor search, so every change moves
// search's change counter in the same transaction.

async function ownDoctor(ctx: Ctx) {
  const doctor = await doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!doctor) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  return doctor;
}

export async function mine(ctx: Ctx): Promise<FeeSchedule> {
  const doctor = await ownDoctor(ctx);
  return { own: await repo.ownFees(ctx.db, doctor.id), clinicDefaults: (await readBillingSettings(ctx)).fees };
}

export async function saveMine(ctx: Ctx, input: ParsedInput<'fees.saveMine'>): Promise<FeeSchedule> {
  const doctor = await ownDoctor(ctx);
  const before = await repo.ownFees(ctx.db, doctor.id);
  const own = Object.fromEntries(FEE_KINDS.map((k) => [k, input.own[k] ?? null])) as repo.OwnFees;
  const changed = FEE_KINDS.filter((k) => before[k] !== own[k]);
  if (changed.length) {
    await repo.saveOwnFees(ctx.db, doctor.id, own, ctx.now.toISOString());
    await record(ctx, { action: 'doctor.profile_updated', actorId: doctor.user_id, detail: { doctorId: doctor.id, changed: changed.map((k) => `fee_${k}`) } });
    await searchChanged(ctx);
  }
  return mine(ctx);
}

/** The fees that apply to a doctor now (their own, else the clinic's). */
export async function feesOf(ctx: Ctx, doctorId: number): Promise<Fees> {
  const [own, settings] = await Promise.all([repo.ownFees(ctx.db, doctorId), readBillingSettings(ctx)]);
  return effectiveFees(own, settings.fees);
}

export async function settings(ctx: Ctx): Promise<Output<'billing.settings'>> {
  return { ...(await readBillingSettings(ctx)), gstin: (await clinicSettings(ctx))?.gstin ?? null };
}

export async function saveSettings(ctx: Ctx, input: ParsedInput<'billing.saveSettings'>): Promise<Output<'billing.settings'>> {
  const changed = await writeBillingSettings(ctx, input.fees, input.taxes);
  if (changed.length) {
    await record(ctx, { action: 'settings.updated', actorId: requireSession(ctx).userId, detail: { changed } });
    if (changed.some((k) => k.startsWith('fee_'))) await searchChanged(ctx);
  }
  return settings(ctx);
}
