// The screens' frequent calls over a clinic's network (issue 15): MedLink talks to the benchmarks' PostgreSQL
// through a small TCP proxy on loopback that holds every chunk 1 ms each way, so each round trip costs what a
// wired clinic LAN adds (2 ms). Per channel: p95 and the round trips it sent (counted as the budget tests count),
// against the goals (booking p95 < 25 ms, every other channel < 15 ms), beside the same run's SELECT 1 through the proxy.
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { addDays } from '../shared/clinic-time';
import { createApp, type MedLinkApp } from '../electron/core/app';
import { roundTripsOf } from '../tests/helpers/round-trips';
import { benchPatient, loadAverage, onPostgres, PASSWORD } from './clinic-data';
import { ms, percentile, sample, type Benchmark } from './lib';

const DELAY_MS = 1;
/** Calls measured per channel (after WARMUP unmeasured ones), whatever the scale: the p95 of a hundred. */
const CALLS = 100;
const WARMUP = 5;
/** Bookings made, then a third each rescheduled, cancelled and checked in. */
const BOOKINGS = 3 * (CALLS + WARMUP);

/** Forwards loopback connections to `target`, each chunk after `delayMs` (in order: timers of one delay fire in turn). */
async function delayingProxy(targetPort: number, delayMs: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const pipe = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => setTimeout(() => to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type Call = () => Promise<unknown>;

export const lanBench: Benchmark = {
  name: 'lan',
  async run(log) {
    await onPostgres('lan', BOOKINGS, log, async ({ clinic, doctor, desk, firstPatient, url }) => {
      const server = new URL(url);
      const proxy = await delayingProxy(Number(server.port), DELAY_MS);
      const proxied = new URL(url);
      proxied.port = String(proxy.port);
      let app: MedLinkApp | undefined;
      try {
        app = await createApp({ dataDir: clinic.dataDir, keyFile: clinic.keyFile, databaseUrl: proxied.toString(), bcryptCost: 4, log: () => undefined });
        const a = app;
        const call = async <T>(channel: string, input: unknown, token?: string): Promise<T> => {
          const r = await a.dispatch(channel, input, token);
          if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
          return r.data as T;
        };
        const signIn = (email: string) => call<{ token: string }>('auth.login', { email, password: PASSWORD, portal: 'clinic' });
        const deskToken = (await signIn(desk.email)).token;
        const doctorToken = (await signIn('busy@bench.medlink')).token;
        const patient = await benchPatient({ ...clinic, app: a });

        // The patient's own screens have something to show: three visits, three records, a fortnight of readings.
        const free = doctor.freeStarts;
        for (const start of free.slice(BOOKINGS, BOOKINGS + 3)) await call('appointments.book', { doctorId: doctor.doctorId, start, mode: 'in_person' }, patient.token);
        for (const title of ['Complete blood count', 'Lipid profile', 'Thyroid profile']) {
          const bytes = Buffer.from(`${title}: within normal limits.\n`);
          const { uploadId } = await call<{ uploadId: string }>('uploads.begin', { purpose: 'record', name: `${title}.txt`, size: bytes.length }, patient.token);
          await call('uploads.chunk', { uploadId, index: 0, base64: bytes.toString('base64') }, patient.token);
          await call('records.add', { uploadId, title, category: 'lab_report', recordDate: clinic.today }, patient.token);
        }
        for (let d = 1; d <= 14; d++) {
          await call('readings.add', { measure: 'glucose_fasting', value: 90 + d, takenAt: new Date(Date.now() - d * 86_400_000).toISOString() }, patient.token);
        }

        const results: { channel: string; goal: number; samples: number[]; trips: number[] }[] = [];
        const measure = async (channel: string, goal: number, next: () => Call) => {
          const trips: number[] = [];
          const samples = await sample(async () => trips.push((await roundTripsOf(next())).roundTrips), CALLS, WARMUP);
          results.push({ channel, goal, samples, trips: trips.slice(WARMUP) });
        };
        const same = (c: Call) => () => c;

        const tomorrow = addDays(clinic.today, 1);
        await measure('sign-in', 15, same(() => signIn(desk.email)));
        await measure('session-check', 15, same(() => call('auth.session', {}, deskToken)));
        await measure('search', 15, same(() => call('doctors.search', { text: 'Sharma' }, patient.token)));
        await measure('doctor-profile', 15, same(() => call('doctors.profile', { doctorId: doctor.doctorId }, patient.token)));
        await measure('slots', 15, same(() => call('doctors.slots', { doctorId: doctor.doctorId, fromDate: tomorrow, toDate: addDays(tomorrow, 6) }, patient.token)));

        // Bookings by the front desk, one walk-in each, then a third moved, a third cancelled and a third checked in.
        const booked: number[] = [];
        let i = 0;
        const book = () => {
          const n = i++;
          return () => call<{ id: number }>('appointments.book', { doctorId: doctor.doctorId, start: free[n], mode: 'in_person', patientId: firstPatient + n }, deskToken).then((v) => booked.push(v.id));
        };
        await measure('booking', 25, book);
        // Three rounds of bookings: each third serves one of the changes below.
        while (booked.length < BOOKINGS) await book()();
        const third = CALLS + WARMUP;
        const thirds = [booked.slice(0, third), booked.slice(third, 2 * third), booked.slice(2 * third)];
        let r = 0;
        // Each to a time no one holds: the first `BOOKINGS` free starts are taken now, the patient's three after them.
        await measure('reschedule', 15, () => {
          const n = r++;
          return () => call('appointments.reschedule', { appointmentId: thirds[0]![n], start: free[BOOKINGS + 3 + n] }, deskToken);
        });
        let c = 0;
        await measure('cancel', 15, () => {
          const n = c++;
          return () => call('appointments.cancel', { appointmentId: thirds[1]![n], reason: 'The patient asked to cancel.' }, deskToken);
        });
        // Check-in opens an hour before a visit: the last third are moved, as no screen would, to start in half an hour.
        const direct = new pg.Client({ connectionString: url });
        await direct.connect();
        const soon = Date.now() + 30 * 60_000;
        for (const [k, id] of thirds[2]!.entries()) {
          await direct.query('update appointments set start_at = $1, end_at = $2 where id = $3', [new Date(soon + k).toISOString(), new Date(soon + k + 15 * 60_000).toISOString(), id]);
        }
        let k = 0;
        await measure('check-in', 15, () => {
          const n = k++;
          return () => call('appointments.setStatus', { appointmentId: thirds[2]![n], status: 'checked_in' }, deskToken);
        });

        await measure('day-board', 15, same(() => call('desk.board', { date: tomorrow }, deskToken)));
        await measure('doctor-schedule', 15, same(() => call('appointments.schedule', { fromDate: tomorrow, toDate: addDays(tomorrow, 6) }, doctorToken)));
        await measure('patient-appointments', 15, same(() => call('appointments.mine', {}, patient.token)));
        await measure('bills', 15, same(() => call('bills.mine', {}, patient.token)));
        await measure('records', 15, same(() => call('records.mine', {}, patient.token)));
        await measure('readings', 15, same(() => call('monitoring.mine', { range: '30d' }, patient.token)));

        const through = new pg.Client({ connectionString: proxied.toString() });
        await through.connect();
        const roundTrip = await sample(() => through.query('select 1'), 200);
        await through.end();
        await direct.end();

        for (const { channel, goal, samples, trips } of results) {
          const p95 = percentile(samples, 95);
          const lo = Math.min(...trips);
          const hi = Math.max(...trips);
          log(
            `bench lan-${channel}: p95 ${ms(p95)} ms, ${lo === hi ? lo : `${lo}–${hi}`} round trips (goal < ${goal} ms: ${p95 < goal ? 'met' : 'MISSED'}; ` +
              `median ${ms(percentile(samples, 50))} ms)`,
          );
        }
        log(
          `  ${results.length} channels, ${CALLS} calls each after ${WARMUP} unmeasured; SELECT 1 through the proxy: median ${ms(percentile(roundTrip, 50))} ms, p95 ${ms(percentile(roundTrip, 95))} ms ` +
            `(${DELAY_MS} ms each way); the bills list is empty (no visit of the bench's patient is over yet); ${loadAverage()}`,
        );
      } finally {
        await app?.close();
        await proxy.close();
      }
    });
  },
};
