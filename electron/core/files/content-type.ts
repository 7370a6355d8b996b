import { crc32 } from 'node:zlib';
import type { StoredType } from '../../../shared/records';

// What an uploaded file really is, from its content: a name or a claimed type proves nothing. The magic bytes
// say what a file claims to be; a parse then checks it is one (a PNG's chunks and their checksums, a JPEG's
// markers, a PDF that pdf.js opens, text that is UTF-8). Images are measured from their headers and never
// decoded here: a 50,000 × 50,000 pixel claim is refused before anything big is made of it.

/** Why a file is refused: a key of the `validation` catalog section, and the sentence for logs and tests. */
export interface Refusal {
  key: string;
  message: string;
}

/** The largest image accepted: at most this many pixels on a side and in all. */
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_IMAGE_PIXELS = 50_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Windows (MZ), Linux (ELF), macOS (Mach-O, fat) programs, and scripts (#!). */
const PROGRAMS = [[0x4d, 0x5a], [0x7f, 0x45, 0x4c, 0x46], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe], [0x23, 0x21]];

const startsWith = (bytes: Buffer, prefix: readonly number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const refusal = {
  empty: { key: 'file_empty', message: 'The file is empty.' },
  program: { key: 'file_program', message: 'This file is a program, not a document, whatever its name says. Only PDF, JPEG, PNG and plain-text files can be kept.' },
  type: { key: 'file_type', message: 'This file is not a PDF, JPEG, PNG or plain-text file, whatever its name says.' },
  image: { key: 'image_broken', message: 'This image is damaged or incomplete, so it cannot be kept. Save it again and choose the new copy.' },
  pdf: { key: 'pdf_broken', message: 'This PDF does not open: it is damaged or incomplete. Save it again and choose the new copy.' },
  pdfPassword: { key: 'pdf_password', message: 'This PDF is locked with a password. Save a copy without the password and choose that.' },
  text: { key: 'text_invalid', message: 'This text file is not plain UTF-8 text (it holds binary data or another encoding). Save it as UTF-8 text and choose it again.' },
} satisfies Record<string, Refusal>;

const tooLarge = (width: number, height: number): Refusal => ({
  key: 'image_too_large',
  message: `This image is ${width} × ${height} pixels; MedLink keeps images of at most ${MAX_IMAGE_SIDE} pixels on a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`,
});

function imageSize(width: number, height: number): Refusal | null {
  if (width === 0 || height === 0) return refusal.image;
  return width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS ? tooLarge(width, height) : null;
}

/** What the first bytes claim: a stored type, a program, or null (no magic: plain text, if anything). */
export function sniff(head: Buffer): StoredType | 'program' | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (startsWith(head, [...PNG_SIGNATURE])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (PROGRAMS.some((magic) => startsWith(head, magic))) return 'program';
  return null;
}

/**
 * What the first chunk of an upload already shows, before the rest arrives: a program, a file of no kind
 * allowed, or a PNG whose header claims too many pixels. Null when nothing is wrong yet.
 */
export function checkHead(head: Buffer, allowed: readonly StoredType[]): Refusal | null {
  const claimed = sniff(head);
  if (claimed === 'program') return refusal.program;
  if (claimed === 'image/png' && head.length >= 24 && head.subarray(12, 16).toString('latin1') === 'IHDR') return imageSize(head.readUInt32BE(16), head.readUInt32BE(20));
  const type = claimed ?? (head.includes(0) ? null : 'text/plain');
  return type && allowed.includes(type) ? null : refusal.type;
}

/** A PNG: IHDR first and of sensible size, every chunk whole with its CRC, image data, and IEND (a cut-short file has none). */
function checkPng(bytes: Buffer): Refusal | null {
  let at = PNG_SIGNATURE.length;
  let idat = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return refusal.image;
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) return refusal.image;
    if (at === PNG_SIGNATURE.length) {
      if (type !== 'IHDR' || length !== 13) return refusal.image;
      const size = imageSize(bytes.readUInt32BE(at + 8), bytes.readUInt32BE(at + 12));
      if (size) return size;
    }
    if (type === 'IDAT') idat = true;
    if (type === 'IEND') return idat ? null : refusal.image;
    at = end;
  }
  return refusal.image;
}

// Start-of-frame markers, which carry the image's size (C4, C8 and CC are other markers of the same range).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG: marker segments in order up to the scan, a frame header of sensible size before it, and an end marker after it. */
function checkJpeg(bytes: Buffer): Refusal | null {
  let at = 2;
  let sized = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return refusal.image;
    const marker = bytes[at + 1]!;
    // Fill bytes, and markers without a length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return refusal.image;
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return refusal.image;
    if (SOF.has(marker)) {
      if (length < 7) return refusal.image;
      const size = imageSize(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
      if (size) return size;
      sized = true;
    }
    if (marker === 0xda) {
      // The compressed scan follows; a whole file ends it with FF D9.
      return sized && bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > at + 2 + length ? null : refusal.image;
    }
    at += 2 + length;
  }
  return refusal.image;
}

/** Control characters other than tab, line feed, form feed and carriage return mark binary data. */
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function checkText(bytes: Buffer): Refusal | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refusal.text;
  }
  return BINARY.test(text) ? refusal.text : null;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js for Node, its worker run on this thread: handed over as `globalThis.pdfjsWorker` rather than loaded
 * from a path beside pdf.js, which a bundled MedLink does not have.
 */
async function loadPdfJs(): Promise<PdfJs> {
  const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
  return lib;
}

/**
 * A PDF that pdf.js opens, first page included. pdf.js runs no document JavaScript here (there is no viewer and
 * no scripting sandbox), evaluates nothing (isEvalSupported off) and loads no fonts into anything.
 */
async function checkPdf(bytes: Buffer): Promise<Refusal | null> {
  const lib = await (pdfjs ??= loadPdfJs());
  // pdf.js takes the buffer it is given over: a copy, so the caller keeps the bytes it stores.
  const task = lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, stopAtErrors: true, verbosity: 0, enableXfa: false });
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) return refusal.pdf;
    await doc.getPage(1);
    return null;
  } catch (e) {
    return (e as Error).name === 'PasswordException' ? refusal.pdfPassword : refusal.pdf;
  } finally {
    await task.destroy();
  }
}

/** The whole file's type, or why it is refused. Only the `allowed` types are kept. */
export async function checkContent(bytes: Buffer, allowed: readonly StoredType[]): Promise<{ type: StoredType } | { refused: Refusal }> {
  if (bytes.length === 0) return { refused: refusal.empty };
  const head = checkHead(bytes.subarray(0, 64), allowed);
  if (head) return { refused: head };
  const type = sniff(bytes) ?? 'text/plain';
  const problem =
    type === 'image/png' ? checkPng(bytes) : type === 'image/jpeg' ? checkJpeg(bytes) : type === 'application/pdf' ? await checkPdf(bytes) : checkText(bytes);
  return problem ? { refused: problem } : { type: type as StoredType };
}
