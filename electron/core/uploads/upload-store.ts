import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadPurpose } from '../../../shared/records';

// Uploads on their way in, chunk by chunk, before a service types the whole file and keeps it in the file store.
// The parts wait in `<dataDir>/uploads/`, each chunk sealed under a key that lives only in this process's memory:
// a crash leaves nothing anyone can read, and the folder is emptied at every start.

export interface Upload {
  id: string;
  /** The session that began it (its token's hash): no other may add to it, take it or cancel it. */
  owner: string;
  purpose: UploadPurpose;
  /** As the person's computer named it: shown, never a path. */
  name: string;
  /** Announced at the start; the upload is whole when this many bytes have come. */
  size: number;
  received: number;
  /** The chunk expected next (0, 1, 2, …). */
  next: number;
  startedAt: number;
}

export interface UploadStore {
  begin(owner: string, purpose: UploadPurpose, name: string, size: number, now: number): Upload;
  /** The owner's upload with this id, or undefined. */
  find(owner: string, id: string): Upload | undefined;
  /** Adds the next chunk. */
  append(upload: Upload, bytes: Buffer): void;
  /** The whole file's bytes, read back and opened; the upload is gone afterwards. */
  take(upload: Upload): Buffer;
  /** Forgets the upload and removes its part. */
  drop(upload: Upload): void;
  /** Drops the owner's uploads begun before `before` (ms); returns how many the owner still has. */
  sweep(owner: string, before: number): number;
}

const IV = 12;
const TAG = 16;

export function uploadStore(dataDir: string): UploadStore {
  const folder = join(dataDir, 'uploads');
  // Parts left by a process that stopped mid-upload: their keys died with it.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const uploads = new Map<string, Upload & { key: Buffer; path: string }>();

  const drop = (upload: Upload) => {
    const held = uploads.get(upload.id);
    uploads.delete(upload.id);
    if (held) rmSync(held.path, { force: true });
  };

  return {
    begin(owner, purpose, name, size, now) {
      const id = randomUUID();
      const upload = { id, owner, purpose, name, size, received: 0, next: 0, startedAt: now, key: randomBytes(32), path: join(folder, `${id}.part`) };
      uploads.set(id, upload);
      return upload;
    },
    find(owner, id) {
      const upload = uploads.get(id);
      return upload && upload.owner === owner ? upload : undefined;
    },
    append(upload, bytes) {
      const held = uploads.get(upload.id)!;
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', held.key, iv);
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      // No fsync: a part that a crash cuts short is thrown away anyway.
      appendFileSync(held.path, Buffer.concat([length, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
      held.received += bytes.length;
      held.next += 1;
    },
    take(upload) {
      const held = uploads.get(upload.id)!;
      try {
        const part = held.received === 0 ? Buffer.alloc(0) : readFileSync(held.path);
        const chunks: Buffer[] = [];
        for (let at = 0; at < part.length; ) {
          const length = part.readUInt32BE(at);
          const iv = part.subarray(at + 4, at + 4 + IV);
          const tag = part.subarray(at + 4 + IV, at + 4 + IV + TAG);
          const body = part.subarray(at + 4 + IV + TAG, at + 4 + IV + TAG + length);
          const decipher = createDecipheriv('aes-256-gcm', held.key, iv);
          decipher.setAuthTag(tag);
          chunks.push(decipher.update(body), decipher.final());
          at += 4 + IV + TAG + length;
        }
        return Buffer.concat(chunks);
      } finally {
        drop(upload);
      }
    },
    drop,
    sweep(owner, before) {
      let left = 0;
      for (const upload of [...uploads.values()]) {
        if (upload.startedAt < before) drop(upload);
        else if (upload.owner === owner) left++;
      }
      return left;
    },
  };
}
