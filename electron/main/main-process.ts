import type * as Electron from 'electron';
import type { AppOptions, MedLinkApp } from '../core/app';
import { startSeat } from '../core/seat/seat';
import { isAllowedExternal } from './external-links';
import { registerInvoke, isTrustedSender } from './ipc';
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
  const windows = createWindows(BrowserWindow, { preload: paths.preload, devTools: isDev });

  // Video links may be on the clinic's own Jitsi server, which only the clinic's settings name: asked once the seat runs.
  let clinicHosts = async (): Promise<string[]> => [];
  const openExternal = async (url: string) => {
    if (isAllowedExternal(url, await clinicHosts())) await shell.openExternal(url);
  };
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { isAppPage, openExternal }));
  app.on('second-instance', () => windows.focusAll());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  protocol.handle(APP_SCHEME, appProtocolHandler(paths.rendererDir));
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isDev, isMac: process.platform === 'darwin' })));
  app.setAboutPanelOptions({ applicationName: 'MedLink', applicationVersion: app.getVersion() });

  // The seat answers from now on: until the clinic's database opens, every call says what is wrong (the windows
  // show it and retry) while it keeps trying in the background. A server that is down is no reason to quit.
  const seat = startSeat({
    dataDir: deps.env.MEDLINK_DATA_DIR || app.getPath('userData'),
    databaseUrl: deps.env.MEDLINK_DATABASE_URL || undefined,
    createApp: deps.createApp,
    // The clinic key on this computer is sealed by the operating system's keychain (safeStorage, ready once the app is).
    appOptions: { nativeBinding: paths.nativeBinding, keyProtection: keychainProtection(safeStorage, process.platform, log) },
    log,
  });
  clinicHosts = () => seat.externalHosts();
  registerInvoke(ipcMain, { dispatch: seat.dispatch, isTrusted: (event) => isTrustedSender(event, windows.owns, isAppPage), log });
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
  windows.openMissing();
}
