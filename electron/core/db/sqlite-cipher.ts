// Dialect module, SQLite's half of encryption at rest (with dialects.ts, the only place that speaks SQLite).
// better-sqlite3-multiple-ciphers writes SQLCipher 4's format: every page, WAL frames included, AES-256-CBC with
// an HMAC-SHA512, so a copy can also be opened with SQLCipher's own tools given the key.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { fsyncPath, shred, zeroFill } from '../files/atomic';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when `file` is an SQLite database nobody encrypted (its first 16 bytes are SQLite's own header). */
export function isPlainDatabase(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

export class WrongDatabaseKeyError extends Error {}

const useSqlCipher = (raw: SQLite.Database) => {
  raw.pragma("cipher = 'sqlcipher'");
  raw.pragma('legacy = 4');
};

/**
 * Keys a freshly opened connection with a raw 32-byte key (no passphrase stretching: the key is random) and
 * reads the schema, which is what checks it: a wrong key fails here. A build of SQLite that cannot encrypt
 * (plain better-sqlite3 in its place) is refused rather than quietly writing plain pages.
 */
export function keyConnection(raw: SQLite.Database, key: Buffer): void {
  useSqlCipher(raw);
  raw.pragma(`key = "x'${key.toString('hex')}'"`);
  if (raw.pragma('cipher', { simple: true }) !== 'sqlcipher') throw new Error('This SQLite build cannot encrypt the database.');
  try {
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongDatabaseKeyError('This key does not open the database.', { cause: e });
    throw e;
  }
}

/** True when `key` opens the encrypted database in `file`. */
export function opensWith(file: string, key: Buffer, nativeBinding?: string): boolean {
  const raw = new SQLite(file, { nativeBinding, readonly: true, fileMustExist: true });
  try {
    keyConnection(raw, key);
    return true;
  } catch (e) {
    if (e instanceof WrongDatabaseKeyError) return false;
    throw e;
  } finally {
    raw.close();
  }
}

/** One value of a plain database's settings table (null when there is no such table or row), read before it is encrypted. */
export function plainSetting(file: string, key: string, nativeBinding?: string): string | null {
  const raw = new SQLite(file, { nativeBinding, readonly: true, fileMustExist: true });
  try {
    const table = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'settings'").get();
    const row = table ? (raw.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined) : undefined;
    return row?.value ?? null;
  } finally {
    raw.close();
  }
}

/**
 * Encrypts a plain database in place, leaving no plain copy: the WAL folded in and zeroed, a copy encrypted
 * page by page (its rollback journal in memory only) and checked, renamed over the original, whose old blocks
 * are then zeroed. A crash before the rename leaves the plain database whole and a half-done copy that the
 * next attempt shreds; after it, the encrypted one.
 */
export function encryptInPlace(file: string, key: Buffer, nativeBinding?: string): void {
  const copy = `${file}.encrypting`;
  shred(copy);
  shred(`${copy}-journal`);

  const plain = new SQLite(file, { nativeBinding, fileMustExist: true });
  try {
    // Every WAL frame into the file (refused if another connection holds some back), then the WAL's plain pages zeroed.
    const [done] = plain.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
    if (done && (done.busy !== 0 || done.log !== done.checkpointed)) throw new Error('The database is in use by another program; it was not encrypted.');
    if (existsSync(`${file}-wal`)) {
      const wal = openSync(`${file}-wal`, 'r+');
      try {
        zeroFill(wal);
      } finally {
        closeSync(wal);
      }
    }
    // Out of WAL mode: SQLite removes the -wal and -shm files itself.
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }

  copyFileSync(file, copy);
  const encrypting = new SQLite(copy, { nativeBinding, fileMustExist: true });
  try {
    // Rekeying rewrites every page; with the journal in memory no plain page is written anywhere else.
    encrypting.pragma('journal_mode = MEMORY');
    useSqlCipher(encrypting);
    encrypting.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    encrypting.close();
  }
  const check = new SQLite(copy, { nativeBinding, fileMustExist: true });
  try {
    keyConnection(check, key);
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`The encrypted copy of the database failed its check (${String(result)}); the plain database was kept.`);
  } finally {
    check.close();
  }
  // Durable before it replaces the original.
  const fd = openSync(copy, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  const old = openSync(file, 'r+');
  try {
    renameSync(copy, file);
    fsyncPath(dirname(file));
    // The plain original, now nameless: its blocks zeroed before they are freed.
    zeroFill(old);
  } finally {
    closeSync(old);
  }
  for (const leftover of ['-wal', '-shm', '-journal']) shred(`${file}${leftover}`);
}
