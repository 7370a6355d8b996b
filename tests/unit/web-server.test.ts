import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../electron/web/server';

// Browser mode as an attacker meets it: raw requests with the Host, Origin and paths a browser or curl can send.

let server: Server;
let port: number;
let root: string;
const logged: string[] = [];
const calls: unknown[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'medlink-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>MedLink</title>');
  server = createWebServer(
    {
      dispatch: async (channel) => {
        calls.push(channel);
        return { ok: true, data: { answered: channel } };
      },
      watch: async () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } }),
    },
    root,
    { log: (m) => logged.push(m) },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

function send(options: { path: string; method?: string; host?: string; origin?: string; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}`, ...(options.origin ? { Origin: options.origin } : {}), 'Content-Type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (host?: string, origin?: string) =>
  send({ path: '/api/invoke', method: 'POST', host, origin, body: JSON.stringify({ channel: 'setup.status', input: {} }) });

describe('browser mode refuses what a page elsewhere could send', () => {
  it.each(['/%', '/%ZZ', '/a%E0', '/%E0%A4%A'])('%s is answered 400 and the server carries on', async (path) => {
    expect((await send({ path })).status).toBe(400);
    const after = await send({ path: '/' });
    expect(after.status).toBe(200);
    expect(after.body).toContain('MedLink');
  });

  it('answers to its loopback address and to localhost, on its own port', async () => {
    expect((await invoke(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await invoke(`localhost:${port}`, `http://localhost:${port}`)).status).toBe(200);
    expect((await send({ path: '/', host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a rebound name (Host and Origin both foreign) on every path with 421, before any call runs', async () => {
    const before = calls.length;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      expect((await invoke(host, `http://${host}`)).status, host).toBe(421);
      expect((await send({ path: '/', host })).status, host).toBe(421);
      expect((await send({ path: '/?portal=clinic', host })).status, host).toBe(421);
    }
    expect(calls.length).toBe(before);
  });

  it('refuses a foreign Origin calling with the right Host', async () => {
    const before = calls.length;
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, 'null']) {
      expect((await invoke(`127.0.0.1:${port}`, origin)).status, origin).toBe(403);
    }
    expect(calls.length).toBe(before);
  });
});
