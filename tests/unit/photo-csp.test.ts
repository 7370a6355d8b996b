import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP as ELECTRON_CSP } from '../../electron/main/security';
import { CSP as WEB_CSP } from '../../electron/web/server';

// Doctors' photos reach the screens as data: URLs inside answers. Every policy that covers a window allows
// exactly that for images, and nothing more.

const directives = (csp: string) =>
  new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));

const metaCsp = () => {
  const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
  return /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
};

describe('images in the content security policy', () => {
  it.each([['browser mode', WEB_CSP], ['Electron', ELECTRON_CSP], ['the page itself', metaCsp()]])('%s: img-src is self and data: only', (_, csp) => {
    const d = directives(csp);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    // data: is allowed nowhere else.
    for (const [name, sources] of d) if (name !== 'img-src') expect(sources, name).not.toContain('data:');
  });
});
