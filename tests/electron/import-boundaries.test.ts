import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const NODE_BUILTINS = new Set(builtinModules.map((name) => name.split('/')[0]));
const NATIVE = new Set(['better-sqlite3', 'better-sqlite3-multiple-ciphers']);

/** Every module specifier a file names: static, type-only, re-export, dynamic import and require. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(resolve(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => resolve(e.parentPath, e.name));
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const isNode = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s.split('/')[0] ?? s) || NATIVE.has(s);
/** Where a relative import lands, as a repository path ('electron/core/app'), else null. */
const target = (file: string, s: string) => (s.startsWith('.') ? relative(root, resolve(dirname(file), s)).split(sep).join('/') : null);

function violations(folders: string[], forbidden: (spec: string, file: string) => boolean): string[] {
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of sourceFiles(folder)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (forbidden(spec, file)) found.push(`${relative(root, file)} imports '${spec}'`);
      }
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('the detector sees every kind of import', () => {
    const text = `import a from 'fs'; import type { B } from 'electron'; export * from 'node:os';
      const c = require('child_process'); const d = await import('better-sqlite3'); import './side-effect';
      // import e from 'http'`;
    expect(specifiers(text).sort()).toEqual(['./side-effect', 'better-sqlite3', 'child_process', 'electron', 'fs', 'node:os']);
    expect(['fs', 'fs/promises', 'node:path', 'crypto', 'better-sqlite3'].every(isNode)).toBe(true);
    expect(['react', 'zod', 'i18next'].some(isNode)).toBe(false);
  });

  it('the renderer uses neither Electron, Node nor the main process code', () => {
    expect(sourceFiles('renderer').length).toBeGreaterThan(0);
    const bad = violations(['renderer'], (s, file) => isElectron(s) || isNode(s) || /^electron(\/|$)/.test(target(file, s) ?? ''));
    expect(bad).toEqual([]);
  });

  it('the core, browser-mode server and shared code never import Electron', () => {
    expect(violations(['electron/core', 'electron/web', 'shared'], isElectron)).toEqual([]);
  });

  it('shared code runs anywhere: no Node built-ins, nothing outside shared/', () => {
    const outside = (file: string, s: string) => {
      const t = target(file, s);
      return t !== null && !t.startsWith('shared/');
    };
    expect(violations(['shared'], (s, file) => isNode(s) || outside(file, s))).toEqual([]);
  });
});
