import { vi } from 'vitest';

/** A stand-in for the parts of Electron the main process touches, so the real code runs without the binary. */
type Listener = (...args: any[]) => unknown;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

export class FakeContents extends Emitter {
  openHandler: ((details: { url: string }) => unknown) | undefined;
  send = vi.fn();
  closeDevTools = vi.fn();
  isDestroyed = () => false;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
}

export function createFakeElectron(userData = '/nonexistent/userData') {
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => userData),
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    webContents = new FakeContents();
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
    restore = vi.fn();
    focus = vi.fn();
    removeMenu = vi.fn();
    setKiosk = vi.fn();
    /** As Electron does: 'close' may be prevented; otherwise the window goes and says 'closed'. */
    close = vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      this.emit('close', event);
      if (!event.defaultPrevented) this.emit('closed');
    });
    constructor(public options: any) {
      super();
      windows.push(this);
      // As Electron does: every new web contents is announced to the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
  }
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const session = {
    defaultSession: {
      on: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => handlers.set(channel, handler)),
      on: vi.fn((channel: string, listener: Listener) => listeners.set(channel, listener)),
    },
    session,
    shell: { openExternal: vi.fn(async () => undefined) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    // A keychain that seals by reversing the text: enough to see the key never lands in the file as it is.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: vi.fn((plain: string) => Buffer.from([...plain].reverse().join(''))),
      decryptString: vi.fn((sealed: Buffer) => [...sealed.toString()].reverse().join('')),
    },
  };
  /** Calls the invoke handler as a renderer frame would. */
  const invoke = (sender: unknown, frame: unknown, ...args: unknown[]) => {
    const handler = handlers.get('medlink:invoke');
    if (!handler) throw new Error('no invoke handler');
    return handler({ sender, senderFrame: frame }, ...args) as Promise<unknown>;
  };
  /** Sends an IPC message (ipcRenderer.send) as a renderer frame would. */
  const send = (channel: string, sender: unknown, frame: unknown, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no listener for ${channel}`);
    listener({ sender, senderFrame: frame }, ...args);
  };
  const win = (i: number) => {
    const w = windows[i];
    if (!w) throw new Error(`no window ${i}`);
    return w;
  };
  return { electron, app, windows, handlers, session, invoke, send, win };
}
