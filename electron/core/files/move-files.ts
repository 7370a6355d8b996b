import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { checkedPlain, diskFileIds, readDiskFile, type FileKind } from './file-store';
import * as repo from './files.repo';
import { FileAlteredError } from './sealed-file';

export class FileMoveError extends Error {}

/**
 * For the move of a single-seat clinic to PostgreSQL: copies every file of the data folder's disk store into
 * the `files` table of `db` (pass the move's transaction), under the same id and still sealed (the records key
 * moves with the settings), so the rows that name them still do. Each file is opened and checked against its
 * sha256 before, and again from the stored row after. A file already in the table with the same sha256 is left
 * as it is. The data folder is not changed. Returns how many files the table now holds from the folder.
 */
export async function copyDiskFilesToDatabase(dataDir: string, db: Kysely<Database>, recordsKey: Buffer, log: (line: string) => void = () => undefined): Promise<number> {
  let copied = 0;
  for (const id of diskFileIds(dataDir)) {
    const damaged = () => new FileMoveError(`The file ${id} in the data folder is damaged (it does not match its sha256); nothing was moved.`);
    let file: ReturnType<typeof readDiskFile>;
    try {
      file = readDiskFile(dataDir, id, recordsKey);
    } catch (e) {
      if (e instanceof FileAlteredError) throw damaged();
      throw e;
    }
    if (!file) throw damaged();
    const there = await repo.fileById(db, id);
    if (!there) {
      await repo.insertFile(db, { id, kind: file.kind, mime: file.mime, size: file.size, sha256: file.sha256, data: file.stored, created_at: file.createdAt });
    }
    const back = there ?? (await repo.fileById(db, id));
    try {
      if (!back || back.sha256 !== file.sha256) throw new FileAlteredError(id);
      checkedPlain(Buffer.from(back.data), recordsKey, id, { ...back, kind: back.kind as FileKind });
    } catch (e) {
      if (e instanceof FileAlteredError) throw new FileMoveError(`The file ${id} did not arrive intact in the database; nothing was moved.`);
      throw e;
    }
    copied++;
  }
  log(`files: ${copied} copied, sha256 ok`);
  return copied;
}
