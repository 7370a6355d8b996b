import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSP as WEB_CSP } from '../../electron/web/server';
import { isAllowedExternal } from '../../electron/main/external-links';
import { menuTemplate } from '../../electron/main/menu';
import { startMainProcess, type ElectronMain } from '../../electron/main/main-process';
import type { AppOptions, MedLinkApp } from '../../electron/core/app';
import { CSP } from '../../electron/main/security';
import { createFakeElectron, FakeContents } from './fake-electron';

const fake = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./fake-electron');
  const dispatch = vi.fn(async () => ({ ok: true, data: 'dispatched' }));
  // The core's watch: each feed it opens is kept, so a test can deliver to it and see it stopped.
  const feeds: { token: unknown; feed: { deliver(id: string, event: unknown): void }; stop: ReturnType<typeof vi.fn> }[] = [];
  const watch = vi.fn(async (token: unknown, _last: unknown, feed: (typeof feeds)[number]['feed']) => {
    const stop = vi.fn();
    feeds.push({ token, feed, stop });
    return { ok: true, data: { stop, lastEventId: 'x.0' } };
  });
  const core = {
    dispatch, watch, deps: {}, startBackground: vi.fn(), close: vi.fn(async () => undefined), externalHosts: vi.fn(async () => ['jitsi.sunrise.example']),
  };
  return { ...createFakeElectron(), dispatch, feeds, core, createApp: vi.fn(async () => core) };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../electron/core/app', () => ({ createApp: fake.createApp }));

// main.ts runs from electron/main here, so its "bundle folder" is that folder.
const bundleDir = resolve(__dirname, '../../electron/main');
const indexUrl = 'medlink://app/index.html';

const navigation = (url: string) => ({ url, preventDefault: vi.fn() });
const { win, invoke } = fake;

