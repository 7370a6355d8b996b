import { z } from 'zod';
import { channel, none, ok } from './channel';
import { RECOVERY_CODE_LENGTH } from './clinic-key';
import { groupedCode } from './invitation-code';

// Backups of a clinic (on this computer or on its database server): the administrator's folder and daily time, "Back up now", the history, the sets
// a folder holds and restoring one; and, for every staff window, whether the last good backup is too old.

export const BACKUP_REASONS = ['scheduled', 'asked', 'before_migration'] as const;
export const BACKUP_PHASES = ['database', 'files', 'verifying'] as const;
/** What can be wrong with a backup folder or set (electron/core/backup/backup-set.ts BackupProblem); the screens word each one. */
export const BACKUP_PROBLEM_CODES = [
  'no_folder', 'folder_missing', 'not_a_folder', 'folder_readonly', 'folder_full', 'write_failed', 'set_exists',
  'not_a_set', 'manifest_damaged', 'newer', 'part_missing', 'part_damaged', 'wrong_key', 'database_damaged', 'counts_differ',
] as const;

const problemCode = z.enum(BACKUP_PROBLEM_CODES);

/** A folder on this computer (an external drive, a network folder), written as a full path. */
const folderPath = z
  .string({ error: 'backup_folder_required' })
  .trim()
  .min(1, 'backup_folder_required')
  .max(1000, 'too_long')
  .refine((v) => v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'), 'backup_folder_absolute');

const setName = z.string().max(200).regex(/^medlink-backup-[0-9TZ-]+$/, 'invalid');

export const backupSettingsInput = z.strictObject({
  folder: folderPath,
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
      /** server: the clinic's database is on PostgreSQL (its sets are written from it; they are not restored over it). */
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
    input: z.strictObject({ name: setName }),
    output: z.object({ keptAside: z.string() }),
    roles: ['admin'],
  }),
  /**
   * First run (no clinic set up on this computer, which keeps its own database): the sets at a path this computer
   * can read, a set's own folder or a backup folder holding sets.
   */
  'backup.findSets': channel({
    input: z.strictObject({ path: folderPath }),
    output: z.object({ folder: z.string(), sets: z.array(backupSetSummary), unreadable: z.array(z.object({ name: z.string(), problem: problemCode })) }),
    roles: 'public',
  }),
  /** First run: checks a set through with the clinic's recovery code (this computer holds no key of that clinic) and restores it; MedLink then starts on it. */
  'backup.restoreNew': channel({
    input: z.strictObject({ folder: folderPath, name: setName, recoveryCode: groupedCode(RECOVERY_CODE_LENGTH, 200) }),
    output: ok,
    roles: 'public',
  }),
  /** For every staff window: the last good backup, when it is more than two days old (or there has been none for two days). */
  'backup.warning': channel({
    input: none,
    output: z.object({ stale: z.boolean(), lastGoodAt: z.string().nullable() }),
    roles: ['admin', 'doctor', 'front_desk'],
  }),
} as const;
