import { join } from 'node:path';
import type { backupChannels } from '../../../shared/contract/backup';
import { record } from '../audit/audit.service';
import { BackupProblem, checkFolder, restoreBackupSet, verifyBackupSet } from '../backup/backup-set';
import * as firstRun from '../backup/first-run-restore';
import { setsIn } from '../backup/set-list';
import { backupSettings, SETTING_FOLDER, SETTING_TIME, STALE_AFTER_MS } from '../backup/backup.service';
import * as repo from '../backup/backups.repo';
import { writeSettings } from '../clinic/settings.repo';
import { peekSession } from '../auth/auth.service';
import { DomainError, inTransaction, requireSession, type Deps } from '../context';
import { withPrepared, type HandlersOf } from './index';

/** What this seat backs up, or a refusal for a benchmark's unencrypted database. */
function sourceOf(deps: Deps) {
  if (!deps.backups.source) throw new DomainError('CONFLICT', 'This database is not encrypted, so MedLink does not back it up.');
  return deps.backups.source;
}

/** A single-seat clinic's data folder, which a set restores over; a clinic on a server is restored into a new, empty database instead. */
function fileClinicOf(deps: Deps) {
  const source = sourceOf(deps);
  if (source.database.kind !== 'sqlite') throw new DomainError('CONFLICT', SERVER_RESTORE);
  return source;
}

const SERVER_RESTORE =
  "This clinic's database is on a server, which MedLink does not overwrite while the clinic uses it. Restore the set into a new, empty database on the server (npm run move-to-postgres -- --from-backup <set> --target <database>), then point the computers at it.";

/** The chosen folder, read through `db`: the call's transaction (on SQLite another read would wait for it), or the app's outside one. */
async function folderOf(db: Deps['db']): Promise<string> {
  const { folder } = await backupSettings(db);
  if (!folder) throw new DomainError('CONFLICT', 'No backup folder has been chosen. Choose one on the Backups screen.');
  return folder;
}

/** A BackupProblem as the screens show it: its code names the wording, its English travels for logs and tests. */
const refusal = (e: unknown) => (e instanceof BackupProblem ? new DomainError('VALIDATION', e.message, { fields: { name: `backup_${e.code}` } }) : e);

export const backupHandlers = {
  'backup.status': async (_, ctx) => {
    const { folder, time } = await backupSettings(ctx.db);
    const history = await repo.history(ctx.db, 30);
    return {
      database: ctx.deps.dialect === 'postgres' ? ('server' as const) : ('this_computer' as const),
      folder,
      time,
      running: ctx.deps.backups.progress(),
      history: history.map((h) => ({
        id: h.id, startedAt: h.started_at, reason: h.reason, folder: h.folder, setName: h.set_name, bytes: h.bytes === null ? null : Number(h.bytes),
        problem: h.problem === null ? null : ((h.problem_code ?? 'write_failed') as never),
      })),
    };
  },
  'backup.saveSettings': async (input, ctx) => {
    const session = requireSession(ctx);
    sourceOf(ctx.deps);
    try {
      checkFolder(input.folder);
    } catch (e) {
      if (e instanceof BackupProblem) throw new DomainError('VALIDATION', e.message, { fields: { folder: `backup_${e.code}` } });
      throw e;
    }
    const before = await backupSettings(ctx.db);
    await writeSettings(ctx.db, { [SETTING_FOLDER]: input.folder, [SETTING_TIME]: input.time });
    const changed = [before.folder !== input.folder && SETTING_FOLDER, before.time !== input.time && SETTING_TIME].filter((c): c is string => !!c);
    if (changed.length) await record(ctx, { action: 'settings.updated', actorId: session.userId, detail: { changed } });
    return { done: true as const };
  },
  'backup.start': async (_, ctx) => {
    const session = requireSession(ctx);
    sourceOf(ctx.deps);
    await folderOf(ctx.db);
    ctx.afterCommit(() => void ctx.deps.backups.run('asked', session.userId).catch((e: unknown) => ctx.deps.log(`backup: ${String(e)}`)));
    return { done: true as const };
  },
  'backup.sets': async (_, ctx) => {
    sourceOf(ctx.deps);
    const folder = await folderOf(ctx.db);
    try {
      return { ...setsIn(folder), folderProblem: null };
    } catch (e) {
      if (e instanceof BackupProblem) return { sets: [], unreadable: [], folderProblem: e.code };
      throw e;
    }
  },
  'backup.restore': withPrepared(
    // Read through before the call's transaction (a whole set is read back, which no other call should wait for),
    // and only for a signed-in administrator: the dispatcher checks the caller after this step.
    async (input: { name: string }, deps, token) => {
      const caller = await deps.db.transaction().execute((trx) => peekSession({ db: trx, now: deps.clock.now(), deps, session: null, afterCommit: () => undefined }, token));
      const source = deps.backups.source;
      if (!caller?.roles.includes('admin') || caller.mustChangePassword || source?.database.kind !== 'sqlite') return null;
      const setDir = join(await folderOf(deps.db), input.name);
      try {
        await verifyBackupSet(setDir, source.databaseKey(), source.nativeBinding);
      } catch (e) {
        throw refusal(e);
      }
      return setDir;
    },
    async (input, ctx, setDir) => {
      const session = requireSession(ctx);
      const source = fileClinicOf(ctx.deps);
      const seat = ctx.deps.seat;
      if (!seat) throw new DomainError('CONFLICT', 'This MedLink was opened without its seat, so it cannot restore a backup while running.');
      // Signed in between the two steps: asked again.
      if (!setDir) throw new DomainError('CONFLICT', 'Please try again.');
      const now = ctx.now;
      const keptAside = join(source.dataDir, `before-restore-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z`);
      ctx.afterCommit(() =>
        seat.replaceClinic(
          () => restoreBackupSet({ dataDir: source.dataDir, setDir, databaseKey: source.databaseKey(), now, nativeBinding: source.nativeBinding }),
          // In the restored clinic's own log (the one kept aside ends before this call).
          (deps) => inTransaction(deps, (c) => record(c, { action: 'backup.restored', actorId: null, detail: { name: input.name, userId: session.userId } })),
        ),
      );
      return { keptAside };
    },
  ),
  'backup.findSets': (input, ctx) => firstRun.findSets(ctx, input.path),
  'backup.restoreNew': withPrepared(firstRun.checkSet, firstRun.restoreNew),
  'backup.warning': async (_, ctx) => {
    if (!ctx.deps.backups.source) return { stale: false, lastGoodAt: null };
    const good = await repo.lastGood(ctx.db);
    const since = good?.started_at ?? (await repo.clinicSince(ctx.db));
    return { stale: !!since && ctx.now.getTime() - new Date(since).getTime() > STALE_AFTER_MS, lastGoodAt: good?.started_at ?? null };
  },
} satisfies HandlersOf<keyof typeof backupChannels>;
