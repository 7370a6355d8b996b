import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { newClinic, ok, refused, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { countRows } from '../helpers/db';
import { bytesOf, PNG_BASE64 } from '../helpers/images';
import { openAgain } from '../helpers/smtp';
import { pdfWith, upload } from '../helpers/records';

// Files sent to harm or to fool: each refused with its own reason, and nothing of it kept anywhere (no row, no
// stored file, no part of the upload left in the data folder).

/** Every file in the data folder's file store and upload folders. */
function storedFiles(dataDir: string): string[] {
  const under = (dir: string) =>
    existsSync(dir) ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string }[]).filter((e) => e.isFile()).map((e) => e.name) : [];
  return [...under(join(dataDir, 'files')), ...under(join(dataDir, 'uploads'))];
}

/** A PNG chunk with its length and CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header claims `width` × `height` pixels: a few hundred bytes that would decode to gigabytes. */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([bytesOf(PNG_BASE64).subarray(0, 8), chunk('IHDR', header), chunk('IDAT', Buffer.alloc(200)), chunk('IEND', Buffer.alloc(0))]);
}

/** Begins, sends and keeps `bytes` as the patient's record, stopping at the first refusal; returns it. */
async function tryToKeep(clinic: Clinic, token: string, bytes: Buffer, name: string): Promise<AppError> {
  const begun = await clinic.call('uploads.begin', { purpose: 'record', name, size: bytes.length }, token);
  if (!begun.ok) return begun.error;
  const { uploadId, chunkBytes } = begun.data;
  for (let at = 0, index = 0; at < bytes.length; at += chunkBytes, index++) {
    const sent = await clinic.call('uploads.chunk', { uploadId, index, base64: bytes.subarray(at, at + chunkBytes).toString('base64') }, token);
    if (!sent.ok) return sent.error;
  }
  return refused(await clinic.call('records.add', { uploadId, title: 'Report', category: 'lab_report', recordDate: '2026-02-20' }, token));
}

