import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerAddress } from '../../../shared/contract/seat';
import type { MedLinkApp } from '../app';
import { DomainError } from '../context';
import { describeProblem } from './problems';
import { serverUrl, withCa } from './server-url';

function readable(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the clinic's server as this seat would (TLS, sign-in, migrations), then closes it again. On any problem a
 * DomainError names the field to correct; this computer's data folder is never touched (the CA is tried from a
 * temporary folder).
 */
export async function checkServer(server: ServerAddress, open: (url: string) => Promise<MedLinkApp>): Promise<void> {
  if (server.caCertificate && !readable(server.caCertificate)) {
    throw new DomainError('VALIDATION', 'This is not a certificate MedLink can read. Paste the whole CA certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.', {
      fields: { caCertificate: 'ca_invalid' },
    });
  }
  const caDir = server.caCertificate ? mkdtempSync(join(tmpdir(), 'medlink-ca-')) : null;
  try {
    let url = serverUrl(server);
    if (caDir) {
      const caFile = join(caDir, 'ca.pem');
      writeFileSync(caFile, server.caCertificate!, { mode: 0o600 });
      url = withCa(url, caFile);
    }
    let app: MedLinkApp;
    try {
      app = await open(url);
    } catch (e) {
      const problem = describeProblem(e, url);
      throw new DomainError('VALIDATION', `${problem.message} Nothing was changed on this computer.`, { fields: { [problem.field]: problem.key } });
    }
    await app.close();
  } finally {
    if (caDir) rmSync(caDir, { recursive: true, force: true });
  }
}
