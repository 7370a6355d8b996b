import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { Database } from '../db/schema';
import { fsyncPath, writeFileAtomic } from './atomic';
import { FileAlteredError, isSealed, openSealedFile, sealFile } from './sealed-file';

// The file store: bytes kept under a generated name, read back by that name. Two implementations behind one
// interface: a folder in the data folder (a single-seat clinic on SQLite) and the `files` table (a multi-seat
// clinic on PostgreSQL, where every seat must see every file). See db-file-store.ts for the second.

/** What a file is for (recorded with it, and vouched for by its seal). */
export const FILE_KINDS = ['doctor_photo', 'medical_record', 'credential_document', 'receipt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileMeta {
  kind: FileKind;
  /** Decided by the caller from the bytes (magic bytes), never from a name or a claimed type. */
  mime: string;
}

export interface StoredFile {
  bytes: Buffer;
  mime: string;
}

/**
 * Every file is sealed at rest (sealed-file.ts) under the records key, which `recordsKey` gives once this seat
 * is enrolled. `db`: the caller's transaction. The database store writes through it, so a file and the row
 * naming it commit (or roll back) together; the disk store ignores it and writes at once (see `transactional`).
 */
export interface FileStore {
  /** Seals and keeps the bytes; returns the new file's id (a UUID). */
  put(bytes: Buffer, meta: FileMeta, db?: Kysely<Database>): Promise<string>;
  /** The file, or null when there is none with this id. Throws FileAlteredError when its stored bytes were changed. */
  get(id: string, db?: Kysely<Database>): Promise<StoredFile | null>;
  /** Removes the file; an unknown id is not an error. */
  remove(id: string, db?: Kysely<Database>): Promise<void>;
  /** Seals the files kept before sealing began (doctors' photos); returns how many. */
  sealPlainFiles(): Promise<number>;
  /** True when put and remove through a transaction take effect only when it commits. */
  readonly transactional: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Only ids this store could have made are ever turned into a path or a query. */
export const isFileId = (id: string): boolean => UUID.test(id);

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export class PathOutsideStoreError extends Error {}

/** `parts` joined under `root`, refused unless the result stays strictly inside it (no `..`, no absolute part). */
export function resolveUnder(root: string, ...parts: string[]): string {
  const path = resolve(root, ...parts);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) throw new PathOutsideStoreError(`path outside the file store: ${parts.join('/')}`);
  return path;
}

export interface MetaFile {
  kind: FileKind;
  mime: string;
  /** Of the plain bytes. */
  size: number;
  sha256: string;
  createdAt: string;
}

/** The folder the disk store keeps its files in. */
export const filesRoot = (dataDir: string): string => join(dataDir, 'files');

const diskPaths = (root: string, id: string) => {
  const dir = resolveUnder(root, id.slice(0, 2));
  return { dir, data: resolveUnder(dir, id), meta: resolveUnder(dir, `${id}.json`) };
};

/** The plain bytes, checked against the description; FileAlteredError when they do not match it. */
export function checkedPlain(stored: Buffer, recordsKey: Buffer, id: string, meta: Pick<MetaFile, 'kind' | 'mime' | 'size' | 'sha256'>): Buffer {
  const plain = openSealedFile(stored, recordsKey, { id, kind: meta.kind, mime: meta.mime });
  if (plain.length !== Number(meta.size) || sha256(plain) !== meta.sha256) throw new FileAlteredError(id);
  return plain;
}

/**
 * One file of the disk store: its description, its stored (sealed) bytes and the plain bytes they open to.
 * Null when missing; FileAlteredError when the bytes or the description were changed.
 */
export function readDiskFile(dataDir: string, id: string, recordsKey: Buffer): (MetaFile & { stored: Buffer; bytes: Buffer }) | null {
  if (!isFileId(id)) return null;
  const p = diskPaths(filesRoot(dataDir), id);
  let meta: MetaFile;
  let stored: Buffer;
  try {
    stored = readFileSync(p.data);
    meta = JSON.parse(readFileSync(p.meta, 'utf8')) as MetaFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (e instanceof SyntaxError) throw new FileAlteredError(id);
    throw e;
  }
  return { ...meta, stored, bytes: checkedPlain(stored, recordsKey, id, meta) };
}

/**
 * Files under `<dataDir>/files/<first two characters>/<uuid>`, sealed, with `<uuid>.json` beside each holding its
 * kind, type, plain size and sha256. Both are written temp-then-fsync-then-rename; the data before its
 * description, so a description always names bytes that are there.
 */
export function diskFileStore(dataDir: string, clock: Clock, recordsKey: () => Buffer, log: (message: string) => void = () => undefined): FileStore {
  mkdirSync(filesRoot(dataDir), { recursive: true, mode: 0o700 });
  // Symbolic links in the data folder's path are resolved once, so the containment check compares real paths.
  const root = realpathSync(filesRoot(dataDir));
  const paths = (id: string) => diskPaths(root, id);

  return {
    transactional: false,
    async put(bytes, meta) {
      const id = randomUUID();
      const p = paths(id);
      mkdirSync(p.dir, { recursive: true, mode: 0o700 });
      writeFileAtomic(p.data, sealFile(bytes, recordsKey(), { id, ...meta }));
      const description: MetaFile = { kind: meta.kind, mime: meta.mime, size: bytes.length, sha256: sha256(bytes), createdAt: clock.now().toISOString() };
      writeFileAtomic(p.meta, JSON.stringify(description));
      return id;
    },
    async get(id) {
      const file = readDiskFile(dataDir, id, recordsKey());
      return file && { bytes: file.bytes, mime: file.mime };
    },
    async remove(id) {
      if (!isFileId(id)) return;
      const p = paths(id);
      // The description first: a half-done removal leaves a file nobody can read, never a description of nothing.
      rmSync(p.meta, { force: true });
      rmSync(p.data, { force: true });
      try {
        fsyncPath(p.dir);
      } catch {
        // The folder itself is gone or unreadable: nothing left to make durable.
      }
    },
    async sealPlainFiles() {
      let sealed = 0;
      for (const id of diskFileIds(dataDir)) {
        const p = paths(id);
        const stored = readFileSync(p.data);
        if (isSealed(stored)) continue;
        const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as MetaFile;
        if (sha256(stored) !== meta.sha256) {
          log(`file store: ${id} does not match its sha256; left as it is (it reads as altered)`);
          continue;
        }
        writeFileAtomic(p.data, sealFile(stored, recordsKey(), { id, kind: meta.kind, mime: meta.mime }));
        sealed++;
      }
      return sealed;
    },
  };
}

/** The ids of every described file of a data folder's disk store (to copy them elsewhere). */
export function diskFileIds(dataDir: string): string[] {
  const root = filesRoot(dataDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(resolveUnder(root, d.name)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)))
    .filter(isFileId)
    .sort();
}
