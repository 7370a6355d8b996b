import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { addDays, zonedInstant, zonedParts } from '../../../shared/clinic-time';
import { record } from '../audit/audit.service';
import { readClinicSettings } from '../clinic/clinic.service';
import { readSettings } from '../clinic/settings.repo';
import { inTransaction, type Deps } from '../context';
import { BackupProblem, listSetNames, type BackupProblemCode, type BackupSource, readManifest, writeBackupSet, type Progress } from './backup-set';
import * as repo from './backups.repo';
import { setsToKeep } from './retention';

export type { BackupSource };

export type BackupReason = 'scheduled' | 'asked' | 'before_migration';

/** The time of day a daily backup is taken when the administrator has chosen none (the clinic's time zone). */
export const DEFAULT_BACKUP_TIME = '18:00';
/** After a failed attempt the next one comes this much later, not a day later. */
export const RETRY_AFTER_MS = 15 * 60_000;
/** How often the seat looks whether a backup is due. */
const CHECK_EVERY_MS = 60_000;
/** Staff windows warn when the last good backup is older than this. */
export const STALE_AFTER_MS = 2 * 24 * 3_600_000;

export const SETTING_FOLDER = 'backup.folder';
export const SETTING_TIME = 'backup.time';

export async function backupSettings(db: Deps['db']): Promise<{ folder: string | null; time: string }> {
  const s = await readSettings(db);
  return { folder: s.get(SETTING_FOLDER) ?? null, time: s.get(SETTING_TIME) ?? DEFAULT_BACKUP_TIME };
}

/**
 * True when a daily backup is due at `now`: no good backup since the latest daily time that has passed (in the
 * clinic's zone), and no failed attempt in the last RETRY_AFTER_MS. Pure.
 */
export function backupDue(now: Date, time: string, timeZone: string, lastGood: Date | null, lastFailure: Date | null): boolean {
  const today = zonedParts(now, timeZone).date;
  const todays = zonedInstant(today, time, timeZone);
  const scheduled = todays && todays <= now ? todays : zonedInstant(addDays(today, -1), time, timeZone);
  if (scheduled && lastGood && lastGood >= scheduled) return false;
  return !(lastFailure && now.getTime() - lastFailure.getTime() < RETRY_AFTER_MS);
}

/** One backup attempt, written or refused, before it is in the history. */
export interface Attempt {
  reason: BackupReason;
  startedAt: Date;
  folder: string | null;
  actorId: number | null;
  outcome: { ok: true; path: string; bytes: number } | { ok: false; problem: string; code: BackupProblemCode };
}

/** Writes a set of `source` into `folder`; whatever goes wrong comes back as the attempt's problem, in words. */
export async function takeBackup(
  source: BackupSource | null, folder: string | null, now: Date, reason: BackupReason, actorId: number | null, log: (m: string) => void, onProgress?: (p: Progress) => void,
): Promise<Attempt> {
  const attempt = { reason, startedAt: now, folder, actorId };
  try {
    if (!source) throw new Error('this database is not encrypted (a benchmark), so it is not backed up');
    if (!folder) throw new BackupProblem('no_folder', 'No backup folder has been chosen. Choose one on the Backups screen.');
    const set = await writeBackupSet({ source, folder, now, onProgress });
    return { ...attempt, outcome: { ok: true, path: set.path, bytes: set.bytes } };
  } catch (e) {
    if (!(e instanceof BackupProblem)) log(`backup: ${String(e)}`);
    const problem = e instanceof BackupProblem ? e : new BackupProblem('write_failed', `The backup failed (${(e as Error).message}).`);
    return { ...attempt, outcome: { ok: false, problem: problem.message, code: problem.code } };
  }
}

export interface Backups {
  /** The clinic's live data; null only for a benchmark's unencrypted database. */
  readonly source: BackupSource | null;
  /** Writes a set now (one at a time: a second call waits for the first); resolves with its outcome. */
  run(reason: BackupReason, actorId: number | null): Promise<Attempt['outcome']>;
  /** Puts an attempt in the history and the audit log and, when it was good, removes the sets retention lets go. */
  recordAttempt(attempt: Attempt): Promise<void>;
  /** The set being written, if one is. */
  progress(): (Progress & { startedAt: string }) | null;
  /** The seat's daily timer (a look every minute), and its end. */
  start(): void;
  stop(): Promise<void>;
  /** Looks once whether a backup is due and takes it (what the timer does each minute). */
  runIfDue(): Promise<void>;
}

