// A patient's 10 MB PDF, uploaded as the screens send it (begun, chunks of base64 through the dispatcher,
// kept: typed by its content with pdf.js, sealed with its own key, written and fsynced, its row committed),
// beside the same bytes written to a plain file and fsynced, alternating, in the same run.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { CHUNK_BYTES } from '../shared/records';
import { signUp } from '../electron/core/demo';
import { writeDurable } from '../electron/core/files/atomic';
import { checkContent } from '../electron/core/files/content-type';
import { sealFile } from '../electron/core/files/sealed-file';
import { bytesOf, JPEG_BASE64 } from '../tests/helpers/images';
import { loadAverage, PASSWORD, scaled, setUpClinic } from './clinic-data';
import { median, ms, ratio, withTempDir, type Benchmark } from './lib';

const MB = 1024 * 1024;
const ROUNDS = Math.max(3, scaled(8));

/**
 * A photograph of about `bytes`: a real JPEG's headers over random scan data (it is the size that is measured;
 * nothing here draws it).
 */
export function scanJpeg(bytes: number): Buffer {
  const jpeg = bytesOf(JPEG_BASE64);
  const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const header = jpeg.subarray(0, scan + 2 + jpeg.readUInt16BE(scan + 2));
  // No 0xFF in the scan data: it would read as a marker.
  const data = randomBytes(Math.floor(bytes)).map((b) => (b === 0xff ? 0xfe : b));
  return Buffer.concat([header, data, Buffer.from([0xff, 0xd9])]);
}

/** A scanned report: four pages, each a photograph of 2.5 MB. */
async function scannedReport(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let page = 0; page < 4; page++) {
    const image = await pdf.embedJpg(scanJpeg(2.5 * MB));
    pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await pdf.save());
}


export const recordUploadBench: Benchmark = {
  name: 'record-upload',
  async run(log) {
    await withTempDir(async (dir) => {
      const { app, call } = await setUpClinic(dir);
      try {
        const { token } = await signUp(app, 'patients.signup', 'patient@bench.medlink', 'patient', {
          password: PASSWORD,
          profile: {
            fullName: 'Bench Patient', email: 'patient@bench.medlink', phone: '9822000003', dateOfBirth: '1990-01-01', sex: 'female',
            address: { line: '1 MG Road', city: 'Pune', state: 'Maharashtra', pinCode: '411001' },
          },
        });
        const pdf = await scannedReport();

        const upload = async () => {
          const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('uploads.begin', { purpose: 'record', name: 'scan.pdf', size: pdf.length }, token);
          for (let at = 0, index = 0; at < pdf.length; at += chunkBytes, index++) {
            await call('uploads.chunk', { uploadId, index, base64: pdf.subarray(at, at + chunkBytes).toString('base64') }, token);
          }
          await call('records.add', { uploadId, title: 'Scan', category: 'imaging', recordDate: '2026-01-01' }, token);
        };
        const time = async (fn: () => unknown) => {
          const t = performance.now();
          await fn();
          return performance.now() - t;
        };
        await upload();
        const uploads: number[] = [];
        const writes: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          uploads.push(await time(upload));
          const path = join(dir, `plain-${i}.pdf`);
          // The baseline: the same bytes into a new file, fsynced.
          writes.push(await time(() => writeDurable(path, pdf)));
          rmSync(path);
        }
        // Where the time goes: the content check (pdf.js opening the document) and sealing, each on its own.
        const checks: number[] = [];
        const seals: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          checks.push(await time(() => checkContent(pdf, ['application/pdf'])));
          seals.push(await time(() => sealFile(pdf, randomBytes(32), { id: 'bench', kind: 'medical_record', mime: 'application/pdf' })));
        }
        const size = pdf.length / MB;
        const rate = (t: number) => size / (t / 1000);
        log(
          `bench record-upload: ${rate(median(uploads)).toFixed(1)} MB/s, ${ratio(median(writes), median(uploads))} vs plain file write ` +
            `(${rate(median(writes)).toFixed(1)} MB/s; ${size.toFixed(1)} MB PDF, sealed and fsynced)`,
        );
        log(
          `  median ${ms(median(uploads))} ms an upload (begin, ${Math.ceil(pdf.length / CHUNK_BYTES)} chunks, keep) vs ${ms(median(writes))} ms a plain write; ` +
            `of it: content check (pdf.js) ${ms(median(checks))} ms, sealing ${ms(median(seals))} ms; ${ROUNDS} rounds; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