const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  vi.stubEnv('MEDLINK_DATA_DIR', '/nonexistent/medlink-test-data');
  vi.stubEnv('MEDLINK_KEY_FILE', '/nonexistent/medlink-test-keys/clinic.key');
  await import('../../electron/main/main');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('Electron main process', () => {
  it('opens a patient and a clinic window on the built renderer, served through its own protocol', async () => {
    expect(fake.windows.map((w) => w.loadURL.mock.calls[0])).toEqual([[`${indexUrl}?portal=patient`], [`${indexUrl}?portal=clinic`]]);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'medlink', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const [scheme, handler] = fake.electron.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('medlink');
    // Nothing outside the renderer's folder: the handler itself is tested in app-protocol.test.ts.
    expect((await handler(new Request('medlink://app/../../package.json'))).status).toBe(404);
  });

  it('locks down every window', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    for (const w of fake.windows) {
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        preload: join(bundleDir, 'preload.cjs'),
      });
    }
  });

  it('starts the core on MEDLINK_DATA_DIR, with the clinic key in MEDLINK_KEY_FILE', () => {
    expect(fake.createApp).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/nonexistent/medlink-test-data', keyFile: '/nonexistent/medlink-test-keys/clinic.key' }));
    expect(fake.core.startBackground).toHaveBeenCalled();
  });

  it('refuses navigation away from the app page', () => {
    const contents = win(0).webContents;
    const away = ['https://evil.example/', 'file:///etc/passwd', `${indexUrl.replace('index.html', 'other.html')}`, 'medlink://other/index.html', 'javascript:alert(1)', 'not a url'];
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of away) {
        const event = navigation(url);
        contents.emit(kind, event);
        expect(event.preventDefault, `${kind} ${url}`).toHaveBeenCalled();
      }
    }
    const home = navigation(`${indexUrl}?portal=clinic`);
    contents.emit('will-navigate', home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('denies new windows and hands only allow-listed https links to the system browser', async () => {
    const open = win(0).webContents.openHandler;
    if (!open) throw new Error('no window open handler');
    const allowed = ['https://meet.jit.si/room', 'https://meet.google.com/abc-defg-hij', 'https://jitsi.sunrise.example/MedLink-1', 'https://accounts.google.com/o/oauth2/v2/auth?x=1'];
    const refused = [
      'https://evil.example/', 'http://meet.jit.si/x', 'https://user@meet.jit.si/x', 'file:///etc/passwd', 'https://jitsi.sunrise.example.evil.example/',
      'http://127.0.0.1:8080/o/oauth2/v2/auth', 'https://meet.google.com:8443/x',
    ];
    for (const url of [...refused, ...allowed]) expect(open({ url })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.electron.shell.openExternal.mock.calls).toHaveLength(allowed.length));
    expect(fake.electron.shell.openExternal.mock.calls).toEqual(allowed.map((url) => [url]));
  });

  it('prevents webviews', () => {
    const event = { preventDefault: vi.fn() };
    win(0).webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission', () => {
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = fake.session.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0];
    const callback = vi.fn();
    request({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(check({}, 'clipboard-read', 'file://', {})).toBe(false);
  });

  it('sets the strict CSP header, replacing any other', () => {
    const listener = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0];
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toBe(WEB_CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("object-src 'none'");
  });

  it('answers IPC only from the top frame of its own windows showing the app page', async () => {
    expect(fake.electron.ipcMain.handle).toHaveBeenCalledWith('medlink:invoke', expect.any(Function));
    const ours = win(0).webContents;
    const appFrame = { url: `${indexUrl}?portal=patient`, parent: null };
    await expect(invoke(ours, { url: 'https://evil.example/', parent: null }, 'setup.status', {})).rejects.toThrow();
    await expect(invoke(ours, { url: appFrame.url, parent: appFrame }, 'setup.status', {})).rejects.toThrow();
    await expect(invoke(ours, null, 'setup.status', {})).rejects.toThrow();
    await expect(invoke(new FakeContents(), appFrame, 'setup.status', {})).rejects.toThrow();
    expect(fake.dispatch).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Refused an IPC call'));

    await expect(invoke(ours, appFrame, 'auth.session', {}, 'tok-1')).resolves.toEqual({ ok: true, data: 'dispatched' });
    expect(fake.dispatch).toHaveBeenLastCalledWith('auth.session', {}, 'tok-1');
    await invoke(ours, appFrame, 'auth.session', {}, { not: 'a token' });
    expect(fake.dispatch).toHaveBeenLastCalledWith('auth.session', {}, undefined);
  });

  it("gives a window its live feed over IPC, for its own session, until it asks again, navigates or is refused", async () => {
    const ours = win(0).webContents;
    const appFrame = { url: `${indexUrl}?portal=patient`, parent: null };
    fake.send('medlink:watch', ours, { url: 'https://evil.example/', parent: null }, 'tok-1');
    fake.send('medlink:watch', new FakeContents(), appFrame, 'tok-1');
    expect(fake.core.watch).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Refused a live feed'));

    fake.send('medlink:watch', ours, appFrame, 'tok-1');
    await vi.waitFor(() => expect(fake.feeds).toHaveLength(1));
    expect(fake.feeds[0]!.token).toBe('tok-1');
    fake.feeds[0]!.feed.deliver('x.1', { topic: 'appointments', id: 3 });
    expect(ours.send).toHaveBeenLastCalledWith('medlink:live', { topic: 'appointments', id: 3 });

    // A new sign-in in the same window replaces the feed; a navigation (sign-out reloads) ends it; so does unwatch.
    fake.send('medlink:watch', ours, appFrame, 'tok-2');
    await vi.waitFor(() => expect(fake.feeds).toHaveLength(2));
    await vi.waitFor(() => expect(fake.feeds[0]!.stop).toHaveBeenCalled());
    ours.emit('did-navigate');
    await vi.waitFor(() => expect(fake.feeds[1]!.stop).toHaveBeenCalled());
    fake.send('medlink:watch', ours, appFrame, 'tok-3');
    await vi.waitFor(() => expect(fake.feeds).toHaveLength(3));
    fake.send('medlink:unwatch', ours, appFrame);
    await vi.waitFor(() => expect(fake.feeds[2]!.stop).toHaveBeenCalled());
    expect(fake.feeds.map((f) => f.stop.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('stops trusting a window once it is closed', async () => {
    const closing = win(1);
    closing.emit('closed');
    const calls = fake.dispatch.mock.calls.length;
    await expect(invoke(closing.webContents, { url: indexUrl, parent: null }, 'setup.status', {})).rejects.toThrow();
    expect(fake.dispatch.mock.calls.length).toBe(calls);
  });

  it('closes the database before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(fake.core.close).toHaveBeenCalled();
  });
});

describe('Electron main process with the database server down at launch', () => {
  it('opens its windows and answers UNAVAILABLE (no error box, no exit), then serves once the server answers', async () => {
    const second = createFakeElectron();
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const core = { dispatch: vi.fn(async () => ({ ok: true, data: 'from the server' })), deps: {}, startBackground: vi.fn(), close: vi.fn(async () => undefined) };
    let serverUp = false;
    const createApp = vi.fn(async () => {
      if (!serverUp) throw new Error("The clinic's database server cannot be reached.", { cause: refused });
      return core as unknown as MedLinkApp;
    });
    const log = vi.fn();
    const env = { MEDLINK_DATA_DIR: '/nonexistent/medlink-seat', MEDLINK_KEY_FILE: '/nonexistent/medlink-seat.key', MEDLINK_DATABASE_URL: 'postgres://medlink:s3cret-Pass@db.sunrise.example:5432/medlink' };
    await startMainProcess(second.electron as unknown as ElectronMain, { createApp, bundleDir, env, argv: [], log });

    expect(second.windows).toHaveLength(2);
    const clinicWindow = second.win(1).webContents;
    const frame = { url: `${indexUrl}?portal=clinic`, parent: null };
    const answer = await second.invoke(clinicWindow, frame, 'setup.status', {});
    expect(answer).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('db.sunrise.example:5432 cannot be reached (ECONNREFUSED)') } });
    expect(JSON.stringify(answer)).not.toContain('s3cret');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('MedLink keeps trying.'));
    expect(second.app.exit).not.toHaveBeenCalled();
    expect(second.app.quit).not.toHaveBeenCalled();
    expect(core.startBackground).not.toHaveBeenCalled();

    // The server comes back: the window's next check is answered by the clinic, without a restart.
    serverUp = true;
    await vi.waitFor(async () => expect(await second.invoke(clinicWindow, frame, 'setup.status', {})).toEqual({ ok: true, data: 'from the server' }), {
      timeout: 10_000,
      interval: 250,
    });
    expect(createApp).toHaveBeenLastCalledWith(expect.objectContaining({ dataDir: env.MEDLINK_DATA_DIR, databaseUrl: env.MEDLINK_DATABASE_URL }));
    expect(core.startBackground).toHaveBeenCalledTimes(1);

    second.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(second.app.quit).toHaveBeenCalled());
    expect(core.close).toHaveBeenCalled();
  });
});

