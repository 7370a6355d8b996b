// Bundles the Electron main process, the preload and the browser-mode server (after `vite build`).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', metafile: true };
// CJS has no import.meta: code that asks for its own URL gets the bundle's.
const ownUrl = {
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
};

const bundles = [
  { entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3-multiple-ciphers'], ...ownUrl },
  // A sandboxed preload can require 'electron' and nothing else.
  { entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'], only: ['electron'] },
  // Browser mode runs on plain Node: 'electron' must not be reachable from it.
  { entryPoints: ['electron/web/main.ts'], outfile: 'dist/web/server.cjs', external: ['better-sqlite3-multiple-ciphers', 'electron'], forbid: ['electron'], ...ownUrl },
];

const problems = [];
await Promise.all(
  bundles.map(async ({ only, forbid, ...options }) => {
    const { metafile } = await build({ ...common, ...options });
    const required = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    for (const name of required) {
      if ((only && !only.includes(name)) || forbid?.includes(name)) problems.push(`${options.outfile} must not require '${name}'`);
    }
  }),
);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
