import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/files/atomic';
import { databaseFileStore } from '../../electron/core/files/db-file-store';
import { diskFileStore, filesRoot, PathOutsideStoreError, resolveUnder, sha256 } from '../../electron/core/files/file-store';
import { imageTypeOf } from '../../electron/core/files/image-type';
import { copyDiskFilesToDatabase, FileMoveError } from '../../electron/core/files/move-files';
import { openDatabase } from '../../electron/core/db/dialects';
import { migrate } from '../../electron/core/db/migrations/index';
import { testClock } from '../helpers/clock';
import { bytesOf, JPEG_BASE64, PNG_BASE64, WEBP_BASE64 } from '../helpers/images';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const clock = testClock();
let dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'medlink-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Every file under a folder, as paths relative to it. */
const tree = (dir: string) => (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[])
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
  .sort();

describe('the disk file store', () => {
  it('keeps bytes under a generated UUID inside <dataDir>/files, with their type and sha256 beside them', async () => {
    const dataDir = temp();
    const store = diskFileStore(dataDir, clock);
    const bytes = bytesOf(PNG_BASE64);
    const id = await store.put(bytes, { kind: 'doctor_photo', mime: 'image/png' });
    expect(id).toMatch(UUID);
    expect(tree(filesRoot(dataDir))).toEqual([`${id.slice(0, 2)}/${id}`, `${id.slice(0, 2)}/${id}.json`]);
    expect(JSON.parse(readFileSync(join(filesRoot(dataDir), id.slice(0, 2), `${id}.json`), 'utf8'))).toEqual({
      kind: 'doctor_photo', mime: 'image/png', size: bytes.length, sha256: sha256(bytes), createdAt: clock.now().toISOString(),
    });
    expect(await store.get(id)).toEqual({ bytes, mime: 'image/png' });

    const other = await store.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    expect(other).not.toBe(id);
    await store.remove(id);
    expect(await store.get(id)).toBeNull();
    expect(tree(filesRoot(dataDir))).toEqual([`${other.slice(0, 2)}/${other}`, `${other.slice(0, 2)}/${other}.json`]);
    // Removing twice is not an error.
    await store.remove(id);
  });

  it('never turns an id it did not make into a path', async () => {
    const dataDir = temp();
    writeFileSync(join(dataDir, 'secret.txt'), 'not for the store');
    const store = diskFileStore(dataDir, clock);
    for (const id of ['../secret.txt', '../../etc/passwd', '/etc/passwd', '..', '', 'ab/../../secret.txt', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(11)}/`]) {
      expect(await store.get(id)).toBeNull();
      await store.remove(id);
    }
    expect(readFileSync(join(dataDir, 'secret.txt'), 'utf8')).toBe('not for the store');
  });

  it('resolves every path under its root, refusing any that would leave it', () => {
    const root = temp();
    expect(resolveUnder(root, 'ab', 'ab12')).toBe(join(root, 'ab', 'ab12'));
    for (const parts of [['..'], ['..', 'x'], ['/etc/passwd'], ['ab', '..', '..', 'x'], ['.'], [''], [`..${root.slice(root.lastIndexOf('/'))}x`]]) {
      expect(() => resolveUnder(root, ...parts), parts.join('/')).toThrow(PathOutsideStoreError);
    }
  });

  it('works in a data folder reached through a symbolic link, and keeps its files inside the real one', async () => {
    const real = temp();
    const link = join(temp(), 'link');
    symlinkSync(real, link);
    const store = diskFileStore(link, clock);
    const id = await store.put(Buffer.from('x'), { kind: 'doctor_photo', mime: 'image/png' });
    expect(existsSync(join(real, 'files', id.slice(0, 2), id))).toBe(true);
    expect((await store.get(id))?.bytes.toString()).toBe('x');
  });

  it('does not serve bytes that no longer match their sha256, nor bytes without their description', async () => {
    const dataDir = temp();
    const logged: string[] = [];
    const store = diskFileStore(dataDir, clock, (m) => logged.push(m));
    const id = await store.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' });
    const path = join(filesRoot(dataDir), id.slice(0, 2), id);
    const changed = bytesOf(PNG_BASE64);
    changed[40] = changed[40]! ^ 0xff;
    writeFileSync(path, changed);
    expect(await store.get(id)).toBeNull();
    expect(logged).toEqual([`file store: ${id} does not match its sha256; not served`]);

    // As if the computer stopped between the bytes and their description.
    const half = await store.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    rmSync(join(filesRoot(dataDir), half.slice(0, 2), `${half}.json`));
    expect(await store.get(half)).toBeNull();
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const dir = temp();
    const path = join(dir, 'key');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, Buffer.alloc(3 * 1024 * 1024, 7));
    expect(readFileSync(path).equals(Buffer.alloc(3 * 1024 * 1024, 7))).toBe(true);
    expect(readdirSync(dir)).toEqual(['key']);
  });

  it('leaves the old content and no temporary file when the write cannot be completed', () => {
    const dir = temp();
    // The target is a folder with something in it: the final rename fails.
    const path = join(dir, 'target');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'old');
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('old');
    // A folder that does not exist: nothing is created.
    expect(() => writeFileAtomic(join(dir, 'missing', 'file'), 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
  });
});

describe('the database file store (on SQLite here; on PostgreSQL in the service tests)', () => {
  it('keeps bytes and their sha256 in the files table, and commits or rolls back with the transaction', async () => {
    const { kysely: db, dialect } = openDatabase({ kind: 'sqlite', file: join(temp(), 'medlink.sqlite') });
    try {
      await migrate(db, dialect, clock.now());
      const store = databaseFileStore(db, clock);
      const bytes = bytesOf(JPEG_BASE64);
      const id = await store.put(bytes, { kind: 'doctor_photo', mime: 'image/jpeg' });
      expect(id).toMatch(UUID);
      expect(await db.selectFrom('files').select(['id', 'kind', 'mime', 'size', 'sha256', 'created_at']).execute()).toEqual([
        { id, kind: 'doctor_photo', mime: 'image/jpeg', size: bytes.length, sha256: sha256(bytes), created_at: clock.now().toISOString() },
      ]);
      expect(await store.get(id)).toEqual({ bytes, mime: 'image/jpeg' });

      await expect(
        db.transaction().execute(async (trx) => {
          await store.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' }, trx);
          await store.remove(id, trx);
          throw new Error('the change that named the file failed');
        }),
      ).rejects.toThrow('failed');
      expect((await db.selectFrom('files').select('id').execute()).map((r) => r.id)).toEqual([id]);

      await db.updateTable('files').set({ data: Buffer.from('tampered') }).execute();
      expect(await store.get(id)).toBeNull();
      expect(await store.get('../../etc/passwd')).toBeNull();
      await store.remove(id);
      expect(await db.selectFrom('files').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe('moving the disk store into the database (a clinic moving to PostgreSQL)', () => {
  it('copies every file under its id, checked by sha256, and refuses a damaged one', async () => {
    const dataDir = temp();
    const disk = diskFileStore(dataDir, clock);
    const png = await disk.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' });
    const jpeg = await disk.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    const { kysely: db, dialect } = openDatabase({ kind: 'sqlite', file: join(temp(), 'medlink.sqlite') });
    try {
      await migrate(db, dialect, clock.now());
      const lines: string[] = [];
      expect(await db.transaction().execute((trx) => copyDiskFilesToDatabase(dataDir, trx, (l) => lines.push(l)))).toBe(2);
      expect(lines).toEqual(['files: 2 copied, sha256 ok']);
      const store = databaseFileStore(db, clock);
      expect(await store.get(png)).toEqual({ bytes: bytesOf(PNG_BASE64), mime: 'image/png' });
      expect(await store.get(jpeg)).toEqual({ bytes: bytesOf(JPEG_BASE64), mime: 'image/jpeg' });
      // Again: nothing doubles.
      expect(await copyDiskFilesToDatabase(dataDir, db)).toBe(2);
      expect(await db.selectFrom('files').select('id').execute()).toHaveLength(2);

      writeFileSync(join(filesRoot(dataDir), png.slice(0, 2), png), 'damaged');
      await db.deleteFrom('files').execute();
      await expect(db.transaction().execute((trx) => copyDiskFilesToDatabase(dataDir, trx))).rejects.toThrow(FileMoveError);
      expect(await db.selectFrom('files').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe('image type by magic bytes', () => {
  it('knows a PNG and a JPEG by their bytes and nothing else', () => {
    expect(imageTypeOf(bytesOf(PNG_BASE64))).toBe('image/png');
    expect(imageTypeOf(bytesOf(JPEG_BASE64))).toBe('image/jpeg');
    expect(imageTypeOf(bytesOf(WEBP_BASE64))).toBeNull();
    expect(imageTypeOf(Buffer.from('GIF89a....'))).toBeNull();
    expect(imageTypeOf(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(imageTypeOf(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull();
    expect(imageTypeOf(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(imageTypeOf(Buffer.alloc(0))).toBeNull();
  });
});
