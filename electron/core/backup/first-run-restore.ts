import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { anyAdmin } from '../auth/auth.repo';
import { DomainError, inTransaction, type Ctx, type Deps } from '../context';
import { databaseKey } from '../secrets/database-key';
import { codeTypo, otherClinic } from '../secrets/clinic-key.service';
import { decodeRecoveryCode } from '../secrets/recovery-code';
import { BackupProblem, restoreBackupSet, verifyBackupSet } from './backup-set';
import { setsAt } from './set-list';

// The first run's "Restore a clinic from a backup": a new computer (or one whose disk was replaced) takes the
// clinic from a backup set and the recovery code, instead of setting up a new clinic.

/** Why this computer may not take a clinic from a backup now, or null: only before a clinic is set up on it, and only on its own database. */
async function refusal(db: Deps['db'], deps: Deps): Promise<DomainError | null> {
  if (deps.backups.source?.database.kind !== 'sqlite') {
    return new DomainError('CONFLICT', "This computer uses the clinic's database server: a backup is restored into a new, empty database on the server (see the README). Nothing was changed.");
  }
  if (!deps.seat) return new DomainError('CONFLICT', 'This MedLink was opened without its seat, so it cannot restore a backup while running. Nothing was changed.');
  if (await anyAdmin(db)) return new DomainError('SETUP_DONE', 'A clinic is already set up on this computer: an administrator restores a backup from the Backups screen. Nothing was changed.');
  return null;
}

/** A BackupProblem as the first run shows it: against the field the person can change. */
function problemOf(e: unknown): unknown {
  if (!(e instanceof BackupProblem)) return e;
  if (e.code === 'wrong_key') return otherClinic();
  return new DomainError('VALIDATION', e.message, { fields: { path: `backup_${e.code}` } });
}

export async function findSets(ctx: Ctx, path: string) {
  const refused = await refusal(ctx.db, ctx.deps);
  if (refused) throw refused;
  try {
    return setsAt(path);
  } catch (e) {
    throw problemOf(e);
  }
}

/**
 * Before the call's transaction: the whole set read back with the code's key (it is refused, with what is wrong,
 * before anything changes). Returns the key and the set's folder.
 */
export async function checkSet(input: ParsedInput<'backup.restoreNew'>, deps: Deps): Promise<{ clinicKey: Buffer; setDir: string }> {
  const refused = await refusal(deps.db, deps);
  if (refused) throw refused;
  const clinicKey = decodeRecoveryCode(input.recoveryCode);
  if (!clinicKey) throw codeTypo();
  const setDir = join(input.folder, input.name);
  try {
    await verifyBackupSet(setDir, databaseKey(clinicKey), deps.backups.source!.nativeBinding);
  } catch (e) {
    throw problemOf(e);
  }
  return { clinicKey, setDir };
}

/**
 * Once the call has committed, the seat closes the empty clinic, moves it aside, puts the set's in its place
 * (checked there: integrity and counts as the manifest says) and keeps the clinic key as this computer's; then
 * MedLink starts on the restored clinic. If that clinic does not open, the empty one and its key are put back.
 * Once it has opened, the empty clinic kept aside is removed: it held nothing (no clinic was set up in it).
 */
export async function restoreNew(input: ParsedInput<'backup.restoreNew'>, ctx: Ctx, checked: { clinicKey: Buffer; setDir: string }): Promise<{ done: true }> {
  const refused = await refusal(ctx.db, ctx.deps);
  if (refused) throw refused;
  const { dataDir, nativeBinding } = ctx.deps.backups.source!;
  const seatKey = ctx.deps.seatKey;
  const now = ctx.now;
  let keptAside: string | null = null;
  ctx.afterCommit(() =>
    ctx.deps.seat!.replaceClinic(
      async () => {
        const previousKey = seatKey.read();
        const restored = await restoreBackupSet({ dataDir, setDir: checked.setDir, databaseKey: databaseKey(checked.clinicKey), now, nativeBinding });
        keptAside = restored.keptAside;
        seatKey.write(checked.clinicKey);
        return {
          undo() {
            if (previousKey) seatKey.write(previousKey);
            restored.undo();
          },
        };
      },
      async (deps) => {
        await inTransaction(deps, (c) => record(c, { action: 'backup.restored', actorId: null, detail: { name: input.name } }));
        if (keptAside) rmSync(keptAside, { recursive: true, force: true });
      },
    ),
  );
  return { done: true };
}
