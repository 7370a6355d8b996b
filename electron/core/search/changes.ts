import type { Ctx } from '../context';
import { bumpSearchVersion } from './versions.repo';

/**
 * Call in the same transaction as any change to what doctor search shows: a doctor's sign-up, resubmission,
 * verification decision or suspension, their hours, or the clinic's holidays. Every search, on every seat,
 * compares the counter and rebuilds its catalog when it moved; a rolled-back change moves nothing.
 */
export async function searchChanged(ctx: Pick<Ctx, 'db'>): Promise<void> {
  await bumpSearchVersion(ctx.db);
}
