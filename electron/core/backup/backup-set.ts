import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import pkg from '../../../package.json';
import type { BACKUP_PROBLEM_CODES } from '../../../shared/contract/backup';
import { LATEST_VERSION } from '../db/migrations/index';
import type { Kysely } from 'kysely';
import { snapshotPostgres } from '../db/postgres-snapshot';
import { WrongDatabaseKeyError } from '../db/sqlite-cipher';
import type { Database } from '../db/schema';
import { checkDatabase, snapshotDatabase } from '../db/sqlite-snapshot';
import { fsyncPath, writeDurable } from '../files/atomic';
import { diskFileIds, filesRoot, resolveUnder } from '../files/file-store';

// A backup set: one folder in the backup folder holding the database (SQLCipher-encrypted under the clinic's
// database key, as the live one is), the file store's files exactly as stored (sealed) and a manifest naming
// every part with its sha256. A clinic on a database server gets the same set (db/postgres-snapshot.ts): its
// database as an encrypted SQLite file, its files table as the folder of files, so every set restores anywhere.
// Written under a hidden `.…partial` name and renamed once it has been read back and checked, so a set that is
// there is whole.

export const MEDLINK_VERSION: string = pkg.version;
export const SET_PREFIX = 'medlink-backup-';
const MANIFEST = 'manifest.json';
export const DATABASE_PART = 'medlink.sqlite';

