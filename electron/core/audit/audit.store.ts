import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicAsync } from '../files/atomic';

export interface AuditHead {
  id: number;
  hash: string;
}

/**
 * The latest row this seat appended, kept outside the database: a tail deleted or a chain rebuilt in the
 * database no longer reaches it. (The chain's key is a shared secret sealed under the clinic key.)
 */
export interface AuditStore {
  readHead(): AuditHead | null;
  /** readHead answers with it at once; the file follows in the background (flush waits for it). */
  writeHead(head: AuditHead): void;
  /** Resolves once the latest head written is in the file. */
  flush(): Promise<void>;
}

/**
 * The file trails this process's latest head by one background write: a write-temp-fsync-rename-fsync after
 * every commit would double what a booking waits for. Writes queued meanwhile collapse into the latest (only
 * it matters). A head that trails the chain (a crash in that moment) reports no problem; the next append moves it.
 */
export function fileAuditStore(dataDir: string, log: (message: string) => void): AuditStore {
  const headPath = join(dataDir, 'audit-head.json');
  let latest: AuditHead | null = null;
  let queued = false;
  let onDisk: Promise<void> = Promise.resolve();
  return {
    readHead: () => latest ?? (existsSync(headPath) ? (JSON.parse(readFileSync(headPath, 'utf8')) as AuditHead) : null),
    writeHead(head) {
      latest = head;
      if (queued) return;
      queued = true;
      onDisk = onDisk.then(async () => {
        queued = false;
        await writeFileAtomicAsync(headPath, JSON.stringify(latest)).catch((e: Error) => log(`The audit log's head could not be saved: ${e.message}`));
      });
    },
    flush: () => onDisk,
  };
}
