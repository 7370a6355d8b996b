import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { Database } from '../db/schema';
import { isFileId, sha256, type FileStore } from './file-store';
import * as repo from './files.repo';

/**
 * The file store of a multi-seat clinic: rows of the `files` table, so every seat on the clinic's PostgreSQL
 * sees every file. Given the caller's transaction, a file commits or rolls back with the change that names it.
 */
export function databaseFileStore(pool: Kysely<Database>, clock: Clock, log: (message: string) => void = () => undefined): FileStore {
  return {
    transactional: true,
    async put(bytes, meta, db = pool) {
      const id = randomUUID();
      await repo.insertFile(db, {
        id, kind: meta.kind, mime: meta.mime, size: bytes.length, sha256: sha256(bytes), data: bytes, created_at: clock.now().toISOString(),
      });
      return id;
    },
    async get(id, db = pool) {
      if (!isFileId(id)) return null;
      const row = await repo.fileById(db, id);
      if (!row) return null;
      const bytes = Buffer.from(row.data);
      if (bytes.length !== Number(row.size) || sha256(bytes) !== row.sha256) {
        log(`file store: ${id} does not match its sha256; not served`);
        return null;
      }
      return { bytes, mime: row.mime };
    },
    async remove(id, db = pool) {
      if (isFileId(id)) await repo.deleteFile(db, id);
    },
  };
}
