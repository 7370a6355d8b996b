import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { keyFileOf, ok, removeDataDir, tempDir } from '../helpers/clinic';
import { testClock } from '../helpers/clock';
import { setupInput } from '../helpers/data';

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => [f, (statSync(join(dir, f)).mode & 0o777).toString(8)]);
}

describe('the data folder', () => {
  it('holds only files its owner alone can read, the database and its journal files included', async () => {
    const dataDir = tempDir();
    try {
      const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock: testClock(), bcryptCost: 4, log: () => undefined });
      ok(await app.dispatch('setup.complete', setupInput()));
      await app.close();
      const found = modes(dataDir);
      expect(found.map(([f]) => f)).toEqual(expect.arrayContaining(['medlink.sqlite', 'audit-head.json']));
      for (const [file, mode] of found) expect([file, mode]).toEqual([file, statSync(join(dataDir, file)).isDirectory() ? '700' : '600']);
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('makes a database file left readable by others owner-only again when it opens', async () => {
    const dataDir = tempDir();
    try {
      writeFileSync(join(dataDir, 'medlink.sqlite'), '', { mode: 0o644 });
      const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock: testClock(), bcryptCost: 4, log: () => undefined });
      expect((statSync(join(dataDir, 'medlink.sqlite')).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(join(dataDir, 'medlink.sqlite-wal')).mode & 0o777).toString(8)).toBe('600');
      await app.close();
    } finally {
      removeDataDir(dataDir);
    }
  });
});
