import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { diskFileIds, readDiskFile, sha256 } from './file-store';
import * as repo from './files.repo';

export class FileMoveError extends Error {}

/**
 * For the move of a single-seat clinic to PostgreSQL: copies every file of the data folder's disk store into
 * the `files` table of `db` (pass the move's transaction), under the same id, so the rows that name them still
 * do. Each file's sha256 is checked against its description before, and against the stored row after. A file
 * already in the table with the same sha256 is left as it is. The data folder is not changed. Returns how many
 * files the table now holds from the folder.
 */
export async function copyDiskFilesToDatabase(dataDir: string, db: Kysely<Database>, log: (line: string) => void = () => undefined): Promise<number> {
  let copied = 0;
  for (const id of diskFileIds(dataDir)) {
    const file = readDiskFile(dataDir, id);
    if (!file) throw new FileMoveError(`The file ${id} in the data folder is damaged (it does not match its sha256); nothing was moved.`);
    const there = await repo.fileById(db, id);
    if (!there) {
      await repo.insertFile(db, { id, kind: file.kind, mime: file.mime, size: file.size, sha256: file.sha256, data: file.bytes, created_at: file.createdAt });
    }
    const back = there ?? (await repo.fileById(db, id));
    if (!back || back.sha256 !== file.sha256 || sha256(Buffer.from(back.data)) !== file.sha256) {
      throw new FileMoveError(`The file ${id} did not arrive intact in the database; nothing was moved.`);
    }
    copied++;
  }
  log(`files: ${copied} copied, sha256 ok`);
  return copied;
}
