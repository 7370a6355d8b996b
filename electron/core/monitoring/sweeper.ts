import { inTransaction, type Deps } from '../context';
import { serialize } from '../db/dialects';
import { sendAnnounced } from '../live/changes';
import { sweep } from './alerts.service';

/** How often missed schedules and waiting digests are looked for. */
const EVERY_MS = 5 * 60_000;

/** Raises missed-schedule alerts and sends the digests that waited for their hour: at start, then every 5 minutes. */
export function monitoringSweeper(deps: Deps) {
  let timer: ReturnType<typeof setInterval> | undefined;
  const runOnce = () =>
    inTransaction(deps, async (ctx) => {
      // Two seats sweeping at once: the second finds the first one's alerts raised.
      await serialize(ctx.db, deps.dialect, 'monitoring.sweep');
      const done = await sweep(ctx);
      await sendAnnounced(ctx);
      return done;
    });
  const run = () => void runOnce().catch((e: unknown) => deps.log(`monitoring: the sweep failed: ${String(e)}`));
  return {
    runOnce,
    start() {
      run();
      timer = setInterval(run, EVERY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
