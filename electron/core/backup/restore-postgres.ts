import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/dialects';
import { migrate } from '../db/migrations/index';
import { copyClinicIntoPostgres, type MoveReport } from '../db/move-to-postgres';
import { databaseKey } from '../secrets/database-key';
import { DATABASE_PART, verifyBackupSet, type Manifest } from './backup-set';

/**
 * A backup set (made on this computer or on a server) restored into an EMPTY PostgreSQL database: the set is
 * checked through first (BackupProblem), then its database, brought up to this MedLink's schema in a working
 * copy (the set itself is only read), is moved in as move-to-postgres moves a clinic, files and all, and
 * verified table by table in one transaction. A database that is not empty is refused (MoveRefusedError
 * TARGET_NOT_EMPTY) and left as it was.
 */
export async function restoreIntoPostgres(o: { setDir: string; clinicKey: Buffer; targetUrl: string; now: Date; nativeBinding?: string; log?: (line: string) => void }): Promise<MoveReport & { manifest: Manifest }> {
  const key = databaseKey(o.clinicKey);
  const manifest = await verifyBackupSet(o.setDir, key, o.nativeBinding);
  const work = mkdtempSync(join(tmpdir(), 'medlink-restore-'));
  try {
    const file = join(work, DATABASE_PART);
    copyFileSync(join(o.setDir, DATABASE_PART), file);
    const copy = openDatabase({ kind: 'sqlite', file, key, nativeBinding: o.nativeBinding });
    try {
      await migrate(copy.kysely, 'sqlite', o.now);
    } finally {
      await copy.kysely.destroy();
    }
    const report = await copyClinicIntoPostgres({ file, clinicKey: o.clinicKey, filesFrom: o.setDir, targetUrl: o.targetUrl, now: o.now, nativeBinding: o.nativeBinding, log: o.log });
    return { ...report, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
