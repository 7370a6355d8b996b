import { existsSync } from 'node:fs';
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
