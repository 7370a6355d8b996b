import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../../electron/core/files/atomic';
import { FileAlteredError } from '../../electron/core/files/sealed-file';
import { databaseFileStore } from '../../electron/core/files/db-file-store';
import { diskFileStore, filesRoot, PathOutsideStoreError, resolveUnder, sha256 } from '../../electron/core/files/file-store';
import { copyDiskFilesToDatabase, FileMoveError } from '../../electron/core/files/move-files';
import { openDatabase } from '../../electron/core/db/dialects';
import { migrate } from '../../electron/core/db/migrations/index';
import { testClock } from '../helpers/clock';
import { bytesOf, JPEG_BASE64, PNG_BASE64 } from '../helpers/images';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const clock = testClock();
const RECORDS_KEY = randomBytes(32);
const recordsKey = () => RECORDS_KEY;
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
  it('keeps bytes sealed under a generated UUID inside <dataDir>/files, with their type and sha256 beside them', async () => {
    const dataDir = temp();
    const store = diskFileStore(dataDir, clock, recordsKey);
    const bytes = bytesOf(PNG_BASE64);
    const id = await store.put(bytes, { kind: 'doctor_photo', mime: 'image/png' });
    expect(id).toMatch(UUID);
    expect(tree(filesRoot(dataDir))).toEqual([`${id.slice(0, 2)}/${id}`, `${id.slice(0, 2)}/${id}.json`]);
    // At rest: not the bytes, nor any run of them.
    const atRest = readFileSync(join(filesRoot(dataDir), id.slice(0, 2), id));
    expect(atRest.subarray(0, 4).toString()).toBe('MLF1');
    expect(atRest.includes(bytes.subarray(16, 48))).toBe(false);
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
    const store = diskFileStore(dataDir, clock, recordsKey);
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
    const store = diskFileStore(link, clock, recordsKey);
    const id = await store.put(Buffer.from('x'), { kind: 'doctor_photo', mime: 'image/png' });
    expect(existsSync(join(real, 'files', id.slice(0, 2), id))).toBe(true);
    expect((await store.get(id))?.bytes.toString()).toBe('x');
  });

  it('refuses a file with one byte changed, one relabelled, one swapped for another, or one stored plain; and bytes without their description', async () => {
    const dataDir = temp();
    const store = diskFileStore(dataDir, clock, recordsKey);
    const id = await store.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' });
    const other = await store.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    const path = (f: string, ext = '') => join(filesRoot(dataDir), f.slice(0, 2), f + ext);
    const sealed = readFileSync(path(id));
    for (let at = 0; at < sealed.length; at += 29) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 0x01;
      writeFileSync(path(id), changed);
      await expect(store.get(id), `byte ${at}`).rejects.toEqual(new FileAlteredError(id));
    }
    writeFileSync(path(id), sealed);
    expect((await store.get(id))?.mime).toBe('image/png');

    const description = readFileSync(path(id, '.json'), 'utf8');
    writeFileSync(path(id, '.json'), description.replace('image/png', 'application/pdf'));
    await expect(store.get(id)).rejects.toBeInstanceOf(FileAlteredError);
    writeFileSync(path(id, '.json'), description);
    writeFileSync(path(id), readFileSync(path(other)));
    await expect(store.get(id)).rejects.toBeInstanceOf(FileAlteredError);
    writeFileSync(path(id), bytesOf(PNG_BASE64));
    await expect(store.get(id)).rejects.toBeInstanceOf(FileAlteredError);
    // Another clinic's records key opens nothing.
    await expect(diskFileStore(dataDir, clock, () => randomBytes(32)).get(other)).rejects.toBeInstanceOf(FileAlteredError);

    // As if the computer stopped between the bytes and their description.
    const half = await store.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    rmSync(join(filesRoot(dataDir), half.slice(0, 2), `${half}.json`));
    expect(await store.get(half)).toBeNull();
  });

  it('seals the plain files kept before sealing began, and they read back as they were', async () => {
    const dataDir = temp();
    const logged: string[] = [];
    const store = diskFileStore(dataDir, clock, recordsKey, (m) => logged.push(m));
    const photo = bytesOf(JPEG_BASE64);
    // As the store wrote files before: the plain bytes, and their description.
    const id = '0f6a3c1e-1111-4abc-8def-000000000001';
    mkdirSync(join(filesRoot(dataDir), '0f'));
    writeFileSync(join(filesRoot(dataDir), '0f', id), photo);
    writeFileSync(join(filesRoot(dataDir), '0f', `${id}.json`), JSON.stringify({ kind: 'doctor_photo', mime: 'image/jpeg', size: photo.length, sha256: sha256(photo), createdAt: clock.now().toISOString() }));
    const sealedAlready = await store.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' });
    await expect(store.get(id)).rejects.toBeInstanceOf(FileAlteredError);

    expect(await store.sealPlainFiles()).toBe(1);
    expect(readFileSync(join(filesRoot(dataDir), '0f', id)).includes(photo.subarray(8, 40))).toBe(false);
    expect(await store.get(id)).toEqual({ bytes: photo, mime: 'image/jpeg' });
    expect((await store.get(sealedAlready))?.mime).toBe('image/png');
    expect(await store.sealPlainFiles()).toBe(0);
    expect(logged).toEqual([]);
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
      const store = databaseFileStore(db, clock, recordsKey);
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

      const { data } = await db.selectFrom('files').select('data').executeTakeFirstOrThrow();
      expect(Buffer.from(data).includes(bytes.subarray(8, 40))).toBe(false);
      const flipped = Buffer.from(data);
      flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 0x80;
      await db.updateTable('files').set({ data: flipped }).execute();
      await expect(store.get(id)).rejects.toEqual(new FileAlteredError(id));
      await db.updateTable('files').set({ data: bytes }).execute();
      await expect(store.get(id)).rejects.toBeInstanceOf(FileAlteredError);
      expect(await store.sealPlainFiles()).toBe(1);
      expect(await store.get(id)).toEqual({ bytes, mime: 'image/jpeg' });
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
    const disk = diskFileStore(dataDir, clock, recordsKey);
    const png = await disk.put(bytesOf(PNG_BASE64), { kind: 'doctor_photo', mime: 'image/png' });
    const jpeg = await disk.put(bytesOf(JPEG_BASE64), { kind: 'doctor_photo', mime: 'image/jpeg' });
    const { kysely: db, dialect } = openDatabase({ kind: 'sqlite', file: join(temp(), 'medlink.sqlite') });
    try {
      await migrate(db, dialect, clock.now());
      const lines: string[] = [];
      expect(await db.transaction().execute((trx) => copyDiskFilesToDatabase(dataDir, trx, RECORDS_KEY, (l) => lines.push(l)))).toBe(2);
      expect(lines).toEqual(['files: 2 copied, sha256 ok']);
      const store = databaseFileStore(db, clock, recordsKey);
      expect(await store.get(png)).toEqual({ bytes: bytesOf(PNG_BASE64), mime: 'image/png' });
      expect(await store.get(jpeg)).toEqual({ bytes: bytesOf(JPEG_BASE64), mime: 'image/jpeg' });
      // Again: nothing doubles.
      expect(await copyDiskFilesToDatabase(dataDir, db, RECORDS_KEY)).toBe(2);
      expect(await db.selectFrom('files').select('id').execute()).toHaveLength(2);

      writeFileSync(join(filesRoot(dataDir), png.slice(0, 2), png), 'damaged');
      await db.deleteFrom('files').execute();
      await expect(db.transaction().execute((trx) => copyDiskFilesToDatabase(dataDir, trx, RECORDS_KEY))).rejects.toThrow(FileMoveError);
      expect(await db.selectFrom('files').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