describe('Electron main process on a kiosk seat (--kiosk)', () => {
  async function kioskSeat() {
    const electron = createFakeElectron();
    const core = { dispatch: vi.fn(async () => ({ ok: true, data: null })), watch: vi.fn(), deps: {}, startBackground: vi.fn(), close: vi.fn(async () => undefined) };
    const createApp = vi.fn(async (_options: AppOptions) => core as unknown as MedLinkApp);
    await startMainProcess(electron.electron as unknown as ElectronMain, { createApp, bundleDir, env: { MEDLINK_DATA_DIR: '/nonexistent/kiosk-seat' }, argv: ['--kiosk'], log: vi.fn() });
    await vi.waitFor(() => expect(createApp).toHaveBeenCalled());
    return { ...electron, kiosk: createApp.mock.calls[0]![0]!.kiosk! };
  }

  it('opens one full-screen kiosk window on the patient page: no frame, no menu, no developer tools, no dialogs', async () => {
    const seat = await kioskSeat();
    expect(seat.windows).toHaveLength(1);
    const kiosk = seat.win(0);
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, webPreferences: { devTools: false, disableDialogs: true, sandbox: true, contextIsolation: true } });
    expect(kiosk.loadURL).toHaveBeenCalledWith(`${indexUrl}?portal=patient`);
    expect(seat.electron.Menu.setApplicationMenu).toHaveBeenLastCalledWith(null);
    expect(kiosk.removeMenu).toHaveBeenCalled();
    expect(seat.kiosk.active).toBe(true);
  });

  it('refuses developer tools, printing, saving, downloads, other windows, links out and closing; takes the focus and full screen back', async () => {
    const seat = await kioskSeat();
    const kiosk = seat.win(0);
    const contents = kiosk.webContents;
    const key = (k: Partial<{ key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }>) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, shift: false, alt: false, key: '', ...k });
      return event.preventDefault.mock.calls.length > 0;
    };
    for (const refused of [{ key: 'F12' }, { key: 'I', control: true, shift: true }, { key: 'p', control: true }, { key: 'p', meta: true }, { key: 's', control: true }, { key: 'o', control: true }, { key: 'r', control: true }, { key: 'w', control: true }, { key: 'n', control: true }, { key: 'F4', alt: true }]) {
      expect(key(refused), JSON.stringify(refused)).toBe(true);
    }
    for (const typed of [{ key: 'a' }, { key: 'K', shift: true }, { key: '7' }, { key: 'Enter' }, { key: 'Backspace' }]) expect(key(typed), JSON.stringify(typed)).toBe(false);

    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
    const download = seat.session.defaultSession.on.mock.calls.find(([name]) => name === 'will-download')![1] as (e: unknown) => void;
    const event = { preventDefault: vi.fn() };
    download(event);
    expect(event.preventDefault).toHaveBeenCalled();
    // Even an allow-listed link goes nowhere: nothing may open beside the kiosk.
    expect(contents.openHandler!({ url: 'https://meet.jit.si/room' })).toEqual({ action: 'deny' });
    expect(seat.electron.shell.openExternal).not.toHaveBeenCalled();

    kiosk.close();
    expect(seat.windows[0]!.listeners.get('closed')).toBeDefined();
    expect(seat.windows).toHaveLength(1);
    kiosk.emit('blur');
    expect(kiosk.focus).toHaveBeenCalled();
    kiosk.emit('leave-full-screen');
    expect(kiosk.setKiosk).toHaveBeenCalledWith(true);
  });

  it('staff leaving kiosk mode closes the kiosk and opens the usual windows, menu and downloads', async () => {
    const seat = await kioskSeat();
    const kiosk = seat.win(0);
    seat.kiosk.leave();
    expect(seat.windows.map((w) => w.loadURL.mock.calls[0])).toEqual([[`${indexUrl}?portal=patient`], [`${indexUrl}?portal=patient`], [`${indexUrl}?portal=clinic`]]);
    expect(kiosk.close).toHaveBeenCalled();
    expect(seat.windows[1]!.options.kiosk).toBeUndefined();
    expect(seat.electron.Menu.setApplicationMenu).toHaveBeenLastCalledWith(expect.arrayContaining([expect.objectContaining({ label: 'File' })]));
    const download = seat.session.defaultSession.on.mock.calls.find(([name]) => name === 'will-download')![1] as (e: unknown) => void;
    const event = { preventDefault: vi.fn() };
    download(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});

describe('menu', () => {
  const roles = (isDev: boolean) => JSON.stringify(menuTemplate({ isDev, isMac: false }));
  it('offers reload and dev tools in development only', () => {
    expect(roles(true)).toContain('"reload"');
    expect(roles(false)).not.toContain('"reload"');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('"quit"');
    expect(roles(false)).toContain('"about"');
  });
});

describe('external link allow-list', () => {
  it('accepts only https on listed hosts', () => {
    expect(isAllowedExternal('https://meet.jit.si/Room1')).toBe(true);
    expect(isAllowedExternal('https://meet.jit.si.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://meet.jit.si:8443/')).toBe(false);
    expect(isAllowedExternal('http://meet.jit.si/')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
    expect(isAllowedExternal('https://example.org/', [])).toBe(false);
    expect(isAllowedExternal('https://us02web.zoom.us/j/1')).toBe(true);
    expect(isAllowedExternal('https://accounts.google.com/o/oauth2/v2/auth')).toBe(true);
    expect(isAllowedExternal('https://accounts.google.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://jitsi.clinic.example/room')).toBe(false);
    expect(isAllowedExternal('https://jitsi.clinic.example/room', ['jitsi.clinic.example'])).toBe(true);
  });
});
