import { extname } from 'node:path';

// The types of the files the renderer's build holds, for browser mode's server and the desktop app's protocol.
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const contentType = (file: string) => TYPES[extname(file)] ?? 'application/octet-stream';
