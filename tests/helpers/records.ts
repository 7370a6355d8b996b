import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { Input, Output } from '../../shared/contract';
import type { UploadPurpose } from '../../shared/records';
import { ok, type Clinic } from './clinic';
import { settingsInput } from './data';
import { ist, practisingDoctor, WEEKDAY_MORNINGS } from './scheduling';

// Files as people upload them, and the upload itself as the screens send it: begun, chunk by chunk, kept.

/** A one-page PDF holding `text` (uncompressed, so the words are in its bytes as written). */
export async function pdfWith(text: string, options: { javascript?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  if (options.javascript) {
    // An OpenAction that a reader with scripting would run when the document opens.
    const action = pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(options.javascript) });
    pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(action));
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/** Sends `bytes` as one upload, chunk by chunk as the server asks; returns its id (not yet kept). */
export async function upload(clinic: Clinic, token: string, bytes: Buffer, name = 'report.pdf', purpose: UploadPurpose = 'record'): Promise<string> {
  const { uploadId, chunkBytes } = ok(await clinic.call('uploads.begin', { purpose, name, size: bytes.length }, token));
  for (let at = 0, index = 0; at < bytes.length; at += chunkBytes, index++) {
    ok(await clinic.call('uploads.chunk', { uploadId, index, base64: bytes.subarray(at, at + chunkBytes).toString('base64') }, token));
  }
  return uploadId;
}

/** A record kept from `bytes`: uploaded and added as a lab report of 20 February 2026 unless told otherwise. */
export async function addRecord(
  clinic: Clinic,
  token: string,
  bytes: Buffer,
  details: Partial<Omit<Input<'records.add'>, 'uploadId'>> & { name?: string } = {},
): Promise<Output<'records.add'>> {
  const { name, ...rest } = details;
  const uploadId = await upload(clinic, token, bytes, name);
  return ok(await clinic.call('records.add', { uploadId, title: 'Complete blood count', category: 'lab_report', recordDate: '2026-02-20', ...rest }, token));
}

/**
 * A clinic where visits can happen during a test: sessions last four hours without a call, and its doctors (made
 * with `doctor`) take appointments from the next slot on, Monday to Friday 09:00–13:00.
 */
export async function recordsClinic(clinic: Clinic) {
  ok(await clinic.call('settings.update', settingsInput({ sessionIdleMinutes: 240 }), clinic.adminToken));
  const doctor = (name = 'Dr Rohan Mehta') => practisingDoctor(clinic, name, { ...WEEKDAY_MORNINGS, settings: { ...WEEKDAY_MORNINGS.settings, minNoticeMinutes: 0 } });
  return { doctor };
}

/** Books the patient with the doctor at `time` today (Monday 2 March 2026; the clock stands at 10:00) and moves the clock into that visit. */
export async function visit(clinic: Clinic, doctor: { doctorId: number }, patient: { token: string }, time = '10:30'): Promise<Output<'appointments.book'>> {
  const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-02', time), mode: 'in_person' }, patient.token));
  const now = clinic.clock.now().getTime();
  clinic.clock.advanceMinutes(Math.max(0, Math.ceil((Date.parse(booked.start) - now) / 60_000)) + 5);
  return booked;
}
