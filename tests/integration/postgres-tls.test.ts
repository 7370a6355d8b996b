import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { keyFileOf, tempDir } from '../helpers/clinic';
import { startCluster, type Cluster } from '../helpers/postgres-cluster';
import { makeTestCa, tlsClusterMissing, type TestCa } from '../helpers/test-ca';

const skipReason = tlsClusterMissing();
if (skipReason) console.warn(`postgres-tls tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`PostgreSQL over TLS${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let cluster: Cluster;
  let ca: TestCa;
  let otherCa: TestCa;
  const dirs: string[] = [];

  /** The clinic's database address as an administrator would write it. */
  const address = (host: string, caFile: string) =>
    `postgres://postgres@${host}:${cluster.port}/medlink?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`;

  const open = (databaseUrl: string) => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    return createApp({ dataDir, keyFile: keyFileOf(dataDir), databaseUrl, bcryptCost: 4, log: () => undefined });
  };

  beforeAll(async () => {
    ca = makeTestCa('Sunrise Clinic');
    otherCa = makeTestCa('Somebody Else');
    cluster = await startCluster([
      '-c ssl=on', `-c ssl_cert_file=${ca.certFile}`, `-c ssl_key_file=${ca.keyFile}`,
      // A second loopback address the certificate does not name (a host-name mismatch).
      '-c listen_addresses=127.0.0.1,127.0.0.2',
    ]);
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database medlink');
    await admin.end();
  }, 30_000);

  afterAll(() => {
    cluster?.stop();
    ca?.remove();
    otherCa?.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('sslmode=verify-full with the CA that signed the server certificate connects over TLS and migrates', async () => {
    const app = await open(address('127.0.0.1', ca.caFile));
    try {
      const status = await app.dispatch('setup.status', {});
      expect(status).toMatchObject({ ok: true, data: { needsSetup: true } });
      const { rows } = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(app.deps.db);
      expect(rows[0]?.ssl).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('a server certificate from another CA is refused, with a message an administrator can act on', async () => {
    const failure = await open(address('127.0.0.1', otherCa.caFile)).then(
      () => null,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toMatch(/^The clinic's database server's certificate is not trusted \(.+\)\./);
    expect(failure!.message).toMatch(/sslrootcert/);
  });

  it('the right CA, but a host name the certificate does not name, is refused too', async () => {
    const failure = await open(address('127.0.0.2', ca.caFile)).then(
      () => null,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toMatch(/^The clinic's database server's certificate does not name 127\.0\.0\.2/);
  });

  it('a CA file that cannot be read is named in a clear error', async () => {
    const failure = await open(address('127.0.0.1', `${ca.dir}/no-such-ca.pem`)).then(
      () => null,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toMatch(/^The certificate file named in the clinic's database address cannot be read/);
  });
});
