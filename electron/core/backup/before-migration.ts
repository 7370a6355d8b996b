import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { LATEST_VERSION } from '../db/migrations/index';
import { SETTING_FOLDER, takeBackup, type Attempt, type BackupSource } from './backup.service';

/**
 * Before migrations change an existing clinic's database, a backup set of it as it is (when a backup folder is
 * chosen). Its outcome goes into the history once the migrations have made the history's table; a failed backup
 * does not hold the clinic back (the migrations run in one transaction), it is reported like any other.
 */
export async function backupBeforeMigration(db: Kysely<Database>, source: BackupSource, now: Date, log: (m: string) => void): Promise<Attempt | null> {
  let version = 0;
  let folder: string | null = null;
  try {
    version = Number((await db.selectFrom('schema_migrations').select(sql<number>`max(version)`.as('v')).executeTakeFirst())?.v ?? 0);
    folder = (await db.selectFrom('settings').select('value').where('key', '=', SETTING_FOLDER).executeTakeFirst())?.value ?? null;
  } catch {
    // A new database: no tables yet, nothing to keep.
    return null;
  }
  if (version === 0 || version >= LATEST_VERSION || !folder) return null;
  return takeBackup(source, folder, now, 'before_migration', null, log);
}
