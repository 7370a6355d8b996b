// npm run bench [-- name ...]: runs the registered benchmarks (all, or those named). Not run by CI; tests never assert timings.
import { assistantBench } from './assistant.bench';
import { backupBench } from './backup.bench';
import type { Benchmark } from './lib';
import { billIssueBench, receiptPdfBench } from './billing.bench';
import { bookingEncryptedBench } from './booking-encrypted.bench';
import { bookingPostgresBench } from './booking-postgres.bench';
import { exportBench } from './export.bench';
import { lanBench } from './lan.bench';
import { liveBoardBench } from './live-board.bench';
import { chartDataBench, readingImportBench, readingSaveBench } from './monitoring.bench';
import { recordUploadBench } from './record-upload.bench';
import { schedulingBench } from './scheduling.bench';
import { searchBench } from './search.bench';

/** Each benchmark lives in its own file (bench/<name>.bench.ts) and is listed here. */
const benchmarks: Benchmark[] = [
  searchBench, schedulingBench, bookingPostgresBench, assistantBench, bookingEncryptedBench, recordUploadBench, receiptPdfBench, billIssueBench, liveBoardBench,
  readingSaveBench, chartDataBench, readingImportBench, backupBench, exportBench, lanBench,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benchmarks.some((b) => b.name === w));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const b of benchmarks) {
  if (wanted.length && !wanted.includes(b.name)) continue;
  await b.run((line) => console.log(line));
}
