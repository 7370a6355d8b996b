import type { BrowserWindow, WebContents } from 'electron';
import { PORTALS, type Portal } from '../../shared/roles';
import { appPageUrl } from './app-protocol';
import { kioskWindowOptions, lockKioskWindow } from './kiosk-window';
import { webPreferences } from './security';

export interface WindowOptions {
  preload: string;
  devTools: boolean;
  /** Whether this seat is a kiosk now: then its one window is the kiosk, else one window per portal. */
  isKiosk(): boolean;
}

const SIZE: Record<Portal, { width: number; height: number }> = {
  patient: { width: 1024, height: 768 },
  clinic: { width: 1280, height: 820 },
};

type Kind = Portal | 'kiosk';

/** The patient and clinic portals, one window each, or the kiosk alone; knows which web contents are ours. */
export function createWindows(Window: typeof BrowserWindow, options: WindowOptions) {
  const open = new Map<Kind, BrowserWindow>();
  const contents = new Set<WebContents>();
  let quitting = false;

  function openWindow(kind: Kind): BrowserWindow {
    const win = new Window(
      kind === 'kiosk'
        ? kioskWindowOptions(options.preload)
        : { ...SIZE[kind], minWidth: 720, minHeight: 560, title: 'MedLink', show: false, webPreferences: webPreferences(options.preload, options.devTools) },
    );
    const wc = win.webContents;
    open.set(kind, win);
    contents.add(wc);
    if (kind === 'kiosk') lockKioskWindow(win, () => quitting || !options.isKiosk());
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (open.get(kind) === win) open.delete(kind);
      contents.delete(wc);
    });
    // The kiosk is the patient portal; the screens ask the seat whether it is a kiosk (kiosk.status).
    void win.loadURL(appPageUrl(kind === 'kiosk' ? 'patient' : kind));
    return win;
  }

  return {
    /**
     * Opens the windows this seat should show and closes the others: at start, on macOS when the dock icon is
     * clicked, and when the seat becomes a kiosk or stops being one (new windows first, so the app never has none).
     */
    openMissing(): void {
      const wanted: readonly Kind[] = options.isKiosk() ? ['kiosk'] : PORTALS;
      for (const kind of wanted) if (!open.has(kind)) openWindow(kind);
      for (const [kind, win] of open) if (!wanted.includes(kind)) win.close();
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
    /** The app is quitting: even the kiosk window may close. */
    allowClose(): void {
      quitting = true;
    },
  };
}

export type Windows = ReturnType<typeof createWindows>;
