import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApp, type AppOptions } from '../../electron/core/app';
import { startSeat, type Seat } from '../../electron/core/seat/seat';
import type { ChannelName, Input, Output, ServerAddress } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { keyFileOf, ok, refused, removeDataDir, tempDir } from '../helpers/clinic';
import { setupInput } from '../helpers/data';
import { freePort } from '../helpers/free-port';
import { startCluster, type Cluster } from '../helpers/postgres-cluster';
import { makeTestCa, tlsClusterMissing, type TestCa } from '../helpers/test-ca';

const skipReason = tlsClusterMissing();
if (skipReason) console.warn(`seat tests skipped: ${skipReason}`);

const APP_USER = 'medlink_app';
const APP_PASSWORD = 'Sunrise-db-2026';

describe.skipIf(skipReason !== null)(`A seat and the clinic's database server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let cluster: Cluster;
  let ca: TestCa;
  let otherCa: TestCa;
  let databases = 0;

  beforeAll(async () => {
    ca = makeTestCa('Sunrise Clinic');
    otherCa = makeTestCa('Somebody Else');
    // The test's superuser gets in without a password; the clinic's own account must give its password.
    const hba = join(ca.dir, 'pg_hba.conf');
    writeFileSync(hba, 'local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n', { mode: 0o644 });
    cluster = await startCluster(['-c ssl=on', `-c ssl_cert_file=${ca.certFile}`, `-c ssl_key_file=${ca.keyFile}`, `-c hba_file=${hba}`]);
    await admin(`create role ${APP_USER} login password '${APP_PASSWORD}'`);
  }, 30_000);

  afterAll(() => {
    cluster?.stop();
    ca?.remove();
    otherCa?.remove();
  });

  async function admin(query: string) {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return await client.query(query);
    } finally {
      await client.end();
    }
  }

  /** An empty database the clinic's account owns, as a server's administrator would hand it over. */
  async function clinicDatabase(): Promise<string> {
    const name = `medlink_seat_${++databases}`;
    await admin(`create database ${name} owner ${APP_USER}`);
    return name;
  }

  const address = (database: string, overrides: Partial<ServerAddress> = {}): ServerAddress => ({
    host: '127.0.0.1', port: cluster.port, database, user: APP_USER, password: APP_PASSWORD, ...overrides,
  });
  const urlOf = (database: string, password = APP_PASSWORD) => `postgres://${APP_USER}:${password}@127.0.0.1:${cluster.port}/${database}`;

  /** A seat on a data folder of its own (or the one given), closed and removed when the test ends. */
  function seat(options: { dataDir?: string; databaseUrl?: string } = {}) {
    const dataDir = options.dataDir ?? tempDir();
    const logged: string[] = [];
    const opened: AppOptions[] = [];
    const s: Seat = startSeat({
      dataDir,
      databaseUrl: options.databaseUrl,
      createApp: (o) => {
        opened.push(o);
        return createApp(o);
      },
      appOptions: { bcryptCost: 4, keyFile: keyFileOf(dataDir) },
      log: (m) => logged.push(m),
    });
    onTestFinished(async () => {
      await s.close();
      if (!options.dataDir) removeDataDir(dataDir);
    });
    const call = <C extends ChannelName>(channel: C, input: Input<C>, token?: string) => s.dispatch(channel, input, token) as Promise<Result<Output<C>>>;
    return { seat: s, dataDir, logged, opened, call };
  }

  const files = (dir: string) => readdirSync(dir).sort();

  it('started while the server is down: answers UNAVAILABLE naming the server, then serves once it is back, without a restart', async () => {
    const database = await clinicDatabase();
    cluster.halt('fast');
    let a: ReturnType<typeof seat>;
    try {
      a = seat({ databaseUrl: urlOf(database) });
      const answer = refused(await a.call('setup.status', {}));
      expect(answer.code).toBe('UNAVAILABLE');
      expect(answer.message).toMatch(new RegExp(`^The clinic's database server at 127\\.0\\.0\\.1:${cluster.port} cannot be reached \\(ECONNREFUSED\\)\\. Check that the server is switched on`));
      expect(answer.message).toMatch(/MedLink keeps trying\.$/);
      expect(answer.message).not.toContain(APP_PASSWORD);
      // Every channel answers the same, whatever it is.
      expect(refused(await a.call('auth.login', { email: 'a@example.in', password: 'whatever-it-is', portal: 'clinic' })).code).toBe('UNAVAILABLE');
      expect(a.logged.filter((m) => m.includes('cannot be reached'))).toHaveLength(1);
    } finally {
      cluster.restart();
    }
    // Nobody asks: the seat's own retries find the server.
    await a.seat.whenReady();
    expect(ok(await a.call('setup.status', {}))).toMatchObject({ needsSetup: true });
    expect(a.logged.at(-1)).toBe(`The clinic's database server at 127.0.0.1:${cluster.port} answers again.`);
  });

  it('a password the server refuses is reported with what to fix, and not retried', async () => {
    const a = seat({ databaseUrl: urlOf(await clinicDatabase(), 'not-the-password') });
    await expect(a.seat.whenReady()).rejects.toThrow(/refused the user name or password/);
    const answer = refused(await a.call('setup.status', {}));
    expect(answer).toEqual({
      code: 'UNAVAILABLE',
      message: `The clinic's database server at 127.0.0.1:${cluster.port} refused the user name or password. Once that is put right, start MedLink again (this computer's database address is set in MEDLINK_DATABASE_URL).`,
    });
    await new Promise((r) => setTimeout(r, 1_500));
    refused(await a.call('setup.status', {}));
    expect(a.opened).toHaveLength(1);
  });

  it('a certificate its CA did not sign, or a database from a newer MedLink, says what to put right', async () => {
    const untrusted = seat({ databaseUrl: `${urlOf(await clinicDatabase())}?sslmode=verify-full&sslrootcert=${encodeURIComponent(otherCa.caFile)}` });
    await expect(untrusted.seat.whenReady()).rejects.toThrow(/^The clinic's database server's certificate is not trusted \(.+\)\. Check that sslrootcert/);
    expect(refused(await untrusted.call('setup.status', {})).message).toMatch(/start MedLink again \(this computer's database address is set in MEDLINK_DATABASE_URL\)\.$/);

    const database = await clinicDatabase();
    const first = seat({ databaseUrl: urlOf(database) });
    await first.seat.whenReady();
    await first.seat.close();
    // Another seat has moved the clinic's database on to a MedLink this one does not know.
    const client = new pg.Client({ connectionString: cluster.url.replace(/\/postgres$/, `/${database}`) });
    await client.connect();
    await client.query(`insert into schema_migrations (version, applied_at) values (999, '2030-01-01T00:00:00.000Z')`);
    await client.end();
    const newer = seat({ databaseUrl: urlOf(database) });
    await expect(newer.seat.whenReady()).rejects.toThrow(`The clinic's database at 127.0.0.1:${cluster.port} was written by a newer MedLink.`);
    expect(newer.opened).toHaveLength(1);
  });

  it('an address that is no database address is refused before anything is opened', async () => {
    const a = seat({ databaseUrl: 'mysql://medlink@db.example/medlink' });
    expect(refused(await a.call('setup.status', {})).message).toMatch(/^The clinic's database address in MEDLINK_DATABASE_URL is not one MedLink understands/);
    expect(a.opened).toHaveLength(0);
  });

  it('closes in every state: while opening and while waiting to retry', async () => {
    const port = await freePort();
    const opening = seat({ databaseUrl: `postgres://${APP_USER}@127.0.0.1:${port}/medlink` });
    await opening.seat.close();
    const waiting = seat({ databaseUrl: `postgres://${APP_USER}@127.0.0.1:${port}/medlink` });
    refused(await waiting.call('setup.status', {}));
    await waiting.seat.close();
    const tries = opening.opened.length + waiting.opened.length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(opening.opened.length + waiting.opened.length).toBe(tries);
    expect(refused(await waiting.call('setup.status', {}))).toEqual({ code: 'UNAVAILABLE', message: 'MedLink is closing.' });
  });

  describe('first run: connect to the clinic\'s database server', () => {
    it('a wrong password, an address where nothing answers or a CA that did not sign the server change nothing', async () => {
      const a = seat();
      await a.seat.whenReady();
      expect(ok(await a.call('seat.status', {}))).toEqual({ database: 'this_computer', canConnect: true });
      const before = files(a.dataDir);
      const database = await clinicDatabase();

      const wrongPassword = refused(await a.call('seat.connect', address(database, { password: 'not-the-password' })));
      expect(wrongPassword).toEqual({
        code: 'VALIDATION',
        message: `The clinic's database server at 127.0.0.1:${cluster.port} refused the user name or password. Nothing was changed on this computer.`,
        fields: { password: 'server_password_wrong' },
      });

      const port = await freePort();
      const nobody = refused(await a.call('seat.connect', address(database, { port })));
      expect(nobody.fields).toEqual({ host: 'server_unreachable' });
      expect(nobody.message).toMatch(new RegExp(`^The clinic's database server at 127\\.0\\.0\\.1:${port} cannot be reached \\(ECONNREFUSED\\)`));

      const untrusted = refused(await a.call('seat.connect', address(database, { caCertificate: readFileSync(otherCa.caFile, 'utf8') })));
      expect(untrusted.fields).toEqual({ caCertificate: 'server_tls_refused' });
      expect(untrusted.message).toMatch(/^The clinic's database server's certificate is not trusted/);

      const notACertificate = refused(await a.call('seat.connect', address(database, { caCertificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })));
      expect(notACertificate.fields).toEqual({ caCertificate: 'ca_invalid' });

      expect(files(a.dataDir)).toEqual(before);
      expect(existsSync(join(a.dataDir, 'seat.json'))).toBe(false);
      expect(ok(await a.call('seat.status', {}))).toEqual({ database: 'this_computer', canConnect: true });
      expect(ok(await a.call('setup.status', {}))).toMatchObject({ needsSetup: true });
      // The server's database was never migrated by a refused attempt.
      expect((await admin(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = '${APP_USER}'`)).rows[0].n).toBe(0);
    });

    it('with the right details and the CA (verify-full) it switches at once, and the next start reads seat.json', async () => {
      const a = seat();
      await a.seat.whenReady();
      const database = await clinicDatabase();
      ok(await a.call('seat.connect', address(database, { caCertificate: readFileSync(ca.caFile, 'utf8') })));

      const saved = JSON.parse(readFileSync(join(a.dataDir, 'seat.json'), 'utf8')) as { databaseUrl: string; caFile: string };
      expect(saved).toEqual({ databaseUrl: urlOf(database), caFile: 'server-ca.pem' });
      expect(statSync(join(a.dataDir, 'seat.json')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(a.dataDir, 'server-ca.pem'), 'utf8')).toBe(readFileSync(ca.caFile, 'utf8').trim() + '\n');

      // The same seat now answers from the server, over TLS.
      expect(ok(await a.call('seat.status', {}))).toEqual({ database: 'server', canConnect: false });
      ok(await a.call('setup.complete', setupInput()));
      const ssl = await admin(`select bool_and(s.ssl) as all_ssl, count(*)::int as n from pg_stat_ssl s join pg_stat_activity a using (pid) where a.datname = '${database}'`);
      expect(ssl.rows[0]).toEqual({ all_ssl: true, n: expect.any(Number) });
      expect(ssl.rows[0].n).toBeGreaterThan(0);
      // Pointing a working seat elsewhere is refused.
      expect(refused(await a.call('seat.connect', address(database))).code).toBe('CONFLICT');
      await a.seat.close();

      // A second start on this data folder, with no MEDLINK_DATABASE_URL, opens the server named in seat.json.
      const b = seat({ dataDir: a.dataDir });
      await b.seat.whenReady();
      expect(b.opened[0]?.databaseUrl).toMatch(/sslmode=verify-full&sslrootcert=.*server-ca\.pem$/);
      expect(ok(await b.call('setup.status', {}))).toMatchObject({ needsSetup: false, clinicName: setupInput().clinic.name });
      expect(ok(await b.call('seat.status', {}))).toEqual({ database: 'server', canConnect: false });
    });

    it('is refused on a seat whose own clinic is set up, and on a seat MEDLINK_DATABASE_URL points at a server', async () => {
      const local = seat();
      ok(await local.call('setup.complete', setupInput()));
      const database = await clinicDatabase();
      const before = files(local.dataDir);
      expect(ok(await local.call('seat.status', {}))).toEqual({ database: 'this_computer', canConnect: false });
      expect(refused(await local.call('seat.connect', address(database)))).toEqual({
        code: 'SETUP_DONE',
        message: 'This computer already keeps a clinic of its own, so it cannot be connected to a database server; nothing was changed.',
      });
      expect(files(local.dataDir)).toEqual(before);

      const server = seat({ databaseUrl: urlOf(database) });
      expect(refused(await server.call('seat.connect', address(await clinicDatabase()))).code).toBe('CONFLICT');
      expect(existsSync(join(server.dataDir, 'seat.json'))).toBe(false);
    });
  });
});
