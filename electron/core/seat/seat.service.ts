import type { ParsedInput } from '../../../shared/contract';
import { anyAdmin } from '../auth/auth.repo';
import { DomainError, type Ctx } from '../context';

/** Why this seat may not be pointed at a server now, or null. A working seat can never be repointed from a screen. */
async function connectRefusal(ctx: Ctx): Promise<DomainError | null> {
  if (ctx.deps.dialect !== 'sqlite') return new DomainError('CONFLICT', "This computer already uses the clinic's database server; nothing was changed.");
  if (!ctx.deps.seat) return new DomainError('CONFLICT', 'This MedLink was opened without a seat to switch; nothing was changed.');
  // The setup check reads inside this call's transaction, which on SQLite holds the write lock: a setup.complete cannot slip in between.
  if (await anyAdmin(ctx.db)) {
    return new DomainError('SETUP_DONE', 'This computer already keeps a clinic of its own, so it cannot be connected to a database server; nothing was changed.');
  }
  return null;
}

export async function status(ctx: Ctx) {
  return { database: ctx.deps.dialect === 'postgres' ? ('server' as const) : ('this_computer' as const), canConnect: !(await connectRefusal(ctx)) };
}

/** First run: tries the clinic's server, and only if it opens (and migrates) keeps it for this seat and moves onto it. */
export async function connect(ctx: Ctx, server: ParsedInput<'seat.connect'>): Promise<{ done: true }> {
  const refusal = await connectRefusal(ctx);
  if (refusal) throw refusal;
  const seat = ctx.deps.seat!;
  await seat.check(server);
  ctx.afterCommit(() => seat.switchTo(server));
  return { done: true };
}
