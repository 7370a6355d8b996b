import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { Dispatch } from '../core/dispatcher';

/** The same policy the Electron windows carry. Images may also be data: URLs (doctors' photos, sent inside answers). */
export const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
// A doctor's photo (at most 2 MB) travels as base64 inside the JSON: about 2.7 MB.
const MAX_BODY = 5 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker (receipt previews): a module worker is refused unless served as JavaScript.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

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

async function invoke(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch) {
  // Only the page this server sent may call it: a foreign site in the same browser cannot.
  const origin = req.headers.origin;
  if (origin && origin !== `http://${req.headers.host}`) return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' } });
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
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html');
  // Unknown paths get the app itself; it decides what to show.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** Browser mode: the built screens and the dispatcher over HTTP, on loopback only. */
export function createWebServer(dispatch: Dispatch, staticRoot: string): Server {
  const root = resolve(staticRoot);
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/api/invoke') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST.' } });
      invoke(req, res, dispatch).catch(() => sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Not allowed.' } });
    serveStatic(req, res, root);
  });
}
