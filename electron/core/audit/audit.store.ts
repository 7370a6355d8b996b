import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOrCreateKey, writeFileAtomic } from '../files/atomic';

export interface AuditHead {
  id: number;
  hash: string;
}

/** The audit chain's key and its latest head, both kept outside the database so one cannot rewrite the other. */
export interface AuditStore {
  key: Buffer;
  readHead(): AuditHead | null;
  writeHead(head: AuditHead): void;
}

export function fileAuditStore(dataDir: string): AuditStore {
  const headPath = join(dataDir, 'audit-head.json');
  return {
    key: readOrCreateKey(join(dataDir, 'audit.key')),
    readHead: () => (existsSync(headPath) ? (JSON.parse(readFileSync(headPath, 'utf8')) as AuditHead) : null),
    writeHead: (head) => writeFileAtomic(headPath, JSON.stringify(head)),
  };
}
