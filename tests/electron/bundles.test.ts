import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/preload/channels';
import { contract } from '../../shared/contract';
import { createFakeElectron } from './fake-electron';

const root = resolve(__dirname, '../..');
const channelNames = Object.keys(contract).sort();
let source = '';

// The bundles carry pdf.js (uploaded PDFs are opened to check them): on a busy machine that takes more than the default 10 s.
beforeAll(() => {
  execFileSync(process.execPath, ['electron/build.mjs'], { cwd: root, stdio: 'pipe' });
  source = readFileSync(resolve(root, 'dist/electron/preload.cjs'), 'utf8');
}, 60_000);

/** Runs the built preload as a sandboxed renderer would, with a stand-in for 'electron'. */
function loadPreload() {
  const required: string[] = [];
  const exposed: Record<string, any> = {};
  const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, data: null })), send: vi.fn(), on: vi.fn(), removeListener: vi.fn(), removeAllListeners: vi.fn() };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) }, ipcRenderer };
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(source, { require, module, exports: module.exports });
  return { required, exposed, ipcRenderer };
}

describe('built preload', () => {
  it('is one file whose only require is electron', () => {
    const requires = [...source.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['"electron"']);
    expect(source).not.toMatch(/\bimport\s*\(/);
    expect(loadPreload().required).toEqual(['electron']);
  });

  it('exposes one object, medlink, with invoke and subscribe', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['medlink']);
    expect(Object.keys(exposed.medlink)).toEqual(['invoke', 'subscribe']);
  });

  it("subscribes the window's live feed with its token, hands the page only the event, and stops it", () => {
    const { exposed, ipcRenderer } = loadPreload();
    const heard: unknown[] = [];
    const stop = exposed.medlink.subscribe('tok', (e: unknown) => heard.push(e));
    expect(ipcRenderer.send.mock.calls).toEqual([['medlink:watch', 'tok']]);
    const [[channel, listener]] = ipcRenderer.on.mock.calls as unknown as [[string, (...args: unknown[]) => void]];
    expect(channel).toBe('medlink:live');
    listener({ sender: 'the IPC event, which must not reach the page' }, { topic: 'appointments', id: 4 });
    expect(heard).toEqual([{ topic: 'appointments', id: 4 }]);
    stop();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('medlink:live', listener);
    expect(ipcRenderer.send).toHaveBeenLastCalledWith('medlink:unwatch');

    ipcRenderer.send.mockClear();
    for (const [token, onEvent] of [[42, () => undefined], ['tok', 'not a function'], [undefined, undefined]]) exposed.medlink.subscribe(token, onEvent)();
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('lists exactly the contract channels', () => {
    expect(Object.keys(CHANNELS).sort()).toEqual(channelNames);
    const inBundle = [...source.matchAll(/"([a-zA-Z]+\.[A-Za-z]+)": true/g)].map((m) => m[1]).sort();
    expect(inBundle).toEqual(channelNames);
  });

  it('forwards contract channels with the token and refuses everything else locally', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    for (const name of channelNames) await exposed.medlink.invoke(name, { a: 1 }, 'tok');
    expect(ipcRenderer.invoke.mock.calls).toEqual(channelNames.map((name) => ['medlink:invoke', name, { a: 1 }, 'tok']));

    ipcRenderer.invoke.mockClear();
    for (const name of ['nope.nothing', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined]) {
      await expect(exposed.medlink.invoke(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});

describe('built main process', () => {
  it('answers through IPC from a real database in a fresh data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'medlink-main-'));
    const fake = createFakeElectron(dataDir);
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = loader._load;
    // The bundle is plain CJS run by Node's own require: hand it the fake where it asks for 'electron'.
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? fake.electron : load.call(this, request, ...rest);
    };
    const previous = process.env.MEDLINK_DATA_DIR;
    delete process.env.MEDLINK_DATA_DIR;
    // Never the real home folder's key folder.
    const keyFile = `${dataDir}.key`;
    process.env.MEDLINK_KEY_FILE = keyFile;
    try {
      createRequire(__filename)(resolve(root, 'dist/electron/main.cjs'));
      await vi.waitFor(() => expect(fake.windows).toHaveLength(2), { timeout: 15_000 });
      expect(fake.win(0).options.webPreferences.preload).toBe(resolve(root, 'dist/electron/preload.cjs'));
      expect(fake.win(0).loadURL).toHaveBeenCalledWith('medlink://app/index.html?portal=patient');
      // The protocol serves the built renderer, CSP and all.
      const [, serve] = fake.electron.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
      const page = await serve(new Request('medlink://app/index.html?portal=clinic'));
      expect(await page.text()).toBe(readFileSync(resolve(root, 'dist/renderer/index.html'), 'utf8'));
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const frame = { url: 'medlink://app/index.html?portal=clinic', parent: null };
      await expect(fake.invoke(fake.win(1).webContents, frame, 'setup.status', {})).resolves.toEqual({ ok: true, data: { needsSetup: true, clinicName: null, timeZone: null, enrolled: true, contact: null } });
      await expect(fake.invoke(fake.win(1).webContents, frame, 'no.such', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      // The clinic key made for this clinic is kept outside the data folder, sealed by the keychain (safeStorage), not as it is.
      expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ protection: 'safeStorage' });
      expect(existsSync(join(dataDir, 'clinic.key'))).toBe(false);
      expect(fake.electron.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    } finally {
      loader._load = load;
      if (previous !== undefined) process.env.MEDLINK_DATA_DIR = previous;
      delete process.env.MEDLINK_KEY_FILE;
      if (fake.handlers.size > 0) {
        fake.app.emit('will-quit', { preventDefault: () => undefined });
        await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
      }
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(keyFile, { force: true });
    }
  });
});

describe('other bundles', () => {
  it('keeps electron out of the browser-mode server and SQLite external to both', () => {
    const server = readFileSync(resolve(root, 'dist/web/server.cjs'), 'utf8');
    const main = readFileSync(resolve(root, 'dist/electron/main.cjs'), 'utf8');
    expect(server).not.toMatch(/require\("electron"\)/);
    expect(server).toMatch(/require\("better-sqlite3-multiple-ciphers"\)/);
    expect(main).toMatch(/require\("better-sqlite3-multiple-ciphers"\)/);
  });
});
