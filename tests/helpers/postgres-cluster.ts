import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** Debian's PostgreSQL binaries (not on PATH), newest version first; null when the server is not installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(join(root, v, 'bin', 'initdb')));
  return version ? join(root, version, 'bin') : null;
}

export interface Cluster {
  /** Superuser URL of the maintenance database. */
  url: string;
  dataDir: string;
  port: number;
  /** Stops the server (and removes its data). */
  stop(): void;
  /** Takes the server down, keeping its data (an outage); `restart` brings it back on the same port. */
  halt(mode?: 'immediate' | 'fast'): void;
  restart(): void;
}

/**
 * A throwaway cluster on 127.0.0.1 and a free port, durable settings off (tests only). initdb refuses to
 * run as root, so as root it runs as the postgres user.
 */
export async function startCluster(extraConfig: string[] = []): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, cmd), asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe' });
  const dataDir = mkdtempSync(join(tmpdir(), 'medlink-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dataDir]);
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = [
    '-c listen_addresses=127.0.0.1', `-p ${port}`, `-c unix_socket_directories=${dataDir}`,
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200', ...extraConfig,
  ].join(' ');
  const start = () => run('pg_ctl', ['-D', dataDir, '-w', '-l', join(dataDir, 'server.log'), '-o', options, 'start']);
  start();
  let running = true;
  const halt = (mode: 'immediate' | 'fast' = 'immediate') => {
    if (running) run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    running = false;
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    port,
    halt,
    restart() {
      if (!running) start();
      running = true;
    },
    stop() {
      try {
        halt();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
