import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { createApp } from '../core/app';
import { startMainProcess } from './main-process';

// Electron entry, bundled to dist/electron/main.cjs.
const bundleDir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

// Health data: every file this process writes is its owner's alone, whatever the user's usual umask.
process.umask(0o077);
startMainProcess(electron, { createApp, bundleDir, env: process.env, argv: process.argv }).catch((e: unknown) => {
  console.error(`MedLink could not start: ${e instanceof Error ? e.message : String(e)}`);
  electron.app.exit(1);
});
