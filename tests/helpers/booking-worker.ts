// A second seat: its own process and its own connection to the same clinic, booking as fast as it can.
// Run by tests/services/concurrent-booking.test.ts with node --import tsx.
import { createApp } from '../../electron/core/app';

interface Job {
  dataDir: string;
  databaseUrl?: string;
  now: string;
  token: string;
  doctorId: number;
  starts: string[];
}

const job = JSON.parse(process.env.MEDLINK_JOB!) as Job;
const app = await createApp({ dataDir: job.dataDir, databaseUrl: job.databaseUrl, clock: { now: () => new Date(job.now) }, bcryptCost: 4, log: () => undefined });
// Wait for the go signal so every seat starts at the same moment.
process.send!('ready');
await new Promise<void>((resolve) => process.once('message', () => resolve()));
// One person at one seat books one slot after another; the seats race each other for every slot.
const outcomes: { start: string; result: string }[] = [];
for (const start of job.starts) {
  const r = await app.dispatch('appointments.book', { doctorId: job.doctorId, start, mode: 'in_person' }, job.token);
  outcomes.push({ start, result: r.ok ? 'booked' : r.error.code });
}
await app.close();
process.send!(outcomes, () => process.exit(0));
