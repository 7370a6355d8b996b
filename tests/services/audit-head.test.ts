import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileAuditStore } from '../../electron/core/audit/audit.store';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, signIn } from '../helpers/clinic';
import { auditRows } from '../helpers/db';

// The audit head is written off the caller's path (audit/audit.store.ts): the file must still end at the last row.
describe("the audit log's head file", () => {
  it('holds the last row appended once the app has closed, however quickly rows came', async () => {
    const clinic = await newClinic();
    await Promise.all([1, 2, 3, 4, 5].map(() => signIn(clinic, ADMIN_EMAIL, PASSWORD)).map(async (s) => ok(await s)));
    const last = (await auditRows(clinic.app)).at(-1)!;
    expect(clinic.app.deps.audit.readHead()).toEqual({ head: { id: last.id, hash: last.hash }, sealed: true });
    const key = clinic.app.deps.keyring.auditKey();
    await clinic.app.close();
    const file = join(clinic.dataDir, 'audit-head.json');
    // Sealed with the audit key: whoever edits the file without it breaks the seal.
    const mac = createHmac('sha256', key).update(JSON.stringify(['audit-head', last.id, last.hash])).digest('hex');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: last.id, hash: last.hash, mac });
    expect(fileAuditStore(clinic.dataDir, () => undefined, () => key).readHead()).toEqual({ head: { id: last.id, hash: last.hash }, sealed: true });
    writeFileSync(file, JSON.stringify({ id: last.id - 1, hash: last.hash, mac }));
    expect(fileAuditStore(clinic.dataDir, () => undefined, () => key).readHead()?.sealed).toBe(false);
    expect(readdirSync(clinic.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
