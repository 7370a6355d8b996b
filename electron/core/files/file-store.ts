import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { Database } from '../db/schema';
import { writeFileAtomic } from './atomic';

// The file store: bytes kept under a generated name, read back by that name. Two implementations behind one
// interface: a folder in the data folder (a single-seat clinic on SQLite) and the `files` table (a multi-seat
// clinic on PostgreSQL, where every seat must see every file). See db-file-store.ts for the second.

/** What a file is for (recorded with it). */
export const FILE_KINDS = ['doctor_photo', 'receipt'] as const;
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
 * `db`: the caller's transaction. The database store writes through it, so a file and the row naming it commit
 * (or roll back) together; the disk store ignores it and writes at once (see `transactional`).
 */
export interface FileStore {
  /** Keeps the bytes; returns the new file's id (a UUID). */
  put(bytes: Buffer, meta: FileMeta, db?: Kysely<Database>): Promise<string>;
  /** The file, or null when there is none with this id (or its bytes no longer match their sha256). */
  get(id: string, db?: Kysely<Database>): Promise<StoredFile | null>;
  /** Removes the file; an unknown id is not an error. */
  remove(id: string, db?: Kysely<Database>): Promise<void>;
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
  size: number;
  sha256: string;
  createdAt: string;
}

/** The folder the disk store keeps its files in. */
export const filesRoot = (dataDir: string): string => join(dataDir, 'files');

/**
 * Files under `<dataDir>/files/<first two characters>/<uuid>`, with `<uuid>.json` beside each holding its kind,
 * type, size and sha256. Both are written temp-then-fsync-then-rename; the data before its description, so a
 * description always names bytes that are there.
 */
export function diskFileStore(dataDir: string, clock: Clock, log: (message: string) => void = () => undefined): FileStore {
  mkdirSync(filesRoot(dataDir), { recursive: true, mode: 0o700 });
  // Symbolic links in the data folder's path are resolved once, so the containment check compares real paths.
  const root = realpathSync(filesRoot(dataDir));
  const paths = (id: string) => {
    const dir = resolveUnder(root, id.slice(0, 2));
    return { dir, data: resolveUnder(dir, id), meta: resolveUnder(dir, `${id}.json`) };
  };

  return {
    transactional: false,
    async put(bytes, meta) {
      const id = randomUUID();
      const p = paths(id);
      mkdirSync(p.dir, { recursive: true, mode: 0o700 });
      writeFileAtomic(p.data, bytes);
      const description: MetaFile = { kind: meta.kind, mime: meta.mime, size: bytes.length, sha256: sha256(bytes), createdAt: clock.now().toISOString() };
      writeFileAtomic(p.meta, JSON.stringify(description));
      return id;
    },
    async get(id) {
      if (!isFileId(id)) return null;
      const p = paths(id);
      let description: MetaFile;
      let bytes: Buffer;
      try {
        description = JSON.parse(readFileSync(p.meta, 'utf8')) as MetaFile;
        bytes = readFileSync(p.data);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      if (bytes.length !== description.size || sha256(bytes) !== description.sha256) {
        log(`file store: ${id} does not match its sha256; not served`);
        return null;
      }
      return { bytes, mime: description.mime };
    },
    async remove(id) {
      if (!isFileId(id)) return;
      const p = paths(id);
      // The description first: a half-done removal leaves a file nobody can read, never a description of nothing.
      rmSync(p.meta, { force: true });
      rmSync(p.data, { force: true });
      try {
        const fd = openSync(p.dir, 'r');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      } catch {
        // The folder itself is gone or unreadable: nothing left to make durable.
      }
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

/** One file of the disk store with its description, or null when missing or not matching its sha256. */
export function readDiskFile(dataDir: string, id: string): (MetaFile & { bytes: Buffer }) | null {
  if (!isFileId(id)) return null;
  const dir = resolveUnder(filesRoot(dataDir), id.slice(0, 2));
  try {
    const meta = JSON.parse(readFileSync(resolveUnder(dir, `${id}.json`), 'utf8')) as MetaFile;
    const bytes = readFileSync(resolveUnder(dir, id));
    return bytes.length === meta.size && sha256(bytes) === meta.sha256 ? { ...meta, bytes } : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
