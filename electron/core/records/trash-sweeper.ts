import type { Ctx, Deps } from '../context';
import { serialize } from '../db/dialects';
import { purgeTrash } from './records.service';

/** How often records kept in the trash past their 30 days are looked for. */
const EVERY_MS = 60 * 60_000;

/** Removes, for good, the records that have been in the trash for 30 days: at start, then every hour. */
export function trashSweeper(deps: Deps) {
  let timer: ReturnType<typeof setInterval> | undefined;
  async function runOnce(): Promise<number> {
    const after: (() => void)[] = [];
    const purged = await deps.db.transaction().execute(async (trx) => {
      // Two seats sweeping at once: the second finds the first one's work done.
      await serialize(trx, deps.dialect, 'records.trash');
      const ctx: Ctx = { db: trx, now: deps.clock.now(), deps, session: null, afterCommit: (fn) => after.push(fn) };
      return purgeTrash(ctx);
    });
    for (const fn of after) fn();
    return purged;
  }
  const sweep = () => void runOnce().catch((e: unknown) => deps.log(`trash: removing old records failed: ${String(e)}`));
  return {
    runOnce,
    start() {
      sweep();
      timer = setInterval(sweep, EVERY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
