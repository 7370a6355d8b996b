import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_PASSWORD = 'MedLink-demo-2026';

export interface RunningApp {
  url: string;
  dataDir: string;
}

/**
 * Starts the built browser-mode server on a free port, on `dataDir` (default: a new empty data folder), with `env`
 * added (MEDLINK_DATABASE_URL). Its clinic key goes beside the data folder (keyFileOf), never into the home folder.
 */
export async function startServer(
  args: string[],
  dataDir = mkdtempSync(join(tmpdir(), 'medlink-e2e-')),
  env: Record<string, string> = {},
): Promise<{ app: RunningApp; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/web/server.cjs', ...args], {
    env: { ...process.env, MEDLINK_DATA_DIR: dataDir, MEDLINK_KEY_FILE: keyFileOf(dataDir), MEDLINK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MedLink is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { app: { url, dataDir }, child };
}

function serverFixture(args: string[]) {
  return async ({}, use: (app: RunningApp) => Promise<void>) => {
    const server = await startServer(args);
    await use(server.app);
    await stopServer(server);
  };
}

/** Where a server's clinic key is kept: beside its data folder. */
export const keyFileOf = (dataDir: string) => `${dataDir}.key`;

/** Stops a server from startServer and removes its data folder and key. */
export async function stopServer({ app, child }: { app: RunningApp; child: ChildProcess }) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(app.dataDir, { recursive: true, force: true });
  rmSync(keyFileOf(app.dataDir), { force: true });
}

/** `fresh`: a clinic never set up. `demo`: the documented demo clinic. */
export const test = base.extend<{ fresh: RunningApp; demo: RunningApp }>({
  fresh: serverFixture([]),
  demo: serverFixture(['--demo']),
});
export { expect };

export async function signIn(page: Page, app: RunningApp, portal: 'patient' | 'clinic', email: string, password = DEMO_PASSWORD) {
  await page.goto(`${app.url}/?portal=${portal}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
