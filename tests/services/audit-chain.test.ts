import { createHash, createHmac, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileAuditStore } from '../../electron/core/audit/audit.store';
import { verify as verifyAudit } from '../../electron/core/audit/audit.service';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, refused, signIn, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, type AuditRow } from '../helpers/db';

/** A clinic with a few days' worth of audit rows: sign-ups, sign-ins, a failed sign-in. */
async function busyClinic() {
  const clinic = await newClinic();
  await signupPatient(clinic);
  await signupPatient(clinic);
  refused(await signIn(clinic, ADMIN_EMAIL, 'wrong-password-1'));
  const { token } = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
  const rows = await auditRows(clinic.app);
  expect(rows.length).toBeGreaterThanOrEqual(5);
  // Verifying reads only: the chain stays as long as it was.
  const verify = async () => ok(await clinic.call('admin.verifyAudit', {}, token));
  return { clinic, rows, verify };
}

const db = (clinic: Clinic) => clinic.app.deps.db;

/**
 * What an attacker with the database (and the head file) but without the audit key can do: re-hash everything,
 * and write a head file naming the new last row (which they cannot seal).
 */
async function rewriteChain(clinic: Clinic, hash: (content: string) => string) {
  let prev = 'genesis';
  let last = { id: 0, hash: prev };
  for (const r of await auditRows(clinic.app)) {
    const content = JSON.stringify([r.id, r.at, r.actor_user_id, r.action, r.patient_id, r.detail, prev]);
    last = { id: r.id, hash: hash(content) };
    await db(clinic).updateTable('audit_log').set({ prev_hash: prev, hash: last.hash }).where('id', '=', r.id).execute();
    prev = last.hash;
  }
  await clinic.app.deps.audit.flush();
  writeFileSync(join(clinic.dataDir, 'audit-head.json'), JSON.stringify({ ...last, mac: hash(JSON.stringify(['audit-head', last.id, last.hash])) }));
}

/**
 * The same data folder opened again (as after a restart), its head file first set back to row `headId`
 * (sealed with the real key, as this seat would have written it) or left as it is (null).
 */
async function reopenedWithOlderHead(clinic: Clinic, headId: number | null) {
  const key = clinic.app.deps.keyring.auditKey();
  if (headId !== null) {
    const row = (await auditRows(clinic.app)).find((r) => r.id === headId)!;
    const mac = createHmac('sha256', key).update(JSON.stringify(['audit-head', row.id, row.hash])).digest('hex');
    writeFileSync(join(clinic.dataDir, 'audit-head.json'), JSON.stringify({ id: row.id, hash: row.hash, mac }));
  }
  // A new store on the folder reads the file, as a restarted seat does (signing in would move the head on).
  const store = fileAuditStore(clinic.dataDir, () => undefined, () => key);
  return { verify: async () => ({ ok: true as const, data: await verifyAudit(db(clinic), store, key) }) };
}

const problems = (result: { problems: { id: number | null; problem: string }[] }) => result.problems;