const manifestSchema = z.object({
  format: z.literal(1),
  medlinkVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.iso.datetime(),
  counts: z.record(z.string(), z.number().int()),
  parts: z.array(z.object({ path: z.string(), size: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof manifestSchema>;

export type BackupProblemCode = (typeof BACKUP_PROBLEM_CODES)[number];

/** Why a backup folder or set cannot be used: a code the screens word in each language, and the English for logs; nothing was changed. */
export class BackupProblem extends Error {
  constructor(
    readonly code: BackupProblemCode,
    message: string,
  ) {
    super(message);
  }
}

export type Progress = { phase: 'database' } | { phase: 'files'; done: number; total: number } | { phase: 'verifying' };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Between two files: the seat's calls and screens get their turn while a set is written or read back. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));


/** The backup folder as the administrator named it: there, a folder, and writable; a BackupProblem otherwise. */
export function checkFolder(folder: string): void {
  if (!existsSync(folder)) throw new BackupProblem('folder_missing', `The backup folder ${folder} is not there. Connect the drive or choose another folder.`);
  if (!statSync(folder).isDirectory()) throw new BackupProblem('not_a_folder', `${folder} is a file, not a folder. Choose a folder for the backups.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new BackupProblem('folder_readonly', `MedLink may not write in the backup folder ${folder}. Choose another folder, or give MedLink's user the right to write there.`);
  }
}

/** What a failed write means for the administrator (a full drive above all). */
export function writeProblem(e: unknown, folder: string): BackupProblem {
  if (e instanceof BackupProblem) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || /SQLITE_FULL/.test(code ?? '')) return new BackupProblem('folder_full', `The backup folder ${folder} is full. Free some space or choose a larger drive.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /SQLITE_(CANTOPEN|READONLY)/.test(code ?? '')) {
    return new BackupProblem('folder_readonly', `MedLink may not write in the backup folder ${folder}. Choose another folder, or give MedLink's user the right to write there.`);
  }
  return new BackupProblem('write_failed', `The backup could not be written to ${folder} (${(e as Error).message}).`);
}

export const setName = (at: Date) => `${SET_PREFIX}${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;

/** What a backup reads: the clinic's database (this computer's SQLite file, or its server) and its key; the data folder's files. */
export interface BackupSource {
  dataDir: string;
  /** The database's own key, which the set's database is encrypted with (on a server: once this seat holds the clinic key). */
  databaseKey(): Buffer;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; db: Kysely<Database> };
  nativeBinding?: string;
}

export interface WriteSetOptions {
  source: BackupSource;
  folder: string;
  now: Date;
  onProgress?: (p: Progress) => void;
}

/** Writes one backup set into the folder and reads it back; returns its folder and total size. The live data is only read. */
export async function writeBackupSet({ source, folder, now, onProgress }: WriteSetOptions): Promise<{ path: string; bytes: number; manifest: Manifest }> {
  checkFolder(folder);
  const key = source.databaseKey();
  const name = setName(now);
  const partial = join(folder, `.${name}.partial`);
  const done = join(folder, name);
  if (existsSync(done)) throw new BackupProblem('set_exists', `A backup set named ${name} is already in ${folder}.`);
  const parts: Manifest['parts'] = [];
  const keep = (path: string, bytes: Buffer) => {
    const target = resolveUnder(partial, path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeDurable(target, bytes);
    parts.push({ path, size: bytes.length, sha256: sha256(bytes) });
  };
  try {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { mode: 0o700 });
    onProgress?.({ phase: 'database' });
    const dbPart = join(partial, DATABASE_PART);
    if (source.database.kind === 'sqlite') {
      snapshotDatabase(source.database.file, key, dbPart, source.nativeBinding);
    } else {
      // A server keeps its files in its database: they come out of the same snapshot, into the set's files folder.
      await snapshotPostgres(source.database.db, dbPart, key, now, async (id, stored, meta) => {
        await yieldTurn();
        keep(`files/${id.slice(0, 2)}/${id}`, stored);
        keep(`files/${id.slice(0, 2)}/${id}.json`, Buffer.from(JSON.stringify(meta)));
      }, source.nativeBinding);
    }
    fsyncPath(dbPart);
    // Its counts for the manifest; its integrity is checked with everything else when the set is read back.
    const check = checkDatabase(dbPart, key, source.nativeBinding, false);
    const dbBytes = readFileSync(dbPart);
    parts.unshift({ path: DATABASE_PART, size: dbBytes.length, sha256: sha256(dbBytes) });
    if (source.database.kind === 'sqlite') await copyDiskFiles(source.dataDir, keep, onProgress);

    const manifest: Manifest = {
      format: 1,
      medlinkVersion: MEDLINK_VERSION,
      schemaVersion: check.schemaVersion,
      createdAt: now.toISOString(),
      counts: check.counts,
      parts,
    };
    writeDurable(join(partial, MANIFEST), Buffer.from(JSON.stringify(manifest, null, 1)));
    onProgress?.({ phase: 'verifying' });
    await verifyBackupSet(partial, key, source.nativeBinding);
    renameSync(partial, done);
    fsyncPath(folder);
    return { path: done, bytes: parts.reduce((n, p) => n + p.size, 0), manifest };
  } catch (e) {
    // A set that failed leaves nothing behind but the problem.
    try {
      rmSync(partial, { recursive: true, force: true });
    } catch {
      // The folder went away (a drive pulled out): there is nothing to tidy.
    }
    throw writeProblem(e, folder);
  }
}

/** A single-seat clinic's files, after the database's snapshot: a file added since is extra (harmless); one the snapshot names is there. */
async function copyDiskFiles(dataDir: string, keep: (path: string, bytes: Buffer) => void, onProgress?: (p: Progress) => void) {
  const ids = diskFileIds(dataDir);
  const from = filesRoot(dataDir);
  for (const [i, id] of ids.entries()) {
    await yieldTurn();
    for (const path of [`${id.slice(0, 2)}/${id}`, `${id.slice(0, 2)}/${id}.json`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolveUnder(from, path));
      } catch (e) {
        // Removed (a record purged from the trash) between the listing and now: not in this snapshot's keeping.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      keep(`files/${path}`, bytes);
    }
    onProgress?.({ phase: 'files', done: i + 1, total: ids.length });
  }
}

/** The manifest of a set, without checking its parts (to list sets); a BackupProblem when it cannot be read. */
export function readManifest(setDir: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(setDir, MANIFEST), 'utf8');
  } catch {
    throw new BackupProblem('not_a_set', `${setDir} is not a MedLink backup set: it has no ${MANIFEST}.`);
  }
  let parsed: Manifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(text));
  } catch {
    throw new BackupProblem('manifest_damaged', `The manifest of ${setDir} is damaged: it does not read as a MedLink backup's.`);
  }
  if (parsed.schemaVersion > LATEST_VERSION) {
    throw new BackupProblem(
      'newer',
      `This backup was made by a newer MedLink (${parsed.medlinkVersion}, database version ${parsed.schemaVersion}; this copy knows up to ${LATEST_VERSION}). Install the newer MedLink to restore it.`,
    );
  }
  return parsed;
}

/**
 * Reads a whole set back: every part present with its size and sha256, nothing outside it, the database opened
 * with the key, integrity-checked and counted as the manifest says. A BackupProblem names the first thing wrong.
 */
export async function verifyBackupSet(setDir: string, databaseKey: Buffer, nativeBinding?: string): Promise<Manifest> {
  const manifest = readManifest(setDir);
  for (const part of manifest.parts) {
    await yieldTurn();
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolveUnder(setDir, part.path));
    } catch {
      throw new BackupProblem('part_missing', `The backup set is missing ${part.path}. It cannot be restored.`);
    }
    if (bytes.length !== part.size || sha256(bytes) !== part.sha256) throw new BackupProblem('part_damaged', `${part.path} in the backup set has been damaged or changed since it was written. It cannot be restored.`);
  }
  if (!manifest.parts.some((p) => p.path === DATABASE_PART)) throw new BackupProblem('part_missing', `The backup set names no database. It cannot be restored.`);
  const found = checkStored(join(setDir, DATABASE_PART), databaseKey, manifest, nativeBinding);
  if (found) throw new BackupProblem(found.code, `The database in the backup set ${found.text}. It cannot be restored.`);
  return manifest;
}

