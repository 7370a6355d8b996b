// `npm start`: the Electron app when its binary and an Electron-ABI SQLite build can be had, else browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
// Named for the package it is built from: a build of plain better-sqlite3 left from before could not encrypt.
const nativeFile = join(root, 'native', 'electron', 'better_sqlite3_multiple_ciphers.node');
const logFile = join(tmpdir(), 'medlink-launch.log');
const args = process.argv.slice(2);

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Runs a step with its output in the log file, so the console gets one line, not a stack. */
function quietly(command, commandArgs, options) {
  const fd = openSync(logFile, 'a');
  try {
    return spawnSync(command, commandArgs, { ...options, stdio: ['ignore', fd, fd] }).status === 0;
  } finally {
    closeSync(fd);
  }
}

/** Builds better-sqlite3-multiple-ciphers for Electron in a copy, so node_modules keeps the Node build the tests use. */
function buildNative() {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const source = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  const work = mkdtempSync(join(tmpdir(), 'medlink-sqlite-'));
  try {
    cpSync(source, work, { recursive: true, filter: (src) => src !== join(source, 'build') });
    const local = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const gyp = existsSync(local) ? local : process.env.npm_config_node_gyp;
    if (!gyp) return false;
    const gypArgs = ['rebuild', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', `--devdir=${join(homedir(), '.electron-gyp')}`];
    if (!quietly(process.execPath, [gyp, ...gypArgs], { cwd: work, timeout: 15 * 60_000 })) return false;
    mkdirSync(dirname(nativeFile), { recursive: true });
    copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), nativeFile);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function browserMode(reason) {
  console.log(`${reason}; starting MedLink in browser mode instead (details: ${logFile}).`);
  run(process.execPath, [join(root, 'dist', 'web', 'server.cjs'), ...args], process.env);
}

let binary = electronBinary();
if (!binary) {
  quietly(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, timeout: 60_000 });
  binary = electronBinary();
}
if (!binary) {
  browserMode(`The Electron binary is missing and could not be downloaded${process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : ''}`);
} else if (!existsSync(nativeFile) && !buildNative()) {
  browserMode('SQLite could not be built for Electron (that needs Electron headers from the network)');
} else {
  // Electron would otherwise start as plain Node.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  run(binary, ['.', ...args], env);
}