describe('hostile uploads', () => {
  it('are each refused with their own reason, and leave no row, no stored file and no upload part', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const goodPdf = await pdfWith('A real report');
    const script = Buffer.from('#!/bin/sh\nrm -rf ~\n');
    const cases: [label: string, bytes: Buffer, name: string, field: string, key: string][] = [
      ['a Windows program renamed .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]), 'report.pdf', 'file', 'file_program'],
      ['a Linux program renamed .pdf', Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.alloc(4096, 1)]), 'report.pdf', 'file', 'file_program'],
      ['a shell script renamed .txt', script, 'notes.txt', 'file', 'file_program'],
      ['a PNG header on a script', Buffer.concat([bytesOf(PNG_BASE64).subarray(0, 8), script]), 'scan.png', 'file', 'image_broken'],
      ['zero bytes', Buffer.alloc(0), 'empty.pdf', 'file', 'file_empty'],
      ['more than the limit', Buffer.alloc(25 * 1024 * 1024 + 1, 0x41), 'huge.txt', 'file', 'file_too_large'],
      ['a name climbing out of its folder', Buffer.from('hello\n'), '../../etc/passwd', 'name', 'name_invalid'],
      ['a name with a NUL', Buffer.from('hello\n'), 'report.pdf\u0000.exe', 'name', 'name_invalid'],
      ['a 50,000 × 50,000 PNG header', pngClaiming(50_000, 50_000), 'scan.png', 'file', 'image_too_large'],
      ['a truncated PDF', goodPdf.subarray(0, Math.floor(goodPdf.length * 0.6)), 'report.pdf', 'file', 'pdf_broken'],
      ['a PDF that is not one', Buffer.from('%PDF-1.7\nnothing else\n'), 'report.pdf', 'file', 'pdf_broken'],
      ['a truncated PNG', bytesOf(PNG_BASE64).subarray(0, 60), 'scan.png', 'file', 'image_broken'],
      ['text that is not UTF-8', Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x0a]), 'notes.txt', 'file', 'text_invalid'],
      ['a ZIP (an office document)', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]), 'report.docx', 'file', 'file_type'],
    ];
    const before = await countRows(clinic.app);
    for (const [label, bytes, name, field, key] of cases) {
      const error = await tryToKeep(clinic, patient.token, bytes, name);
      expect(error.fields, label).toEqual({ [field]: key });
      expect(await countRows(clinic.app), label).toEqual(before);
      expect(storedFiles(clinic.dataDir), label).toEqual([]);
    }
  });

  it('keeps a PDF holding JavaScript as a PDF (it is never run: see the preview in tests/e2e/records.spec.ts)', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const pdf = await pdfWith('Report with a script', { javascript: "app.alert('hello')" });
    const uploadId = await upload(clinic, patient.token, pdf, 'scripted.pdf');
    const kept = ok(await clinic.call('records.add', { uploadId, title: 'Scripted', category: 'other', recordDate: '2026-02-20' }, patient.token));
    expect(kept.mime).toBe('application/pdf');
  });

  it('refuses an upload that lies about its size, skips a chunk, or is added to from another session; a cancel or a refused field leaves nothing', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const other = await signupPatient(clinic);
    const text = Buffer.from('line one\nline two\n');

    const small = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'a.txt', size: 4 }, patient.token));
    expect(refused(await clinic.call('uploads.chunk', { uploadId: small.uploadId, index: 0, base64: text.toString('base64') }, patient.token)).fields).toEqual({ file: 'upload_size' });
    // Refused once, the upload is gone: it cannot be carried on.
    expect(refused(await clinic.call('uploads.chunk', { uploadId: small.uploadId, index: 0, base64: 'aGk=' }, patient.token)).code).toBe('NOT_FOUND');

    const skipping = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'b.txt', size: text.length }, patient.token));
    expect(refused(await clinic.call('uploads.chunk', { uploadId: skipping.uploadId, index: 1, base64: text.toString('base64') }, patient.token)).code).toBe('CONFLICT');

    const mine = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'c.txt', size: text.length }, patient.token));
    for (const r of [
      await clinic.call('uploads.chunk', { uploadId: mine.uploadId, index: 0, base64: text.toString('base64') }, other.token),
      await clinic.call('records.add', { uploadId: mine.uploadId, title: 'x', category: 'other', recordDate: '2026-02-20' }, other.token),
    ]) {
      expect(refused(r).code).toBe('NOT_FOUND');
    }
    ok(await clinic.call('uploads.chunk', { uploadId: mine.uploadId, index: 0, base64: text.subarray(0, 5).toString('base64') }, patient.token));
    expect(storedFiles(clinic.dataDir)).toHaveLength(1);
    // Kept before it is whole: refused, and gone.
    expect(refused(await clinic.call('records.add', { uploadId: mine.uploadId, title: 'x', category: 'other', recordDate: '2026-02-20' }, patient.token)).fields).toEqual({ file: 'upload_incomplete' });
    expect(storedFiles(clinic.dataDir)).toEqual([]);

    const cancelled = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'd.txt', size: text.length }, patient.token));
    ok(await clinic.call('uploads.chunk', { uploadId: cancelled.uploadId, index: 0, base64: text.subarray(0, 5).toString('base64') }, patient.token));
    ok(await clinic.call('uploads.cancel', { uploadId: cancelled.uploadId }, patient.token));
    expect(storedFiles(clinic.dataDir)).toEqual([]);

    // Whole, but kept with a field refused (a date to come): taken all the same, so nothing waits behind it (the screen sends the file again).
    const dated = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'e.txt', size: text.length }, patient.token));
    ok(await clinic.call('uploads.chunk', { uploadId: dated.uploadId, index: 0, base64: text.toString('base64') }, patient.token));
    const future = await clinic.call('records.add', { uploadId: dated.uploadId, title: 'x', category: 'other', recordDate: '2099-01-01' }, patient.token);
    expect(refused(future).fields).toEqual({ recordDate: 'record_date_invalid' });
    expect(storedFiles(clinic.dataDir)).toEqual([]);
  });

  it('an upload cut short by a crash leaves a part nobody can read, removed at the next start', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const secret = Buffer.from('CANARY-upload-part-4711 lorem ipsum\n'.repeat(100));
    const begun = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'notes.txt', size: secret.length * 2 }, patient.token));
    ok(await clinic.call('uploads.chunk', { uploadId: begun.uploadId, index: 0, base64: secret.toString('base64') }, patient.token));
    const [part] = readdirSync(join(clinic.dataDir, 'uploads'));
    expect(readFileSync(join(clinic.dataDir, 'uploads', part!)).includes('CANARY-upload-part-4711')).toBe(false);

    // The process is gone (its key with it); MedLink starts again on the same data folder.
    if (!clinic.databaseUrl) await clinic.app.close();
    await openAgain(clinic);
    expect(storedFiles(clinic.dataDir)).toEqual([]);
  });

  it("a doctor's credential document is a PDF or an image, never text; patients and doctors upload only their own kinds", async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    const patient = await signupPatient(clinic);
    const text = Buffer.from('I am a doctor\n');
    const { uploadId } = ok(await clinic.call('uploads.begin', { purpose: 'credential', name: 'degree.txt', size: text.length }, doctor.token));
    expect(refused(await clinic.call('uploads.chunk', { uploadId, index: 0, base64: text.toString('base64') }, doctor.token)).fields).toEqual({ file: 'file_type' });
    const png = await upload(clinic, doctor.token, bytesOf(PNG_BASE64), 'degree.png', 'credential');
    expect(ok(await clinic.call('doctors.addDocument', { uploadId: png, kind: 'degree', title: 'MBBS degree' }, doctor.token))).toMatchObject({ mime: 'image/png', kind: 'degree' });
    expect(refused(await clinic.call('uploads.begin', { purpose: 'record', name: 'x.pdf', size: 10 }, doctor.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('uploads.begin', { purpose: 'credential', name: 'x.pdf', size: 10 }, patient.token)).code).toBe('FORBIDDEN');
  });
});
