import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Portal } from '../../shared/roles';
import { contentType } from '../web/content-types';
import { CSP } from './security';

// The windows load the renderer from medlink://app/ rather than file://: an origin of its own (every file://
// page shares one, with extra privileges), the CSP on every response, and nothing outside the renderer's folder.

export const APP_SCHEME = 'medlink';
const APP_HOST = 'app';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Scheme and host compared as parts: a URL parser that does not know the scheme as standard gives it no origin. */
const isOurs = (url: URL) => url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;

/** Registered before the app is ready: a standard, secure scheme whose pages may use fetch. */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

export const appPageUrl = (portal: Portal) => `${APP_ORIGIN}/index.html?portal=${portal}`;

/** True when `url` is the renderer's own index page (any query or hash): the only page allowed to load or call IPC. */
export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return isOurs(parsed) && parsed.pathname === '/index.html';
  } catch {
    // Unparseable: not ours. Never throw, or a navigation guard would let it through.
    return false;
  }
}

const notFound = () => new Response('Not found', { status: 404 });

/** Answers medlink://app/<path> with the file under `rendererDir`, or 404 for anything else. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    let path: string;
    try {
      const url = new URL(request.url);
      if (!isOurs(url)) return notFound();
      path = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const file = resolve(root, `.${path}`);
    if (!file.startsWith(root + sep)) return notFound();
    try {
      return new Response(await readFile(file), {
        headers: { 'Content-Type': contentType(file), 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
      });
    } catch {
      return notFound();
    }
  };
}
