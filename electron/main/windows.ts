import type { BrowserWindow, WebContents, WebPreferences } from 'electron';
import { PORTALS, type Portal } from '../../shared/roles';
import { appPageUrl } from './app-protocol';

export function webPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    devTools,
  };
}

export interface WindowOptions {
  preload: string;
  devTools: boolean;
}

const SIZE: Record<Portal, { width: number; height: number }> = {
  patient: { width: 1024, height: 768 },
  clinic: { width: 1280, height: 820 },
};

/** The patient and clinic portals, one window each; knows which web contents are ours. */
export function createWindows(Window: typeof BrowserWindow, options: WindowOptions) {
  const open = new Map<Portal, BrowserWindow>();
  const contents = new Set<WebContents>();

  function openPortal(portal: Portal): BrowserWindow {
    const win = new Window({
      ...SIZE[portal],
      minWidth: 720,
      minHeight: 560,
      title: 'MedLink',
      show: false,
      webPreferences: webPreferences(options.preload, options.devTools),
    });
    const wc = win.webContents;
    open.set(portal, win);
    contents.add(wc);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      open.delete(portal);
      contents.delete(wc);
    });
    void win.loadURL(appPageUrl(portal));
    return win;
  }

  return {
    /** Opens whichever portal windows are not open (at start, and on macOS when the dock icon is clicked). */
    openMissing(): void {
      for (const portal of PORTALS) if (!open.has(portal)) openPortal(portal);
    },
    owns(candidate: WebContents): boolean {
      return contents.has(candidate);
    },
    focusAll(): void {
      for (const win of open.values()) {
        if (win.isMinimized()) win.restore();
        win.focus();
      }
    },
  };
}

export type Windows = ReturnType<typeof createWindows>;
