// A backup set of the benchmarks' clinic (1,000,000 appointments) with a few hundred sealed files, written by
// the backup service as "Back up now" does (snapshot, files, manifest, read back and checked), beside copying the
// same files (the live database, its WAL and the file store) with cp-like reads and writes, each fsynced.
// Alternating, in the same run. Also the longest the seat's event loop stood still during a backup.
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeSettings } from '../electron/core/clinic/settings.repo';
import { SETTING_FOLDER } from '../electron/core/backup/backup.service';
import { benchClinic, loadAverage, scaled } from './clinic-data';
import { median, ms, withTempDir, type Benchmark } from './lib';

const FILES = scaled(400);
const FILE_BYTES = 256 * 1024;
const ROUNDS = 3;

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((p) => join(dir, p)).filter((p) => statSync(p).isFile());
}

/** The baseline: every file of the clinic copied and fsynced. */
function copyAll(dataDir: string, to: string): number {
  let bytes = 0;
  const sources = [join(dataDir, 'medlink.sqlite'), join(dataDir, 'medlink.sqlite-wal'), ...filesUnder(join(dataDir, 'files'))].filter(existsSync);
  for (const from of sources) {
    const target = join(to, relative(dataDir, from));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
    const fd = openSync(target, 'r');
    fsyncSync(fd);
    closeSync(fd);
    bytes += statSync(target).size;
  }
  return bytes;
}

export const backupBench: Benchmark = {
  name: 'backup',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(join(dir, 'clinic'));
      const { app } = clinic;
      try {
        for (let i = 0; i < FILES; i++) await app.deps.files.put(randomBytes(FILE_BYTES), { kind: 'medical_record', mime: 'application/pdf' });
        const folder = join(dir, 'backups');
        mkdirSync(folder);
        await writeSettings(app.deps.db, { [SETTING_FOLDER]: folder });
        const backupMs: number[] = [];
        const copyMs: number[] = [];
        let setBytes = 0;
        let copiedBytes = 0;
        let stall = 0;
        for (let round = 0; round < ROUNDS; round++) {
          // The event loop's longest pause while the backup runs: what a call arriving then would wait.
          let last = performance.now();
          const watch = setInterval(() => {
            const now = performance.now();
            stall = Math.max(stall, now - last);
            last = now;
          }, 5);
          const t0 = performance.now();
          const outcome = await app.deps.backups.run('asked', null);
          backupMs.push(performance.now() - t0);
          clearInterval(watch);
          if (!outcome.ok) throw new Error(outcome.problem);
          setBytes = filesUnder(outcome.path).reduce((n, f) => n + statSync(f).size, 0);
          rmSync(outcome.path, { recursive: true });

          const copy = join(dir, `copy-${round}`);
          const t1 = performance.now();
          copiedBytes = copyAll(clinic.dataDir, copy);
          copyMs.push(performance.now() - t1);
          rmSync(copy, { recursive: true });
        }
        const MB = 1024 * 1024;
        const rate = (setBytes / MB) / (median(backupMs) / 1000);
        log(`bench backup: ${rate.toFixed(1)} MB/s, ${(median(copyMs) / median(backupMs)).toFixed(2)}x vs copying the same files (${((copiedBytes / MB) / (median(copyMs) / 1000)).toFixed(1)} MB/s)`);
        log(
          `  median of ${ROUNDS}: backup ${ms(median(backupMs))} ms for ${(setBytes / MB).toFixed(1)} MB (written, read back, checked), copy ${ms(median(copyMs))} ms for ${(copiedBytes / MB).toFixed(1)} MB; ` +
            `${clinic.appointments.toLocaleString('en-US')} appointments, ${FILES} files of ${FILE_BYTES / 1024} KB; longest event-loop pause during a backup ${ms(stall)} ms; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
