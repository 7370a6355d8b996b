import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { Database } from '../db/schema';
import { checkedPlain, isFileId, sha256, type FileKind, type FileStore } from './file-store';
import * as repo from './files.repo';
import { isSealed, sealFile } from './sealed-file';

/**
 * The file store of a multi-seat clinic: rows of the `files` table (sealed, like the disk store's files), so
 * every seat on the clinic's PostgreSQL sees every file. Given the caller's transaction, a file commits or rolls
 * back with the change that names it.
 */
export function databaseFileStore(pool: Kysely<Database>, clock: Clock, recordsKey: () => Buffer, log: (message: string) => void = () => undefined): FileStore {
  return {
    transactional: true,
    async put(bytes, meta, db = pool) {
      const id = randomUUID();
      await repo.insertFile(db, {
        id, kind: meta.kind, mime: meta.mime, size: bytes.length, sha256: sha256(bytes),
        data: sealFile(bytes, recordsKey(), { id, ...meta }), created_at: clock.now().toISOString(),
      });
      return id;
    },
    async get(id, db = pool) {
      if (!isFileId(id)) return null;
      const row = await repo.fileById(db, id);
      if (!row) return null;
      return { bytes: checkedPlain(Buffer.from(row.data), recordsKey(), id, { ...row, kind: row.kind as FileKind }), mime: row.mime };
    },
    async remove(id, db = pool) {
      if (isFileId(id)) await repo.deleteFile(db, id);
    },
    async sealPlainFiles() {
      let sealed = 0;
      for (const { id } of await repo.fileIds(pool)) {
        const row = (await repo.fileById(pool, id))!;
        const stored = Buffer.from(row.data);
        if (isSealed(stored)) continue;
        if (sha256(stored) !== row.sha256) {
          log(`file store: ${id} does not match its sha256; left as it is (it reads as altered)`);
          continue;
        }
        await repo.setFileData(pool, id, sealFile(stored, recordsKey(), { id, kind: row.kind, mime: row.mime }));
        sealed++;
      }
      return sealed;
    },
  };
}
