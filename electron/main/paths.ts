import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  /** dist/renderer/index.html, built by Vite. */
  indexFile: string;
  /** dist/electron/preload.cjs, beside the main bundle. */
  preload: string;
  /** Electron-ABI better-sqlite3-multiple-ciphers build, if one is present (else the package's own lookup). */
  nativeBinding: string | undefined;
}

const NATIVE = ['native', 'electron', 'better_sqlite3_multiple_ciphers.node'];

/** `bundleDir` is the folder holding main.cjs (dist/electron); `resourcesPath` is a packaged app's resources. */
export function appPaths(bundleDir: string, resourcesPath?: string): AppPaths {
  const candidates = [
    ...(resourcesPath ? [resolve(resourcesPath, ...NATIVE)] : []),
    resolve(bundleDir, '..', '..', ...NATIVE),
  ];
  return {
    indexFile: resolve(bundleDir, '..', 'renderer', 'index.html'),
    preload: resolve(bundleDir, 'preload.cjs'),
    nativeBinding: candidates.find((file) => existsSync(file)),
  };
}

/** True when `url` is the renderer's own index page (any query or hash): the only page allowed to load or call IPC. */
export function isAppPage(url: string, indexFile: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    const path = decodeURIComponent(parsed.pathname);
    const own = decodeURIComponent(pathToFileURL(indexFile).pathname);
    // Windows drive letters may differ in case between Chromium and Node.
    return process.platform === 'win32' ? path.toLowerCase() === own.toLowerCase() : path === own;
  } catch {
    // Unparseable or badly escaped: not ours. Never throw, or a navigation guard would let it through.
    return false;
  }
}
