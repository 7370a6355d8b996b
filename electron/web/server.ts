import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { Dispatch } from '../core/dispatcher';
import type { Watch } from '../core/live/watch';
import { contentType } from './content-types';
import { eventStream } from './events';

/** The same policy the Electron windows carry. Images may also be data: URLs (doctors' photos, sent inside answers). */
export const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
// A doctor's photo (at most 2 MB) travels as base64 inside the JSON: about 2.7 MB.
const MAX_BODY = 5 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Patient data must never sit in a cache, nor come back with the Back button.
  'Cache-Control': 'no-store',
};

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The names this server answers to: its loopback address and port. A page on another name that resolves here
 * (DNS rebinding: Host and Origin both `evil.example:5180`) is refused on every path.
 */
function ownHosts(req: IncomingMessage): string[] {
  const port = req.socket.localPort;
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Only the page this server sent may call it: a foreign site in the same browser cannot. */
const foreignOrigin = (req: IncomingMessage) => {
  const origin = req.headers.origin;
  return !!origin && !ownHosts(req).some((h) => origin === `http://${h}`);
};
const refuseForeign = (res: ServerResponse) => sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' } });

async function invoke(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch) {
  if (foreignOrigin(req)) return refuseForeign(res);
  const body = await readBody(req);
  if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'The request is too large.' } });
  let message: { channel?: unknown; input?: unknown };
  try {
    message = JSON.parse(body) as typeof message;
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request is not valid JSON.' } });
  }
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
  sendJson(res, 200, await dispatch(message?.channel, message?.input, token));
}

function serveStatic(req: IncomingMessage, res: ServerResponse, root: string) {
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The address is not valid.' } });
  }
  let file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html');
  // Unknown paths get the app itself; it decides what to show.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType(file) });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** What browser mode serves: the calls and the live feeds of this seat. */
export interface WebCore {
  dispatch: Dispatch;
  watch: Watch;
}

export interface WebOptions {
  log?: (message: string) => void;
  /** How often a quiet live feed gets a keep-alive comment (default events.ts KEEP_ALIVE_MS). */
  keepAliveMs?: number;
}

function route(req: IncomingMessage, res: ServerResponse, core: WebCore, root: string, options: WebOptions): Promise<void> | void {
  if (!ownHosts(req).includes(req.headers.host ?? '')) {
    return sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: 'This server answers only to 127.0.0.1 and localhost.' } });
  }
  if (req.url === '/api/invoke') {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST.' } });
    return invoke(req, res, core.dispatch);
  }
  if (req.url === '/api/events') {
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use GET.' } });
    if (foreignOrigin(req)) return refuseForeign(res);
    return eventStream(req, res, {
      watch: core.watch,
      headers: SECURITY_HEADERS,
      keepAliveMs: options.keepAliveMs,
      refuse: (status, code, message) => sendJson(res, status, { ok: false, error: { code, message } }),
    });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Not allowed.' } });
  serveStatic(req, res, root);
}

/** Browser mode: the built screens and the dispatcher over HTTP, on loopback only. */
export function createWebServer(core: WebCore, staticRoot: string, options: WebOptions = {}): Server {
  const root = resolve(staticRoot);
  const log = options.log ?? ((m: string) => console.error(m));
  // No request, however malformed, may end the process: whatever a handler throws is logged and answered.
  const failed = (res: ServerResponse, e: unknown) => {
    log(`browser mode: a request failed: ${e instanceof Error ? e.message : String(e)}`);
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } });
  };
  return createServer((req, res) => {
    try {
      void Promise.resolve(route(req, res, core, root, options)).catch((e: unknown) => failed(res, e));
    } catch (e) {
      failed(res, e);
    }
  });
}
