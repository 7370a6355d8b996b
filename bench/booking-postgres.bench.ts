// Booking with the conflict check on PostgreSQL over loopback (issue 4), beside the same run's round trip of a
// trivial query times the statements one booking sends. The clinic is the benchmarks' clinic generated in
// SQLite and moved with the app's own move command; the server is a throwaway cluster (as the tests start it)
// but durable: fsync, synchronous_commit and full_page_writes on, as a clinic's server would run.
import pg from 'pg';
import { createApp } from '../electron/core/app';
import { roundTripsOf } from '../tests/helpers/round-trips';
import { loadAverage, onPostgres, PASSWORD, scaled } from './clinic-data';
import { count, ms, percentile, ratio, sample, type Benchmark } from './lib';

const BOOKINGS = scaled(1_000);

export const bookingPostgresBench: Benchmark = {
  name: 'booking-postgres',
  async run(log) {
    await onPostgres('booking-postgres', BOOKINGS, log, async ({ clinic, doctor, desk, firstPatient, url, moved }) => {
      const app = await createApp({ dataDir: clinic.dataDir, keyFile: clinic.keyFile, databaseUrl: url, bcryptCost: 4, log: () => undefined });
      try {
        const login = await app.dispatch('auth.login', { email: desk.email, password: PASSWORD, portal: 'clinic' });
        if (!login.ok) throw new Error(login.error.message);
        const token = (login.data as { token: string }).token;
        const statements: number[] = [];
        const book = async (i: number) => {
          const { result: r, roundTrips } = await roundTripsOf(() =>
            app.dispatch('appointments.book', { doctorId: doctor.doctorId, start: doctor.freeStarts[i], mode: 'in_person', patientId: firstPatient + i }, token),
          );
          if (!r.ok) throw new Error(`appointments.book: ${r.error.message}`);
          statements.push(roundTrips);
        };
        let next = 0;
        const booked = await sample(() => book(next++), BOOKINGS - Math.ceil(BOOKINGS / 10));

        // Baselines on the same server, each over its own connection: a trivial query's round trip, and a
        // transaction inserting one row (what durability alone costs: the commit waits for the WAL on disk).
        const direct = new pg.Client({ connectionString: url });
        await direct.connect();
        const roundTrip = await sample(() => direct.query('select 1'), 1_000);
        await direct.query('create table bench_rows (id bigint generated always as identity primary key, at text not null)');
        const oneRow = await sample(async () => {
          await direct.query('begin');
          await direct.query('insert into bench_rows (at) values ($1)', [new Date().toISOString()]);
          await direct.query('commit');
        }, 500);
        await direct.end();

        const perBooking = percentile(statements, 50);
        const floor = percentile(roundTrip, 50) * perBooking;
        const p95 = percentile(booked, 95);
        log(`bench booking-postgres: p95 ${ms(p95)} ms, ${ratio(floor, p95)} vs ${perBooking} statements × SELECT 1 round trip (${ms(floor)} ms)`);
        log(
          `  median ${ms(percentile(booked, 50))} ms over ${count(booked.length)} bookings (statements each: ${Math.min(...statements)}–${Math.max(...statements)}, BEGIN and COMMIT included); ` +
            `SELECT 1 round trip median ${ms(percentile(roundTrip, 50))} ms, p95 ${ms(percentile(roundTrip, 95))} ms; ` +
            `a one-row insert transaction p95 ${ms(percentile(oneRow, 95))} ms`,
        );
        log(
          `  data: ${count(clinic.appointments)} appointments moved from SQLite in ${ms(moved)} s; PostgreSQL over 127.0.0.1, fsync=on, synchronous_commit=on; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
