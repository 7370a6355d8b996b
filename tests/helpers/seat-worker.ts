// One seat of the clinic in its own process: an app on the given data folder and database, doing what its parent
// asks over IPC (tests/helpers/seat.ts). Run with node --import tsx.
import { createApp } from '../../electron/core/app';
import { keyFileOf } from './clinic';
import { testClock } from './clock';
import type { SeatJob, SeatMessage, SeatRequest } from './seat';
import type { LiveEvent } from '../../shared/live';

// Without its parent (the test ended or died) the seat has nothing to do: it must not outlive it, even when the
// parent went while the app was still loading.
process.on('disconnect', () => process.exit(0));
const send = (m: SeatMessage) => (process.connected ? process.send!(m) : process.exit(0));

const job = JSON.parse(process.env.MEDLINK_SEAT!) as SeatJob;
if (job.clockAheadMs) {
  const real = Date.now;
  Date.now = () => real() + job.clockAheadMs!;
}
const clock = testClock(job.now);
const app = await createApp({
  dataDir: job.dataDir, keyFile: keyFileOf(job.dataDir), databaseUrl: job.databaseUrl, clock, bcryptCost: 4, log: (line) => send({ log: line }),
  google: job.google && { endpoints: job.google },
});

const heard: LiveEvent[] = [];

async function handle(r: SeatRequest): Promise<unknown> {
  switch (r.op) {
    case 'dispatch': {
      const results = [];
      for (const c of r.calls) results.push(await app.dispatch(c.channel, c.input, c.token));
      return results;
    }
    case 'runSender':
      return app.sender.runOnce();
    case 'runJobs':
      return app.jobs.runOnce();
    case 'advanceClock':
      return clock.advanceMinutes(r.minutes);
    case 'watch': {
      const watching = await app.watch(r.token, undefined, { deliver: (_id, event) => heard.push(event), end: () => undefined });
      return watching.ok ? { ok: true, data: null } : watching;
    }
    case 'heard':
      return heard;
  }
}

process.on('message', (m: SeatRequest & { id: number }) => {
  handle(m).then(
    (value) => send({ id: m.id, value: value ?? null }),
    (e: unknown) => send({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
send({ ready: true });
