import type * as Electron from 'electron';
import type { AppOptions, MedLinkApp } from '../core/app';
import { kioskSeat } from '../core/kiosk/kiosk-seat';
import { startSeat } from '../core/seat/seat';
import { keyFileFor } from '../core/secrets/seat-key';
import { isAllowedExternal } from './external-links';
import { registerInvoke, registerLive, isTrustedSender } from './ipc';
import { keychainProtection } from './key-protection';
import { menuTemplate } from './menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppPage } from './app-protocol';
import { appPaths } from './paths';
import { hardenContents, hardenSession } from './security';
import { createWindows } from './windows';

export type ElectronMain = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'protocol' | 'safeStorage' | 'session' | 'shell'>;

export interface MainDeps {
  createApp(options: AppOptions): Promise<MedLinkApp>;
  /** Folder of the main bundle (dist/electron). */
  bundleDir: string;
  env: Record<string, string | undefined>;
  /** The command line: --kiosk makes this seat a kiosk for the run. */
  argv: readonly string[];
  log?(message: string): void;
}

/** Wires the application core into Electron: hardening first, then the seat (the core, once its database opens), IPC, menu and the two windows. */
export async function startMainProcess(electron: ElectronMain, deps: MainDeps): Promise<void> {
  const { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, shell } = electron;
  const log = deps.log ?? ((m: string) => console.error(m));
  app.enableSandbox();
  // Two processes on one database and audit chain would only fight; the second one hands over and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Before the app is ready, as Electron requires.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const paths = appPaths(deps.bundleDir, app.isPackaged ? process.resourcesPath : undefined);
  const isDev = !app.isPackaged;
  const dataDir = deps.env.MEDLINK_DATA_DIR || app.getPath('userData');
  // A kiosk's one window, or the portals': swapped when staff leave kiosk mode or the administrator sets it.
  const kiosk = kioskSeat(dataDir, { flag: deps.argv.includes('--kiosk'), onChange: () => showWindows() });
  const isKiosk = () => kiosk.active;
  const windows = createWindows(BrowserWindow, { preload: paths.preload, devTools: isDev, isKiosk });
  const setMenu = () =>
    Menu.setApplicationMenu(isKiosk() ? null : Menu.buildFromTemplate(menuTemplate({ isDev, isMac: process.platform === 'darwin' })));
  function showWindows() {
    setMenu();
    windows.openMissing();
  }

  // Video links may be on the clinic's own Jitsi server, which only the clinic's settings name: asked once the seat runs.
  // A kiosk sends no link out, not even an allowed one: nothing may open beside it.
  let clinicHosts = async (): Promise<string[]> => [];
  const openExternal = async (url: string) => {
    if (!isKiosk() && isAllowedExternal(url, await clinicHosts())) await shell.openExternal(url);
  };
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { isAppPage, openExternal }));
  app.on('second-instance', () => windows.focusAll());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => windows.allowClose());

  await app.whenReady();
  protocol.handle(APP_SCHEME, appProtocolHandler(paths.rendererDir));
  hardenSession(session.defaultSession, { isKiosk });
  app.setAboutPanelOptions({ applicationName: 'MedLink', applicationVersion: app.getVersion() });

  // The seat answers from now on: until the clinic's database opens, every call says what is wrong (the windows
  // show it and retry) while it keeps trying in the background. A server that is down is no reason to quit.
  const seat = startSeat({
    dataDir,
    databaseUrl: deps.env.MEDLINK_DATABASE_URL || undefined,
    createApp: deps.createApp,
    appOptions: {
      nativeBinding: paths.nativeBinding,
      // The clinic key on this computer: in a file outside the data folder, sealed by the operating system's keychain
      // (safeStorage, ready once the app is) where there is one.
      keyFile: keyFileFor(dataDir, deps.env),
      keyProtection: keychainProtection(safeStorage, process.platform, log),
      kiosk,
    },
    log,
  });
  clinicHosts = () => seat.externalHosts();
  const isTrusted = (event: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(event, windows.owns, isAppPage);
  registerInvoke(ipcMain, { dispatch: seat.dispatch, isTrusted, log });
  registerLive(ipcMain, { watch: seat.watch, isTrusted, log });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void seat.close().catch((e: unknown) => log(`Closing the database failed: ${String(e)}`)).finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('activate', () => windows.openMissing());
  showWindows();
}
