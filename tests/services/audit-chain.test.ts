import { createHash, createHmac, randomBytes } from 'node:crypto';
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

/** What an attacker with the database (and the head file) but without the audit key can do: re-hash everything. */
async function rewriteChain(clinic: Clinic, hash: (content: string) => string) {
  let prev = 'genesis';
  let last = { id: 0, hash: prev };
  for (const r of await auditRows(clinic.app)) {
    const content = JSON.stringify([r.id, r.at, r.actor_user_id, r.action, r.patient_id, r.detail, prev]);
    last = { id: r.id, hash: hash(content) };
    await db(clinic).updateTable('audit_log').set({ prev_hash: prev, hash: last.hash }).where('id', '=', r.id).execute();
    prev = last.hash;
  }
  clinic.app.deps.audit.writeHead(last);
}

const problems = (result: { problems: { id: number | null; problem: string }[] }) => result.problems;

describe('the audit chain', () => {
  it('is intact after ordinary activity', async () => {
    const { rows, verify } = await busyClinic();
    expect(await verify()).toEqual({ intact: true, rows: rows.length, problems: [] });
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
    expect(await verify()).toMatchObject({ intact: false, rows: rows.length - 2, problems: [{ id: lastId, problem: 'tail_missing' }] });
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
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual(rows.map((r: AuditRow) => ({ id: r.id, problem: 'edited' })));
  });
});
