import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { ServerAddress } from '../../../shared/contract/seat';
import { DomainError } from '../context';
import { writeFileAtomic } from '../files/atomic';
import { serverLocation, serverUrl, withCa } from './server-url';

/** In the data folder: the server this seat was connected to at its first run, and that server's CA. */
export const SEAT_FILE = 'seat.json';
export const CA_FILE = 'server-ca.pem';

/** Which database this seat opens; for a server, where its address was set (named in every message about it). */
export type DatabaseChoice =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; url: string; setIn: string }
  | { kind: 'invalid'; problem: string };

const seatFile = z.object({ databaseUrl: z.string().min(1), caFile: z.string().min(1).optional() });

const reason = (e: unknown) => (e as { code?: string } | null)?.code ?? (e instanceof z.ZodError ? 'unexpected content' : (e as Error).message);

function postgres(url: string, setIn: string, caFile?: string): DatabaseChoice {
  if (!serverLocation(url)) {
    return {
      kind: 'invalid',
      problem:
        `The clinic's database address in ${setIn} is not one MedLink understands. Write it as ` +
        'postgres://user:password@host:5432/database (with @, : or / in the password written as %40, %3A, %2F), then start MedLink again.',
    };
  }
  return { kind: 'postgres', url: caFile ? withCa(url, caFile) : url, setIn };
}

/** MEDLINK_DATABASE_URL wins; else the server the first run connected to (seat.json); else the clinic in this computer's SQLite file. */
export function chooseDatabase(dataDir: string, envUrl: string | undefined): DatabaseChoice {
  if (envUrl) return postgres(envUrl, 'MEDLINK_DATABASE_URL');
  const path = join(dataDir, SEAT_FILE);
  if (!existsSync(path)) return { kind: 'sqlite' };
  try {
    const saved = seatFile.parse(JSON.parse(readFileSync(path, 'utf8')));
    const caFile = saved.caFile && (isAbsolute(saved.caFile) ? saved.caFile : join(dataDir, saved.caFile));
    return postgres(saved.databaseUrl, path, caFile);
  } catch (e) {
    return {
      kind: 'invalid',
      problem:
        `${path}, which names the clinic's database server for this computer, cannot be read (${reason(e)}). ` +
        "Move that file out of the data folder, start MedLink and choose \"Connect to the clinic's database server\" again.",
    };
  }
}

/** Remembers the server for this seat: its CA in the data folder, then seat.json naming both (owner-only: the address holds the password). */
export function saveSeatFile(dataDir: string, server: ServerAddress): void {
  const caPath = join(dataDir, CA_FILE);
  try {
    if (server.caCertificate) writeFileAtomic(caPath, `${server.caCertificate}\n`, 0o600);
    const saved: z.infer<typeof seatFile> = { databaseUrl: serverUrl(server), caFile: server.caCertificate ? CA_FILE : undefined };
    writeFileAtomic(join(dataDir, SEAT_FILE), `${JSON.stringify(saved, null, 2)}\n`, 0o600);
  } catch (e) {
    if (server.caCertificate) rmSync(caPath, { force: true });
    throw new DomainError(
      'INTERNAL',
      `MedLink could not keep the server's details in ${dataDir} (${reason(e)}), so this computer still uses its own database. Check that the data folder can be written, then try again.`,
    );
  }
}
