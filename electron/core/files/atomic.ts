import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Write-temp, fsync, rename, fsync the folder: a reader sees the old file or the new one, never half. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeDurable(tmp, data, mode);
    renameSync(tmp, path);
  } catch (e) {
    // A failed write leaves the old file as it was and no temporary file behind.
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncPath(dirname(path));
}

/** A new file with every byte written and fsynced: on the disk, not in a cache, once this returns. */
export function writeDurable(path: string, data: string | Buffer, mode = 0o600): void {
  const fd = openSync(path, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    // A write may take fewer bytes than offered; go on until all are in.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a file's data, or a folder's entries (a rename, a new or removed file), durable. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** writeFileAtomic's steps through the thread pool, for a write the caller need not wait for (the audit head). */
export async function writeFileAtomicAsync(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'wx', mode);
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Overwrites a file with zeros (fsynced) before removing it, so what it held does not linger in the blocks it
 * freed (on a disk that rewrites in place; copy-on-write file systems and SSDs may still keep old blocks).
 * A missing file is not an error.
 */
export function shred(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    zeroFill(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path, { force: true });
}

/** Zeros over the whole of an open file, fsynced. */
export function zeroFill(fd: number): void {
  const size = fstatSync(fd).size;
  const zeros = Buffer.alloc(Math.min(size, 1 << 20));
  for (let at = 0; at < size; ) at += writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
  fsyncSync(fd);
}
