// A patient's export: records of 2.5 MB each (photographs), kept through the app as a patient uploads them, then
// exported through the dispatcher (checks and rows in one transaction, each file read afterwards in its own, the
// ZIP written, sent as base64), beside the same plain bytes zipped with fflate and encoded, in the same run. While
// an export runs, another patient's calls keep coming: how long they wait is the export's cost to everyone else.
import { zipSync } from 'fflate';
import { signUp } from '../electron/core/demo';
import { loadAverage, PASSWORD, scaled, setUpClinic } from './clinic-data';
import { median, ms, percentile, ratio, withTempDir, type Benchmark } from './lib';
import { scanJpeg } from './record-upload.bench';

const MB = 1024 * 1024;
const RECORDS = Math.max(4, scaled(40));
const ROUNDS = Math.max(3, scaled(5));
/** How often the other patient's screen calls while an export runs. */
const GAP_MS = 20;

const profile = (n: number) => ({
  fullName: `Bench Patient ${n}`, email: `patient${n}@bench.medlink`, phone: `982200001${n}`, dateOfBirth: '1990-01-01', sex: 'female',
  address: { line: '1 MG Road', city: 'Pune', state: 'Maharashtra', pinCode: '411001' },
});

export const exportBench: Benchmark = {
  name: 'export',
  async run(log) {
    await withTempDir(async (dir) => {
      const { app, call } = await setUpClinic(dir);
      try {
        const { token } = await signUp(app, 'patients.signup', 'patient1@bench.medlink', 'patient', { password: PASSWORD, profile: profile(1) });
        const other = await signUp(app, 'patients.signup', 'patient2@bench.medlink', 'patient', { password: PASSWORD, profile: profile(2) });
        const { id: patientId } = await call<{ id: number }>('patients.me', {}, token);
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < RECORDS; i++) {
          const photo = scanJpeg(2.5 * MB);
          files[`records/${i}.jpg`] = photo;
          const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('uploads.begin', { purpose: 'record', name: `${i}.jpg`, size: photo.length }, token);
          for (let at = 0, index = 0; at < photo.length; at += chunkBytes, index++) {
            await call('uploads.chunk', { uploadId, index, base64: photo.subarray(at, at + chunkBytes).toString('base64') }, token);
          }
          await call('records.add', { uploadId, title: `Scan ${i}`, category: 'imaging', recordDate: '2026-01-01' }, token);
        }
        const time = async (fn: () => unknown) => {
          const t = performance.now();
          await fn();
          return performance.now() - t;
        };
        const exportOnce = () => call('export.patient', { patientId }, token);
        const idle = await time(() => call('patients.me', {}, other.token));
        await exportOnce();
        const exports: number[] = [];
        const zips: number[] = [];
        const waits: number[] = [];
        const idles: number[] = [idle];
        for (let r = 0; r < ROUNDS; r++) {
          let running = true;
          const exported = time(exportOnce).finally(() => (running = false));
          // The other patient's calls, one every GAP_MS, for as long as the export runs.
          while (running) {
            waits.push(await time(() => call('patients.me', {}, other.token)));
            await new Promise((resolve) => setTimeout(resolve, GAP_MS));
          }
          exports.push(await exported);
          idles.push(await time(() => call('patients.me', {}, other.token)));
          // The baseline: the same bytes, already in memory and plain, stored in a ZIP and encoded as the answer is.
          zips.push(await time(() => Buffer.from(zipSync(files, { level: 0 })).toString('base64')));
        }
        const size = (RECORDS * 2.5 * MB) / MB;
        const rate = (t: number) => size / (t / 1000);
        log(
          `bench export: ${rate(median(exports)).toFixed(1)} MB/s, ${ratio(median(zips), median(exports))} vs zipping the same plain files in memory ` +
            `(${rate(median(zips)).toFixed(1)} MB/s; ${RECORDS} records, ${size.toFixed(0)} MB)`,
        );
        log(
          `  median ${ms(median(exports))} ms an export vs ${ms(median(zips))} ms the plain ZIP; another patient's call (every ${GAP_MS} ms) during an export: ` +
            `median ${ms(median(waits))} ms, p95 ${ms(percentile(waits, 95))} ms, longest ${ms(Math.max(...waits))} ms (${waits.length} calls; ` +
            `idle ${ms(median(idles))} ms); ${ROUNDS} rounds; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