describe('the audit chain', () => {
  it('is intact after ordinary activity', async () => {
    const { rows, verify } = await busyClinic();
    expect(await verify()).toEqual({ intact: true, rows: rows.length, anchoredUpTo: rows.at(-1)!.id, unanchored: 0, problems: [] });
  });

  it('stays one chain when many calls append at once (on PostgreSQL, each over its own connection)', async () => {
    const { clinic, verify } = await busyClinic();
    const before = (await auditRows(clinic.app)).length;
    const results = await Promise.all(Array.from({ length: 12 }, () => signIn(clinic, ADMIN_EMAIL, PASSWORD)));
    results.forEach(ok);
    expect(await auditRows(clinic.app)).toHaveLength(before + 12);
    expect(await verify()).toMatchObject({ intact: true, problems: [] });
  });

  it('says how many rows after the head it cannot vouch for, rather than calling them intact', async () => {
    const { clinic, rows } = await busyClinic();
    const lastId = rows.at(-1)!.id;
    // Rows another seat appended (or this seat's head left behind by a crash): the head does not reach them.
    await clinic.app.deps.audit.flush();
    const other = await reopenedWithOlderHead(clinic, lastId - 3);
    expect(ok(await other.verify())).toEqual({ intact: true, rows: rows.length, anchoredUpTo: lastId - 3, unanchored: 3, problems: [] });
  });

  it('shows a head file rewritten without the audit key (a deleted tail hidden behind it)', async () => {
    const { clinic, rows, verify } = await busyClinic();
    const lastId = rows.at(-1)!.id;
    await clinic.app.deps.audit.flush();
    await db(clinic).deleteFrom('audit_log').where('id', '>', lastId - 2).execute();
    const newLast = rows.at(-3)!;
    writeFileSync(join(clinic.dataDir, 'audit-head.json'), JSON.stringify({ id: newLast.id, hash: newLast.hash, mac: createHmac('sha256', randomBytes(32)).update('x').digest('hex') }));
    const other = await reopenedWithOlderHead(clinic, null);
    expect(ok(await other.verify())).toMatchObject({ intact: false, problems: [{ id: null, problem: 'head_unsealed' }] });
    expect(await verify()).toMatchObject({ intact: false });
  });

  it('shows a row edited in the database', async () => {
    const { clinic, verify } = await busyClinic();
    await db(clinic).updateTable('audit_log').set({ detail: '{"email":"someone-else@example.in"}' }).where('id', '=', 3).execute();
    expect(await verify()).toMatchObject({ intact: false, problems: [{ id: 3, problem: 'edited' }] });
  });

  it('shows a row deleted from the middle', async () => {
    const { clinic, verify } = await busyClinic();
    await db(clinic).deleteFrom('audit_log').where('id', '=', 3).execute();
    expect(problems(await verify())).toEqual([{ id: 4, problem: 'missing' }]);
  });

  it('shows rows deleted from the end', async () => {
    const { clinic, rows, verify } = await busyClinic();
    const lastId = rows.at(-1)!.id;
    await db(clinic).deleteFrom('audit_log').where('id', '>', lastId - 2).execute();
    expect(await verify()).toMatchObject({ intact: false, rows: rows.length - 2, anchoredUpTo: null, problems: [{ id: lastId, problem: 'tail_missing' }] });
  });

  it('still shows rows deleted from the end after new activity', async () => {
    const { clinic, rows, verify } = await busyClinic();
    const lastId = rows.at(-1)!.id;
    await db(clinic).deleteFrom('audit_log').where('id', '>', lastId - 2).execute();
    ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual([{ id: lastId + 1, problem: 'missing' }]);
  });

  it.each([
    ['its own HMAC key', (content: string) => createHmac('sha256', randomBytes(32)).update(content).digest('hex')],
    ['plain SHA-256', (content: string) => createHash('sha256').update(content).digest('hex')],
  ])('shows a chain edited and then re-hashed from scratch with %s', async (_, hash) => {
    const { clinic, rows, verify } = await busyClinic();
    await db(clinic).updateTable('audit_log').set({ detail: '{}' }).where('id', '=', 2).execute();
    await rewriteChain(clinic, hash);
    // Every row fails its keyed hash; the running seat still holds the real head, which no row now matches.
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual([...rows.map((r: AuditRow) => ({ id: r.id, problem: 'edited' })), { id: rows.at(-1)!.id, problem: 'head_mismatch' }]);
    // A seat started afresh reads the head file, whose seal is not the audit key's.
    const key = clinic.app.deps.keyring.auditKey();
    const fresh = await verifyAudit(db(clinic), fileAuditStore(clinic.dataDir, () => undefined, () => key), key);
    expect(fresh.problems).toContainEqual({ id: null, problem: 'head_unsealed' });
  });
});
