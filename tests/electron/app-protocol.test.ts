import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPageUrl, appProtocolHandler, isAppPage } from '../../electron/main/app-protocol';
import { CSP } from '../../electron/main/security';

// The desktop app's windows load the renderer through medlink://app/ (protocol.handle); this is that handler,
// driven with the same Request objects Electron hands it.

let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  const parent = mkdtempSync(join(tmpdir(), 'medlink-protocol-'));
  root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>MedLink</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(parent, 'secret.txt'), 'not for the renderer');
  serve = appProtocolHandler(root);
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('the medlink:// protocol', () => {
  it('serves the renderer with its type, the strict CSP and no caching', async () => {
    const page = await serve(new Request(appPageUrl('patient')));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>MedLink</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await serve(new Request('medlink://app/assets/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'medlink://app/../secret.txt',
    'medlink://app/%2e%2e/secret.txt',
    'medlink://app/assets/%2e%2e/%2e%2e/secret.txt',
    'medlink://other/index.html',
    'medlink://app/missing.js',
    'medlink://app/',
  ])('answers %s with 404 and nothing from outside the renderer', async (url) => {
    const r = await serve(new Request(url));
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('not for the renderer');
  });

  it('answers a badly escaped path with 400', async () => {
    expect((await serve(new Request('medlink://app/%E0%A4%A'))).status).toBe(400);
  });

  it('knows its own page, and nothing else, as the app', () => {
    expect(isAppPage('medlink://app/index.html?portal=clinic')).toBe(true);
    expect(isAppPage('medlink://app/index.html#x')).toBe(true);
    for (const url of ['medlink://app/other.html', 'medlink://evil/index.html', 'file:///index.html', 'https://app/index.html', '%%']) expect(isAppPage(url), url).toBe(false);
  });
});
