import { readdirSync, readFileSync } from 'node:fs';
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
    expect(clinic.app.deps.audit.readHead()).toEqual({ id: last.id, hash: last.hash });
    await clinic.app.close();
    const file = join(clinic.dataDir, 'audit-head.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: last.id, hash: last.hash });
    expect(readdirSync(clinic.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
