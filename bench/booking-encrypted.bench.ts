// Booking on the encrypted SQLite database beside the same clinic on a plain one, in the same run: the benchmarks'
// clinic is generated plain, copied, and the copy opened as MedLink opens any data folder from before encryption
// (encrypted in place at its first start). The front desk then books walk-ins on both, in alternating blocks.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type MedLinkApp } from '../electron/core/app';
import { benchClinic, busyDoctor, frontDesk, loadAverage, pragmas, scaled, walkIns } from './clinic-data';
import { count, ms, percentile, sample, withTempDir, type Benchmark } from './lib';

const BOOKINGS = scaled(1_000);
/** Bookings alternate between the two databases in blocks this long, so both see the same state of a shared machine. */
const BLOCK = 50;

export const bookingEncryptedBench: Benchmark = {
  name: 'booking-encrypted',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(join(dir, 'plain'), { plain: true });
      const doctor = await busyDoctor(clinic);
      const desk = await frontDesk(clinic);
      const firstPatient = walkIns(clinic, BOOKINGS);
      await clinic.app.close();
      cpSync(join(dir, 'plain'), join(dir, 'encrypted'), { recursive: true });

      const open = (name: string, plain: boolean) =>
        createApp({ dataDir: join(dir, name, 'data'), keyFile: join(dir, name, 'clinic.key'), bcryptCost: 4, log: () => undefined, plainDatabaseForBenchmark: plain });
      const plain = await open('plain', true);
      const t0 = performance.now();
      const encrypted = await open('encrypted', false);
      const encryptedIn = (performance.now() - t0) / 1000;
      try {
        const book = (app: MedLinkApp) => async (i: number) => {
          const r = await app.dispatch('appointments.book', { doctorId: doctor.doctorId, start: doctor.freeStarts[i], mode: 'in_person', patientId: firstPatient + i }, desk.token);
          if (!r.ok) throw new Error(`appointments.book: ${r.error.message}`);
        };
        const times = { plain: [] as number[], encrypted: [] as number[] };
        for (let at = 0; at < BOOKINGS; at += BLOCK) {
          const block = Array.from({ length: Math.min(BLOCK, BOOKINGS - at) }, (_, k) => at + k);
          for (const [name, app] of [['encrypted', encrypted], ['plain', plain]] as const) {
            let next = 0;
            times[name].push(...(await sample(() => book(app)(block[next++]!), block.length, 0)));
          }
        }
        const rate = (t: number[]) => t.length / (t.reduce((x, y) => x + y, 0) / 1000);
        log(
          `bench booking-encrypted: ${Math.round(rate(times.encrypted))}/s, ${(rate(times.encrypted) / rate(times.plain)).toFixed(2)}x vs plain database ` +
            `(${Math.round(rate(times.plain))}/s)`,
        );
        log(
          `  p95 ${ms(percentile(times.encrypted, 95))} ms vs ${ms(percentile(times.plain, 95))} ms; ${count(BOOKINGS)} bookings each among ${count(clinic.appointments)} appointments; ` +
            `the plain database encrypted in place in ${encryptedIn.toFixed(1)} s; SQLCipher 4 pages; SQLite ${await pragmas(encrypted.deps.db)}; ${loadAverage()}`,
        );
      } finally {
        await Promise.all([plain.close(), encrypted.close()]);
      }
    });
  },
};
