import { readSettings, writeSettings } from '../clinic/settings.repo';
import type { Deps } from '../context';

/** Set once every file kept before sealing began is sealed: later starts skip the pass. */
const SEALED = 'files.sealed_at';

/** Seals the files a clinic kept before files were sealed at rest (doctors' photos); once per clinic. */
export async function sealOldFiles(deps: Pick<Deps, 'db' | 'files' | 'clock' | 'log'>): Promise<void> {
  if ((await readSettings(deps.db)).has(SEALED)) return;
  const sealed = await deps.files.sealPlainFiles();
  await writeSettings(deps.db, { [SEALED]: deps.clock.now().toISOString() });
  if (sealed > 0) deps.log(`file store: ${sealed} files kept before sealing began are now sealed`);
}
