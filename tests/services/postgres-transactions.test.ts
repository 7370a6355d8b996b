import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { isTakenKey, lockWithNext, readAhead, readTogether, serializedRead, writeLater } from '../../electron/core/db/dialects';
import { newClinic } from '../helpers/clinic';
import { roundTripsOf } from '../helpers/round-trips';

// How MedLink's PostgreSQL connection spares round trips (db/dialects.ts PreparingClient) without changing what a
// transaction means: BEGIN waits for the first statement that needs it, so a call that only reads sends neither
// BEGIN nor COMMIT; writes put off go with the next statement or the COMMIT; whatever a transaction wrote is still
// undone by its rollback.

class Refused extends Error {}

describe.skipIf(!inject('postgresUrl'))('transactions on PostgreSQL', () => {
  async function clinicDb() {
    const clinic = await newClinic();
    const db = clinic.app.deps.db;
    const setting = async (key: string) => (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
    return { clinic, db, setting };
  }

  it('a transaction that only reads sends its reads alone: no BEGIN, no COMMIT', async () => {
    const { db } = await clinicDb();
    const { result, statements } = await roundTripsOf(() =>
      db.transaction().execute(async (trx) => {
        const a = await trx.selectFrom('settings').select('key').execute();
        const b = await trx.selectFrom('users').select('email').execute();
        return [a.length, b.length];
      }),
    );
    expect(result[0]).toBeGreaterThan(0);
    expect(result[1]).toBeGreaterThan(0);
    expect(statements).toHaveLength(2);
    expect(statements.join('\n')).not.toMatch(/\b(begin|commit)\b/i);
  });

  it('a write after reads begins the transaction, and a failure after it undoes the write', async () => {
    const { db, setting } = await clinicDb();
    const { statements } = await roundTripsOf(() =>
      db
        .transaction()
        .execute(async (trx) => {
          await trx.selectFrom('settings').select('key').execute();
          await trx.insertInto('settings').values({ key: 'test.undone', value: 'x' }).execute();
          // The transaction sees its own write; no other connection does.
          expect((await trx.selectFrom('settings').select('value').where('key', '=', 'test.undone').executeTakeFirst())?.value).toBe('x');
          throw new Refused();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Refused)) throw e;
        }),
    );
    // Prepared (once per connection) and run with its values written in, in the message that begins the transaction.
    expect(statements[1]).toMatch(/^prepare (medlink_sql_\d+) as insert into "settings" \("key", "value"\) values \(\$1, \$2\); begin; execute \1\('test\.undone', 'x'\)$/);
    expect(statements.at(-1)).toBe('rollback');
    expect(await setting('test.undone')).toBeUndefined();
  });

  it('writes put off to the commit go with it in one message, and a rollback drops them', async () => {
    const { db, setting } = await clinicDb();
    const { statements } = await roundTripsOf(() =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('settings').select('key').execute();
        await writeLater(trx, trx.insertInto('settings').values({ key: 'test.later', value: 'kept' }));
      }),
    );
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/^prepare (medlink_sql_\d+) as with w0 as \(insert into "settings".*; begin; execute \1\('test\.later', 'kept'\); commit$/s);
    expect(await setting('test.later')).toBe('kept');

    await db
      .transaction()
      .execute(async (trx) => {
        await writeLater(trx, trx.insertInto('settings').values({ key: 'test.dropped', value: 'x' }));
        throw new Refused();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Refused)) throw e;
      });
    expect(await setting('test.dropped')).toBeUndefined();
  });

  it('a write put off that the server refuses at the commit undoes the transaction, held lock and all, and the connection goes on', async () => {
    const { db, setting } = await clinicDb();
    const refused = await db
      .transaction()
      .execute(async (trx) => {
        await lockWithNext(trx, 'postgres', 'doctor:43');
        await writeLater(trx, trx.insertInto('settings').values({ key: 'test.first', value: 'x' }));
        // Taken by the first: the message fails at this insert, before its COMMIT.
        await writeLater(trx, trx.insertInto('settings').values({ key: 'test.first', value: 'y' }));
      })
      .then(() => null, (e: unknown) => e);
    expect(isTakenKey(refused, 'settings')).toBe(true);
    expect(await setting('test.first')).toBeUndefined();
    // The pool's connections all answer, none left inside the failed transaction, and the lock went with it.
    const answers = await Promise.all(Array.from({ length: 10 }, () => db.transaction().execute(async (trx) => {
      await serializedRead(trx, 'postgres', ['doctor:43'], trx.selectFrom('settings').select('key'));
      await writeLater(trx, trx.insertInto('settings').values({ key: `test.after.${Math.random()}`, value: 'y' }));
      return 'ok';
    })));
    expect(answers).toEqual(Array(10).fill('ok'));
  });

  it('a write put off goes with the next statement, which sees it; one that fails undoes the transaction', async () => {
    const { db, setting } = await clinicDb();
    const { result, statements } = await roundTripsOf(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'test.first', value: '1' }).execute();
        await writeLater(trx, trx.updateTable('settings').set({ value: '2' }).where('key', '=', 'test.first'));
        return (await trx.selectFrom('settings').select('value').where('key', '=', 'test.first').executeTakeFirst())?.value;
      }),
    );
    expect(result).toBe('2');
    expect(statements).toHaveLength(3);
    expect(statements[1]).toMatch(/^prepare (medlink_sql_\d+) as with w0 as \(update "settings".*; prepare (medlink_sql_\d+) as select "value" from "settings".*; execute \1\('2', 'test\.first'\); execute \2\('test\.first'\)$/s);
    expect(statements[2]).toBe('commit');
    expect(await setting('test.first')).toBe('2');

    // A put-off insert that breaks the key fails the statement it went with, and the transaction is undone.
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'test.undone', value: 'x' }).execute();
        await writeLater(trx, trx.insertInto('settings').values({ key: 'test.first', value: 'again' }));
        await trx.selectFrom('settings').select('key').execute();
      })
      .then(() => null, (e: unknown) => (e as { code?: string }).code);
    expect(failed).toBe('23505');
    expect([await setting('test.undone'), await setting('test.first')]).toEqual([undefined, '2']);
  });

  it('a read after locks, with values, goes in one message and holds the locks until the transaction ends', async () => {
    const { clinic, db } = await clinicDb();
    const other = new pg.Client({ connectionString: clinic.databaseUrl });
    await other.connect();
    try {
      /** Whether another connection can take the doctor's lock now (let go at once). */
      const tryLock = async () => {
        const { got } = (await other.query<{ got: boolean }>("select pg_try_advisory_lock(hashtext('doctor:42')) as got")).rows[0]!;
        if (got) await other.query("select pg_advisory_unlock(hashtext('doctor:42'))");
        return got;
      };
      const { statements } = await roundTripsOf(() =>
        db.transaction().execute(async (trx) => {
          const rows = await serializedRead(trx, 'postgres', ['doctor:42', 'audit_log'], trx.selectFrom('settings').select('value').where('key', '=', "it's"));
          expect(rows).toEqual([]);
          expect(await tryLock()).toBe(false);
          await writeLater(trx, trx.insertInto('settings').values({ key: 'test.locked', value: 'y' }));
        }),
      );
      expect(statements[0]).toMatch(/^prepare (medlink_sql_\d+) as select pg_advisory_xact_lock\(hashtext\(\$1\)\), pg_advisory_xact_lock\(hashtext\(\$2\)\); prepare (medlink_sql_\d+) as select "value" .*; begin; execute \1\('doctor:42', 'audit_log'\); execute \2\('it''s'\)$/);
      expect(await tryLock()).toBe(true);
    } finally {
      await other.end();
    }
  });

  it('a long list read with others comes as plain rows in the same message, after the locks, with the values JSON gives', async () => {
    const { db } = await clinicDb();
    const reads = (trx: typeof db) => ({
      settings: trx.selectFrom('settings').select(['key', 'value']).orderBy('key'),
      // What the schema holds: integers (bigint among them), doubles, text and nulls.
      list: trx
        .selectFrom('users')
        .select(['id', 'email', sql<number>`cast(id as bigint) * 1000000000`.as('big'), sql<number>`id + 0.25::float8`.as('real'), sql<null>`null`.as('none')])
        .orderBy('id'),
    });
    const asJson = await db.transaction().execute((trx) => readTogether(trx, 'postgres', reads(trx), ['audit_log']));
    const { result, statements } = await roundTripsOf(() => db.transaction().execute((trx) => readTogether(trx, 'postgres', reads(trx), ['audit_log'], 'list')));
    expect(result.list.length).toBeGreaterThan(0);
    expect(result).toEqual(asJson);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/begin; execute (medlink_sql_\d+)\('audit_log'\); select "id", "email", .* from "users" order by "id"; select \(select coalesce\(json_agg\(agg\), '\[\]'\) from \(select "key", "value" from "settings"/);
    expect(statements[1]).toBe('commit');
  });

  it('a statement sent with others is prepared once per connection, and a failed message leaves no statement unprepared', async () => {
    const { db } = await clinicDb();
    const lockedRead = (trx: typeof db) => serializedRead(trx, 'postgres', ['doctor:7'], trx.selectFrom('settings').select('value').where('key', '=', 'clinic.name'));
    const failing = (write: (trx: typeof db) => Promise<void>) =>
      roundTripsOf(() =>
        db
          .transaction()
          .execute(async (trx) => {
            await write(trx);
            await lockedRead(trx);
          })
          .catch((e: unknown) => (e as { code?: string }).code),
      );
    // A put-off write whose type does not exist: its PREPARE, first in the read's message, fails, and the read's PREPAREs never run.
    const broken = await failing((trx) => writeLater(trx, trx.insertInto('settings').values({ key: sql<string>`cast(${'k'} as no_such_type)`, value: 'v' })));
    expect(broken.result).toBe('42704');
    // The lock goes first in the message, then the write, then the read.
    expect(broken.statements[0]).toMatch(/prepare (medlink_sql_\d+) as with w0 as .*; begin; execute medlink_sql_\d+\('doctor:7'\); execute \1\(/s);
    // The connection (the pool hands back the one just released) asks which statements it holds before its next message, and prepares the read again.
    const healed = await roundTripsOf(() => db.transaction().execute((trx) => lockedRead(trx)));
    expect(healed.result).toEqual([{ value: 'Sunrise Clinic' }]);
    expect(healed.statements[0]).toMatch(/^select name from pg_prepared_statements/);
    expect(healed.statements[1]).toMatch(/^prepare (medlink_sql_\d+) as select "value" .*; begin; execute medlink_sql_\d+\('doctor:7'\); execute \1\('clinic\.name'\)$/s);
    // A put-off write that breaks a key fails its message after the PREPAREs ran: once asked, they are only executed.
    const duplicate = await failing((trx) => writeLater(trx, trx.insertInto('settings').values({ key: 'clinic.name', value: 'twice' })));
    expect(duplicate.result).toBe('23505');
    const again = await roundTripsOf(() => db.transaction().execute((trx) => lockedRead(trx)));
    expect(again.result).toEqual([{ value: 'Sunrise Clinic' }]);
    expect(again.statements.slice(1)).toEqual([expect.stringMatching(/^begin; execute medlink_sql_\d+\('doctor:7'\); execute medlink_sql_\d+\('clinic\.name'\)$/), 'commit']);
  });

  it('a read ahead goes first in the next statement\'s message and sees nothing of the call; asked for first, it goes alone and keeps its write', async () => {
    const { db, setting } = await clinicDb();
    const { result, statements } = await roundTripsOf(() =>
      db.transaction().execute(async (trx) => {
        const rows = await readAhead(trx, 'postgres', (qc) => qc.selectFrom('settings').select('value').where('key', '=', 'test.seen'), trx.insertInto('settings').values({ key: 'test.ahead', value: 'a' }));
        expect(rows.arrived).toBe(false);
        await trx.insertInto('settings').values({ key: 'test.seen', value: 'written by the call' }).execute();
        return rows.rows();
      }),
    );
    expect(result).toEqual([]);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^prepare (medlink_sql_\d+) as with "written" as \(insert into "settings".*; prepare (medlink_sql_\d+) as insert into "settings".*; execute \1\(.*\); begin; execute \2\('test\.seen', 'written by the call'\)$/s);
    expect([await setting('test.ahead'), await setting('test.seen')]).toEqual(['a', 'written by the call']);

    await db
      .transaction()
      .execute(async (trx) => {
        const rows = await readAhead(trx, 'postgres', (qc) => qc.selectFrom('users').select('email'), trx.insertInto('settings').values({ key: 'test.alone', value: 'z' }));
        expect((await rows.rows()).length).toBeGreaterThan(0);
        await trx.insertInto('settings').values({ key: 'test.undone', value: 'x' }).execute();
        throw new Refused();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Refused)) throw e;
      });
    expect([await setting('test.alone'), await setting('test.undone')]).toEqual(['z', undefined]);
  });
});
