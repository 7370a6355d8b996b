import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// A stored file at rest: its bytes under a key of its own (AES-256-GCM), that key wrapped under the clinic's
// records key (AES-256-GCM again), which is itself sealed under the clinic key in the database. Every enrolled
// seat can open it; a copy of the data folder or of the `files` table alone cannot. The tags also make any
// change detectable: a flipped byte anywhere fails to open.
//
// Layout: "MLF1" | wrap IV (12) | wrap tag (16) | wrapped file key (32) | data IV (12) | data tag (16) | ciphertext.

const MAGIC = Buffer.from('MLF1', 'latin1');
const IV = 12;
const TAG = 16;
const KEY = 32;
const HEADER = MAGIC.length + IV + TAG + KEY + IV + TAG;

/** A stored file whose bytes do not open (changed, or swapped for another file's): never served. */
export class FileAlteredError extends Error {
  constructor(readonly fileId: string) {
    super(`The stored file ${fileId} has been altered.`);
  }
}

/** What a file's tags also vouch for: its id, what it is for and its type, so neither can be swapped or relabelled. */
export interface SealContext {
  id: string;
  kind: string;
  mime: string;
}

const aad = (c: SealContext) => Buffer.from(`MedLink file v1\0${c.id}\0${c.kind}\0${c.mime}`, 'utf8');

export const isSealed = (bytes: Buffer): boolean => bytes.length >= HEADER && bytes.subarray(0, MAGIC.length).equals(MAGIC);

function gcm(key: Buffer, plain: Buffer, context: Buffer): [Buffer, Buffer, Buffer] {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(context);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), body];
}

function ungcm(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, context: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(context);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function sealFile(plain: Buffer, recordsKey: Buffer, context: SealContext): Buffer {
  const fileKey = randomBytes(KEY);
  const ad = aad(context);
  const wrapped = gcm(recordsKey, fileKey, ad);
  const data = gcm(fileKey, plain, ad);
  return Buffer.concat([MAGIC, ...wrapped, ...data]);
}

/** The plain bytes; FileAlteredError when anything about the sealed bytes or their context changed. */
export function openSealedFile(sealed: Buffer, recordsKey: Buffer, context: SealContext): Buffer {
  if (!isSealed(sealed)) throw new FileAlteredError(context.id);
  const ad = aad(context);
  let at = MAGIC.length;
  const take = (n: number) => sealed.subarray(at, (at += n));
  try {
    const fileKey = ungcm(recordsKey, take(IV), take(TAG), take(KEY), ad);
    return ungcm(fileKey, take(IV), take(TAG), sealed.subarray(at), ad);
  } catch {
    throw new FileAlteredError(context.id);
  }
}