/**
 * A clinic's backups, taken by this seat. On a database server every running seat has the daily timer; the
 * history is the server's, so a seat finds a set another seat took and takes none.
 */
export function createBackups(getDeps: () => Deps, source: BackupSource | null): Backups {
  let running: (Progress & { startedAt: string }) | null = null;
  let current: Promise<unknown> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function attempt(reason: BackupReason, actorId: number | null) {
    const deps = getDeps();
    const now = deps.clock.now();
    // Before the first await: a screen that asked sees the backup under way at once.
    running = { phase: 'database', startedAt: now.toISOString() };
    const { folder } = await backupSettings(deps.db).catch((e: unknown) => {
      running = null;
      throw e;
    });
    let done: Attempt;
    try {
      done = await takeBackup(source, folder, now, reason, actorId, deps.log, (p) => (running = { ...p, startedAt: now.toISOString() }));
    } finally {
      running = null;
    }
    await backups.recordAttempt(done);
    return done.outcome;
  }

  /** Keeps 7 daily, 4 weekly and 12 monthly sets (retention.ts); a set whose manifest cannot be read is left alone. */
  async function prune(folder: string) {
    const deps = getDeps();
    try {
      const zone = (await readClinicSettings(deps.db))?.timeZone ?? 'Asia/Kolkata';
      const sets = listSetNames(folder).flatMap((name) => {
        try {
          return [{ name, at: new Date(readManifest(join(folder, name)).createdAt) }];
        } catch {
          return [];
        }
      });
      const keep = setsToKeep(sets.map((s) => s.at), zone);
      for (const s of sets) if (!keep.has(s.at.getTime())) rmSync(join(folder, s.name), { recursive: true, force: true });
    } catch (e) {
      deps.log(`backup: removing old sets from ${folder} failed: ${String(e)}`);
    }
  }

  const backups: Backups = {
    source,
    async run(reason, actorId) {
      while (current) await current.catch(() => undefined);
      const p = attempt(reason, actorId);
      current = p;
      try {
        return await p;
      } finally {
        current = null;
      }
    },
    async recordAttempt({ reason, startedAt, folder, actorId, outcome }) {
      await inTransaction(getDeps(), async (ctx) => {
        await repo.insertAttempt(ctx.db, {
          started_at: startedAt.toISOString(), finished_at: ctx.now.toISOString(), reason, folder: folder ?? '', started_by: actorId,
          set_name: outcome.ok ? basename(outcome.path) : null, bytes: outcome.ok ? outcome.bytes : null,
          problem: outcome.ok ? null : outcome.problem, problem_code: outcome.ok ? null : outcome.code,
        });
        await record(ctx, outcome.ok ? { action: 'backup.made', actorId, detail: { name: outcome.path } } : { action: 'backup.failed', actorId, detail: { reason: outcome.problem } });
      });
      if (outcome.ok && folder) await prune(folder);
    },
    progress: () => running,
    async runIfDue() {
      const deps = getDeps();
      if (!source || current) return;
      const { folder, time } = await backupSettings(deps.db);
      if (!folder) return;
      const zone = (await readClinicSettings(deps.db))?.timeZone ?? 'Asia/Kolkata';
      const good = await repo.lastGood(deps.db);
      const last = await repo.lastAttempt(deps.db);
      const failure = last && last.problem !== null ? new Date(last.started_at) : null;
      if (backupDue(deps.clock.now(), time, zone, good ? new Date(good.started_at) : null, failure)) await backups.run('scheduled', null);
    },
    start() {
      if (!source) return;
      const look = () => void backups.runIfDue().catch((e: unknown) => getDeps().log(`backup: ${String(e)}`));
      look();
      timer = setInterval(look, CHECK_EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await current?.catch(() => undefined);
    },
  };
  return backups;
}
