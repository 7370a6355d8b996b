import type { Session, WebContents, WebPreferences } from 'electron';

/** Every window's renderer: sandboxed, isolated, no Node, no webviews, nothing dropped on it opened. */
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

/** The same policy browser mode sends (electron/web/server.ts); a test keeps the two equal. */
export const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Response headers with our CSP replacing any other (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}

/**
 * CSP on every response (file:// pages rely on the renderer's meta tag too) and no permission, ever. Downloads
 * (the clinic key's file) are saved only while the seat is not a kiosk.
 */
export function hardenSession(session: Session, options: { isKiosk(): boolean }): void {
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => {
    if (options.isKiosk()) event.preventDefault();
  });
}

export interface ContentsPolicy {
  isAppPage(url: string): boolean;
  /** Hands a link to the system browser if it is allowed (allow-listed https); otherwise does nothing. */
  openExternal(url: string): Promise<void>;
}

/** No navigation away from the app, no new windows (allow-listed links go to the system browser), no webviews. */
export function hardenContents(contents: WebContents, policy: ContentsPolicy): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!policy.isAppPage(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  // Frames inside the page too (the app has none; a frame that appears may not wander off either).
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    policy.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
