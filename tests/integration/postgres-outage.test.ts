import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApp, type MedLinkApp } from '../../electron/core/app';
import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { confirmedSignup, keyFileOf, ok, removeDataDir, tempDir } from '../helpers/clinic';
import { testClock } from '../helpers/clock';
import { patientSignupInput, setupInput } from '../helpers/data';
import { postgresBin, startCluster, type Cluster } from '../helpers/postgres-cluster';

const skipReason = postgresBin() ? null : 'PostgreSQL is not installed (apt-get install postgresql)';
if (skipReason) console.warn(`postgres-outage tests skipped: ${skipReason}`);

/** The pool gives up on a new connection after 5 s (dialects.ts); a refusal must come well before a person gives up. */
const CONNECTION_TIMEOUT_MS = 5_000;
const UNAVAILABLE = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: expect.stringMatching(/database server cannot be reached, so nothing was saved/) },
};

describe.skipIf(skipReason !== null)(`The clinic's PostgreSQL server goes away${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let cluster: Cluster;
  let databases = 0;

  beforeAll(async () => {
    // The shared test settings make commits asynchronous, which an immediate stop would undo; here a
    // commit must be a commit (fsync stays off: the OS itself does not crash).
    cluster = await startCluster(['-c synchronous_commit=on']);
  }, 30_000);

  afterAll(() => cluster?.stop());

  /** A superuser connection of the test's own (to create databases, hold locks, end backends). */
  async function adminClient(database = 'postgres'): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: cluster.url.replace(/\/postgres$/, `/${database}`) });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** A set-up clinic on its own database of the cluster, with one patient signed in. */
  async function clinicWithPatient() {
    const name = `medlink_outage_${++databases}`;
    const admin = await adminClient();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dataDir = tempDir();
    const app: MedLinkApp = await createApp({
      dataDir,
      keyFile: keyFileOf(dataDir),
      clock: testClock(),
      bcryptCost: 4,
      databaseUrl: `postgres://postgres@127.0.0.1:${cluster.port}/${name}`,
      log: () => undefined,
    });
    onTestFinished(async () => {
      await app.close();
      removeDataDir(dataDir);
    });
    const call = <C extends ChannelName>(channel: C, input: Input<C>, token?: string) =>
      app.dispatch(channel, input, token) as Promise<Result<Output<C>>>;
    ok(await call('setup.complete', setupInput()));
    const signup = patientSignupInput();
    const { token } = await confirmedSignup({ app, call }, signup.profile.email, 'patient', () => call('patients.signup', signup));
    const before = ok(await call('patients.me', {}, token));
    const changed = { ...signup.profile, fullName: 'Asha Deshpande', phone: '9822099999' };
    const profileUpdates = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from audit_log where action = 'patient.profile_updated'`.execute(app.deps.db)).rows[0]!.n,
      );
    return { app, name, call, token, before, changed, profileUpdates };
  }

  it('stopped mid-use: a save is refused at once as UNAVAILABLE, nothing is half-saved, and it succeeds once the server is back', async () => {
    const { call, token, before, changed, profileUpdates } = await clinicWithPatient();
    cluster.halt('immediate');
    try {
      const started = Date.now();
      const refused = await call('patients.updateMe', changed, token);
      expect(Date.now() - started).toBeLessThan(CONNECTION_TIMEOUT_MS);
      expect(refused).toEqual(UNAVAILABLE);
      // The start screen's check (and its "Try again" button) gets the same answer, not an exception.
      expect(await call('setup.status', {})).toEqual(UNAVAILABLE);
    } finally {
      cluster.restart();
    }
    // Nothing of the refused save is there; the same call, retried, saves.
    expect(ok(await call('patients.me', {}, token))).toEqual(before);
    expect(await profileUpdates()).toBe(0);
    const after = ok(await call('patients.updateMe', changed, token));
    expect(after).toMatchObject({ fullName: 'Asha Deshpande', phone: '9822099999' });
    expect(ok(await call('patients.me', {}, token))).toEqual(after);
    expect(ok(await call('auth.session', {}, token)).fullName).toBe('Asha Deshpande');
    expect(await profileUpdates()).toBe(1);
  });

  it('a transaction cut off mid-way (its connection terminated after the first writes) leaves nothing half-saved', async () => {
    const { name, call, token, before, changed, profileUpdates } = await clinicWithPatient();
    // updateMe writes the session, patient and user rows, then queues for the audit chain's lock: hold that
    // lock from a second connection, so the call stops mid-way with its first writes done but not committed.
    // Advisory locks belong to one database: the blocker connects to the clinic's.
    const blocker = await adminClient(name);
    try {
      await blocker.query(`select pg_advisory_lock(hashtext('audit_log'))`);
      const pending = call('patients.updateMe', changed, token);
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        const { rows } = await blocker.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = $1 and application_name = 'MedLink' and wait_event_type = 'Lock'`,
          [name],
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
      }
      if (pid === undefined) throw new Error(`the call never reached the audit lock: ${JSON.stringify(await pending)}`);
      // It has written (uncommitted) rows: the patient's record and the user's name.
      const { rows: writes } = await blocker.query<{ relname: string }>(
        `select c.relname from pg_locks l join pg_class c on c.oid = l.relation
         where l.pid = $1 and l.mode = 'RowExclusiveLock' and c.relname in ('patient_info', 'users') order by 1`,
        [pid],
      );
      expect(writes.map((w) => w.relname)).toEqual(['patient_info', 'users']);

      await blocker.query('select pg_terminate_backend($1)', [pid]);
      expect(await pending).toEqual(UNAVAILABLE);
    } finally {
      await blocker.end();
    }
    expect(ok(await call('patients.me', {}, token))).toEqual(before);
    expect(ok(await call('auth.session', {}, token)).fullName).toBe(before.fullName);
    expect(await profileUpdates()).toBe(0);
    // Tried again, the whole change is saved.
    expect(ok(await call('patients.updateMe', changed, token))).toMatchObject({ fullName: 'Asha Deshpande' });
    expect(await profileUpdates()).toBe(1);
  });
});