/** What is wrong with a database copy against its manifest (null when nothing): key, integrity, counts. */
function checkStored(file: string, databaseKey: Buffer, manifest: Manifest, nativeBinding?: string): { code: BackupProblemCode; text: string } | null {
  let check;
  try {
    check = checkDatabase(file, databaseKey, nativeBinding);
  } catch (e) {
    if (e instanceof WrongDatabaseKeyError) return { code: 'wrong_key', text: "does not open with this clinic's key (it is another clinic's, or this computer holds another key)" };
    return { code: 'database_damaged', text: `does not open (${(e as Error).message})` };
  }
  if (check.integrity !== 'ok') return { code: 'database_damaged', text: `failed its integrity check (${check.integrity})` };
  const tables = new Set([...Object.keys(check.counts), ...Object.keys(manifest.counts)]);
  for (const t of tables) {
    if (check.counts[t] !== manifest.counts[t]) return { code: 'counts_differ', text: `holds ${check.counts[t] ?? 0} rows in ${t}, where the manifest says ${manifest.counts[t] ?? 0}` };
  }
  return null;
}

/** The sets in a backup folder, newest first (by name, which is their time). */
export function listSetNames(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(SET_PREFIX))
    .map((d) => d.name)
    .sort()
    .reverse();
}

const CLINIC_PARTS = ['medlink.sqlite', 'medlink.sqlite-wal', 'medlink.sqlite-shm', 'files', 'audit-head.json'];

/**
 * Replaces the data folder's clinic with a verified set (MedLink's own database closed). The current clinic is
 * moved aside into `before-restore-<time>` in the data folder first; the restored database is checked where it
 * now lies (opens with the key, integrity, counts as the manifest says), and on any failure the clinic that was
 * there is moved back. Returns the folder the previous clinic was kept in, and the undo that puts it back (for
 * a restored clinic that then fails to open).
 */
export async function restoreBackupSet(o: { dataDir: string; setDir: string; databaseKey: Buffer; now: Date; nativeBinding?: string }): Promise<{ keptAside: string; undo(): void }> {
  const manifest = await verifyBackupSet(o.setDir, o.databaseKey, o.nativeBinding);
  const aside = join(o.dataDir, `before-restore-${o.now.toISOString().slice(0, 19).replaceAll(':', '-')}Z`);
  mkdirSync(aside, { mode: 0o700 });
  const moved = CLINIC_PARTS.filter((p) => existsSync(join(o.dataDir, p)));
  for (const p of moved) renameSync(join(o.dataDir, p), join(aside, p));
  fsyncPath(o.dataDir);
  const putBack = () => {
    for (const p of CLINIC_PARTS) rmSync(join(o.dataDir, p), { recursive: true, force: true });
    for (const p of moved) renameSync(join(aside, p), join(o.dataDir, p));
    rmSync(aside, { recursive: true, force: true });
    fsyncPath(o.dataDir);
  };
  try {
    for (const part of manifest.parts) {
      const target = resolveUnder(o.dataDir, part.path);
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeDurable(target, readFileSync(resolveUnder(o.setDir, part.path)));
    }
    mkdirSync(filesRoot(o.dataDir), { recursive: true, mode: 0o700 });
    fsyncPath(o.dataDir);
    const found = checkStored(join(o.dataDir, DATABASE_PART), o.databaseKey, manifest, o.nativeBinding);
    if (found) throw new BackupProblem(found.code, `The restored database ${found.text}; the clinic that was here has been put back.`);
  } catch (e) {
    putBack();
    throw e;
  }
  return { keptAside: aside, undo: putBack };
}
