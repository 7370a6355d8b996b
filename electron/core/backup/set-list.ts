import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BackupProblem, checkFolder, listSetNames, readManifest, type BackupProblemCode, type Manifest } from './backup-set';

/** A set as the screens list it: when, by which MedLink, what it holds (from its manifest, not yet checked through). */
export function setSummary(name: string, m: Manifest) {
  const files = m.parts.filter((p) => p.path.startsWith('files/') && !p.path.endsWith('.json')).length;
  return {
    name, createdAt: m.createdAt, medlinkVersion: m.medlinkVersion, schemaVersion: m.schemaVersion, bytes: m.parts.reduce((n, p) => n + p.size, 0),
    counts: { patients: m.counts.patient_info ?? 0, doctors: m.counts.doctor_info ?? 0, appointments: m.counts.appointments ?? 0, records: m.counts.medical_records ?? 0, files },
  };
}

/** The sets in a backup folder, newest first, and those whose manifest cannot be read. A BackupProblem when the folder cannot be read. */
export function setsIn(folder: string): { sets: ReturnType<typeof setSummary>[]; unreadable: { name: string; problem: BackupProblemCode }[] } {
  checkFolder(folder);
  const sets = [];
  const unreadable = [];
  for (const name of listSetNames(folder)) {
    try {
      sets.push(setSummary(name, readManifest(join(folder, name))));
    } catch (e) {
      if (!(e instanceof BackupProblem)) throw e;
      unreadable.push({ name, problem: e.code });
    }
  }
  return { sets, unreadable };
}

/** What a path a person typed holds: one set (the path is a set's folder) or a backup folder's sets. */
export function setsAt(path: string): { folder: string } & ReturnType<typeof setsIn> {
  if (existsSync(join(path, 'manifest.json'))) {
    const folder = dirname(path);
    return { folder, sets: [setSummary(basename(path), readManifest(path))], unreadable: [] };
  }
  return { folder: path, ...setsIn(path) };
}
