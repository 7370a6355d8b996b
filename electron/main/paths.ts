import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface AppPaths {
  /** dist/renderer, built by Vite: served as medlink://app/ (app-protocol.ts). */
  rendererDir: string;
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
    rendererDir: resolve(bundleDir, '..', 'renderer'),
    preload: resolve(bundleDir, 'preload.cjs'),
    nativeBinding: candidates.find((file) => existsSync(file)),
  };
}
