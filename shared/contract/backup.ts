import { z } from 'zod';
import { channel, none, ok } from './channel';

// Backups of a single-seat clinic: the administrator's folder and daily time, "Back up now", the history, the sets
// a folder holds and restoring one; and, for every staff window, whether the last good backup is too old.

export const BACKUP_REASONS = ['scheduled', 'asked', 'before_migration'] as const;
export const BACKUP_PHASES = ['database', 'files', 'verifying'] as const;
/** What can be wrong with a backup folder or set (electron/core/backup/backup-set.ts BackupProblem); the screens word each one. */
export const BACKUP_PROBLEM_CODES = [
  'no_folder', 'folder_missing', 'not_a_folder', 'folder_readonly', 'folder_full', 'write_failed', 'set_exists', 'server',
  'not_a_set', 'manifest_damaged', 'newer', 'part_missing', 'part_damaged', 'wrong_key', 'database_damaged', 'counts_differ',
] as const;

const problemCode = z.enum(BACKUP_PROBLEM_CODES);

export const backupSettingsInput = z.strictObject({
  /** A folder on this computer (an external drive, a network folder), written as a full path. */
  folder: z
    .string({ error: 'backup_folder_required' })
    .trim()
    .min(1, 'backup_folder_required')
    .max(1000, 'too_long')
    .refine((v) => v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'), 'backup_folder_absolute'),
  /** The time of day (clinic time) of the daily backup. */
  time: z.string({ error: 'time_invalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid'),
});

const backupSetSummary = z.object({
  name: z.string(),
  createdAt: z.string(),
  medlinkVersion: z.string(),
  schemaVersion: z.number(),
  /** Rows of the tables people care about, for "what it holds". */
  counts: z.object({ patients: z.number(), doctors: z.number(), appointments: z.number(), records: z.number(), files: z.number() }),
  bytes: z.number(),
});

export const backupChannels = {
  'backup.status': channel({
    input: none,
    output: z.object({
      /** server: the clinic's database is on PostgreSQL, whose backups are the server's. */
      database: z.enum(['this_computer', 'server']),
      folder: z.string().nullable(),
      time: z.string(),
      running: z.object({ phase: z.enum(BACKUP_PHASES), done: z.number().optional(), total: z.number().optional(), startedAt: z.string() }).nullable(),
      history: z.array(
        z.object({
          id: z.number(),
          startedAt: z.string(),
          reason: z.enum(BACKUP_REASONS),
          folder: z.string(),
          setName: z.string().nullable(),
          bytes: z.number().nullable(),
          problem: problemCode.nullable(),
        }),
      ),
    }),
    roles: ['admin'],
  }),
  'backup.saveSettings': channel({ input: backupSettingsInput, output: ok, roles: ['admin'] }),
  /** Starts a backup in the background; the screen follows it with backup.status. */
  'backup.start': channel({ input: none, output: ok, roles: ['admin'] }),
  /** The sets in the backup folder, newest first, with what each holds (read from its manifest). */
  'backup.sets': channel({
    input: none,
    output: z.object({
      sets: z.array(backupSetSummary),
      unreadable: z.array(z.object({ name: z.string(), problem: problemCode })),
      /** The folder cannot be read (missing, a file, not allowed): no sets are listed. */
      folderProblem: problemCode.nullable(),
    }),
    roles: ['admin'],
  }),
  /** Checks a set through and, if it is whole, restores it: MedLink starts again on the restored clinic. */
  'backup.restore': channel({
    input: z.strictObject({ name: z.string().max(200).regex(/^medlink-backup-[0-9TZ-]+$/, 'invalid') }),
    output: z.object({ keptAside: z.string() }),
    roles: ['admin'],
  }),
  /** For every staff window: the last good backup, when it is more than two days old (or there has been none for two days). */
  'backup.warning': channel({
    input: none,
    output: z.object({ stale: z.boolean(), lastGoodAt: z.string().nullable() }),
    roles: ['admin', 'doctor', 'front_desk'],
  }),
} as const;
