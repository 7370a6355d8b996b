import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * resources/ sits at the repository root in development and beside the bundle in a packaged app; the bundle
 * (dist/web, dist/electron) and the sources (electron/core) are both two folders below it.
 */
export function resourcePath(name: string): string {
  const override = process.env.MEDLINK_RESOURCES_DIR;
  if (override) return join(override, name);
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const candidate = resolve(here, up, 'resources', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`MedLink resource missing: ${name}`);
}

export type Catalog = Record<string, Record<string, string>>;
const catalogs = new Map<string, Catalog>();

/** The wording of one area (email, pages) in one language, read once: the files do not change while the app runs. */
export function wording(area: 'email' | 'pages', language: string): Catalog {
  const key = `${area}/${language}`;
  let c = catalogs.get(key);
  if (!c) {
    c = JSON.parse(readFileSync(resourcePath(`${key}.json`), 'utf8')) as Catalog;
    catalogs.set(key, c);
  }
  return c;
}
