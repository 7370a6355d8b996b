import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Feed } from '../../electron/core/live/bus';
import type { Watch } from '../../electron/core/live/watch';
import { createWebServer } from '../../electron/web/server';

// Browser mode's live feed as a browser (or curl) meets it, with a stand-in for the core's watch: the stream's
// format, its headers, and what it refuses.

let server: Server;
let port: number;
let root: string;
const opened: { token: string | undefined; lastEventId: string | undefined; feed: Feed; stop: ReturnType<typeof vi.fn> }[] = [];

const watch: Watch = async (token, lastEventId, feed) => {
  if (token !== 'good-token') return { ok: false, error: { code: token === 'old-token' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED', message: 'Please sign in.' } };
  // What a resumed feed missed is replayed at once, before the stream has even started.
  if (lastEventId === 'x.1') feed.deliver('x.2', { topic: 'appointments', id: 7 });
  const stop = vi.fn();
  opened.push({ token, lastEventId, feed, stop });
  return { ok: true, data: { stop, lastEventId: 'x.2' } };
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'medlink-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>MedLink</title>');
  server = createWebServer({ dispatch: async () => ({ ok: true, data: null }), watch }, root, { log: () => undefined, keepAliveMs: 50 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  text(): string;
  close(): void;
}

function open(headers: Record<string, string>, method = 'GET'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = request({ host: '127.0.0.1', port, path: '/api/events', method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('error', () => undefined);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => text, close: () => req.destroy() });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}

describe('the live feed in browser mode', () => {
  it('is a text/event-stream for the session in the Authorization header: retry, ids, one data line per event, keep-alive comments', async () => {
    const stream = await open({ Authorization: 'Bearer good-token', Accept: 'text/event-stream' });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    const feed = opened.at(-1)!;
    expect([feed.token, feed.lastEventId]).toEqual(['good-token', undefined]);
    feed.feed.deliver('x.3', { topic: 'doctors', id: 4 });
    // An id cannot end a line early and inject a field of its own.
    feed.feed.deliver('x.4\ndata: {"topic":"forged"}', { topic: 'mail', id: null });
    await vi.waitFor(() => expect(stream.text()).toContain(': keep-alive\n\n'));
    expect(stream.text().split(': keep-alive\n\n')[0]).toBe(
      'retry: 2000\n\nid: x.2\n\n' + 'id: x.3\ndata: {"topic":"doctors","id":4}\n\n' + 'id: x.4data: {"topic":"forged"}\ndata: {"topic":"mail","id":null}\n\n',
    );
    stream.close();
    await vi.waitFor(() => expect(feed.stop).toHaveBeenCalled());
  });

  it('resumes after Last-Event-ID: what was missed comes first, then the resume point', async () => {
    const stream = await open({ Authorization: 'Bearer good-token', 'Last-Event-ID': 'x.1' });
    await vi.waitFor(() => expect(stream.text()).toContain('id: x.2\n\n'));
    expect(opened.at(-1)!.lastEventId).toBe('x.1');
    expect(stream.text()).toMatch(/^retry: 2000\n\nid: x.2\ndata: \{"topic":"appointments","id":7\}\n\nid: x.2\n\n/);
    stream.close();
  });

  it('a session that is over gets 401 and nothing else; another site, or another method, is refused', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer made-up' }, { Authorization: 'Bearer old-token' }, { Authorization: 'good-token' }]) {
      const refused = await open(headers);
      expect(refused.status).toBe(401);
      await vi.waitFor(() => expect(JSON.parse(refused.text())).toMatchObject({ ok: false }));
    }
    const before = opened.length;
    expect((await open({ Authorization: 'Bearer good-token', Origin: 'http://evil.example' })).status).toBe(403);
    expect((await open({ Authorization: 'Bearer good-token' }, 'POST')).status).toBe(405);
    expect((await open({ Authorization: 'Bearer good-token', Host: 'evil.example' })).status).toBe(421);
    expect(opened.length).toBe(before);
  });
});
