import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicAsync } from '../files/atomic';

export interface AuditHead {
  /** The row's place in the chain; ids run 1, 2, 3, … so it is also the number of rows up to it. */
  id: number;
  hash: string;
}

/** The head as read back: `sealed` is false when its seal does not verify under the audit key (forged or damaged). */
export interface HeadReading {
  head: AuditHead;
  sealed: boolean;
}

/**
 * The latest row this seat appended, kept outside the database and sealed with the audit key (an HMAC over its
 * id and hash): a tail deleted or a chain rebuilt in the database no longer reaches it, and whoever edits the
 * file without the key breaks its seal.
 */
export interface AuditStore {
  readHead(): HeadReading | null;
  /** readHead answers with it at once; the file follows in the background (flush waits for it). */
  writeHead(head: AuditHead): void;
  /** Resolves once the latest head written is in the file. */
  flush(): Promise<void>;
}

interface HeadFile extends AuditHead {
  mac?: string;
}

const seal = (key: Buffer, h: AuditHead) => createHmac('sha256', key).update(JSON.stringify(['audit-head', h.id, h.hash])).digest('hex');

/**
 * The file trails this process's latest head by one background write: a write-temp-fsync-rename-fsync after
 * every commit would double what a booking waits for. Writes queued meanwhile collapse into the latest (only it
 * matters), so the file is never more than one write (a few milliseconds) behind; close() waits for it. Rows
 * after the head are reported by verify as not yet anchored, never as intact.
 *
 * `key` gives the audit key (the keyring's, once this seat is enrolled).
 */
export function fileAuditStore(dataDir: string, log: (message: string) => void, key: () => Buffer): AuditStore {
  const headPath = join(dataDir, 'audit-head.json');
  let latest: AuditHead | null = null;
  let queued = false;
  let onDisk: Promise<void> = Promise.resolve();
  const fromFile = (): HeadReading | null => {
    if (!existsSync(headPath)) return null;
    let file: HeadFile;
    try {
      file = JSON.parse(readFileSync(headPath, 'utf8')) as HeadFile;
    } catch {
      return { head: { id: 0, hash: '' }, sealed: false };
    }
    const head = { id: Number(file.id) || 0, hash: String(file.hash ?? '') };
    const expected = Buffer.from(seal(key(), head), 'hex');
    const given = Buffer.from(typeof file.mac === 'string' ? file.mac : '', 'hex');
    return { head, sealed: given.length === expected.length && timingSafeEqual(given, expected) };
  };
  return {
    readHead: () => (latest ? { head: latest, sealed: true } : fromFile()),
    writeHead(head) {
      // Two calls' commits can report in either order: the head only ever moves forward.
      if (latest && head.id <= latest.id) return;
      latest = head;
      if (queued) return;
      queued = true;
      onDisk = onDisk.then(async () => {
        queued = false;
        const h = latest!;
        await writeFileAtomicAsync(headPath, JSON.stringify({ ...h, mac: seal(key(), h) })).catch((e: Error) =>
          log(`The audit log's head could not be saved: ${e.message}`),
        );
      });
    },
    flush: () => onDisk,
  };
}
