import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBin } from './postgres-cluster';

export interface TestCa {
  dir: string;
  /** The CA's certificate: what a client names in sslrootcert. */
  caFile: string;
  /** A server certificate signed by this CA, and its key (mode 0600, owned by the postgres user when run as root). */
  certFile: string;
  keyFile: string;
  remove(): void;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * A certificate authority made for one test run, and a server certificate it signs for `names`
 * (`IP:127.0.0.1`, `DNS:localhost`). Everything lives in a temp folder the postgres user can read.
 */
export function makeTestCa(label: string, names = ['IP:127.0.0.1', 'DNS:localhost']): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'medlink-ca-'));
  openssl(['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${label} Test CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...EC_KEY, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=medlink-db'], dir);
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${names.join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem',
    '-days', '2', '-extfile', 'server.ext'], dir);
  // PostgreSQL refuses a key others can read; as root the server runs as postgres and must own it.
  chmodSync(join(dir, 'server.key'), 0o600);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Why a test of PostgreSQL over TLS cannot run here (it needs the server and openssl), or null when it can. */
export function tlsClusterMissing(): string | null {
  if (!postgresBin()) return 'PostgreSQL is not installed (apt-get install postgresql)';
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'openssl is not installed (apt-get install openssl)';
  }
}
