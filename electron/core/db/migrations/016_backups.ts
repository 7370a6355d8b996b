import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import { sqlIn } from './001_foundation';
import type { Migration } from './index';

// Backups: every attempt (scheduled, asked for, before a migration), good or not, for the administrator's history
// and the staff windows' warning when the last good one is old.
export const m016Backups: Migration = {
  version: 16,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('backups')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sqlIn('reason', ['scheduled', 'asked', 'before_migration'])))
      .addColumn('folder', 'text', (c) => c.notNull())
      // The set's folder name and its size; null when the attempt failed.
      .addColumn('set_name', 'text')
      .addColumn('bytes', 'integer')
      // Null when the set was written and verified; otherwise what went wrong, in words.
      .addColumn('problem', 'text')
      // What kind of problem (backup-set.ts BACKUP_PROBLEMS), which the screens word in each language.
      .addColumn('problem_code', 'text')
      .addColumn('started_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('backups_started').on('backups').column('started_at').execute();
  },
};
