import type { BrowserWindow, BrowserWindowConstructorOptions, Input } from 'electron';
import { webPreferences } from './security';

// The kiosk: one window, full screen, with nothing a passer-by could use to leave it or to take data away. No
// menu, no developer tools, no dialogs, no other windows (windows.ts opens none beside it, security.ts sends no
// link out), no downloads (security.ts), no printing; it takes the focus back when it loses it and goes back to
// full screen when it leaves it. Only staff signing in at the kiosk end it (kiosk.leave), which closes it.

export function kioskWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    title: 'MedLink',
    show: false,
    backgroundColor: '#ffffff',
    // No alert, confirm or prompt can cover the screen; no developer tools, whatever the build.
    webPreferences: { ...webPreferences(preload, false), disableDialogs: true },
  };
}

/** Keys that would open developer tools, print, save, open a file, reload, open or close a window, or quit. */
function isRefusedKey(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12' || key === 'f5' || (input.alt && key === 'f4')) return true;
  const command = input.control || input.meta;
  if (!command) return false;
  if (input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return ['p', 's', 'o', 'r', 'w', 'n', 'q', 't', 'f4'].includes(key);
}

/** `mayClose`: only when the seat is no longer a kiosk, or the app is quitting. */
export function lockKioskWindow(win: BrowserWindow, mayClose: () => boolean): void {
  win.removeMenu();
  win.on('blur', () => {
    if (!win.isDestroyed() && !mayClose()) win.focus();
  });
  win.on('leave-full-screen', () => {
    if (!win.isDestroyed() && !mayClose()) win.setKiosk(true);
  });
  win.on('close', (event) => {
    if (!mayClose()) event.preventDefault();
  });
  const contents = win.webContents;
  contents.on('before-input-event', (event, input) => {
    if (isRefusedKey(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}
