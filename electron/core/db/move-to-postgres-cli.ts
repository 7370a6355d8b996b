// `npm run move-to-postgres -- --data-dir <folder> --target <postgres-url>`: moves a single-seat clinic's
// SQLite database into an empty PostgreSQL database; with `--from-backup <set>`, restores a backup set there
// instead. Exit code 0 when every table was copied and verified, 1 otherwise (and then nothing was copied).
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../web/data-dir';
import { BackupProblem } from '../backup/backup-set';
import { restoreIntoPostgres } from '../backup/restore-postgres';
import { decodeRecoveryCode } from '../secrets/recovery-code';
import { keyFileFor } from '../secrets/seat-key';
import { MoveRefusedError, moveToPostgres, redactUrl, type MoveReport } from './move-to-postgres';

const USAGE = `Usage: npm run move-to-postgres -- --data-dir <folder> --target <postgres://user:password@host:port/database> [--key-file <file>]
       npm run move-to-postgres -- --from-backup <backup set folder> --target <postgres://…>   (asks MEDLINK_RECOVERY_CODE)

Moves the clinic whose data folder is <folder> (default: MEDLINK_DATA_DIR, else MedLink's usual folder) into
an empty PostgreSQL database (default: MEDLINK_DATABASE_URL). The database is opened with this computer's
clinic key file (default: MEDLINK_KEY_FILE, else the one MedLink uses for that data folder). Close MedLink first.

With --from-backup, a backup set (made on a single computer or from a server) is checked through and restored
into the empty database instead; the clinic's recovery code, which opens it, is read from MEDLINK_RECOVERY_CODE.`;

/** The recovery code from the environment (not the command line, which other users of the computer can see). */
function recoveryKey(): Buffer {
  const code = (process.env.MEDLINK_RECOVERY_CODE ?? '').toUpperCase().replace(/[\s-]/g, '');
  const key = code ? decodeRecoveryCode(code) : null;
  if (!key) throw new MoveRefusedError('SOURCE_KEY', 'Set MEDLINK_RECOVERY_CODE to the clinic\'s recovery code (56 letters and digits; it has a typing mistake or is missing). Nothing was copied.');
  return key;
}

async function main(): Promise<number> {
  let values: { 'data-dir'?: string; target?: string; 'key-file'?: string; 'from-backup'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, target: { type: 'string' }, 'key-file': { type: 'string' }, 'from-backup': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = values['data-dir'] || defaultDataDir();
  const targetUrl = values.target || process.env.MEDLINK_DATABASE_URL;
  if (!targetUrl) {
    console.error(`Say which PostgreSQL database to move the clinic into (--target or MEDLINK_DATABASE_URL).\n\n${USAGE}`);
    return 1;
  }
  const setDir = values['from-backup'];
  try {
    const log = (line: string) => console.log(line);
    const report: MoveReport = setDir
      ? await restoreIntoPostgres({ setDir, clinicKey: recoveryKey(), targetUrl, now: new Date(), log })
      : await moveToPostgres({ dataDir, keyFile: values['key-file'] || keyFileFor(dataDir), targetUrl, log });
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Done: ${report.tables.length} tables (${rows} rows) and ${report.files} files ${setDir ? 'restored' : 'moved'} into ${redactUrl(targetUrl)}. ` +
        (setDir
          ? "Start MedLink on each computer with MEDLINK_DATABASE_URL set to it, and enrol each one with the clinic's recovery code."
          : `Start MedLink with MEDLINK_DATABASE_URL set to it and the same data folder (${dataDir}).`),
    );
    return 0;
  } catch (e) {
    // Everything the target gets is written in one transaction: a failure before its commit leaves it empty.
    const message = e instanceof MoveRefusedError || e instanceof BackupProblem ? e.message : `${(e as Error).message}. Nothing was copied.`;
    console.error(`${setDir ? 'The backup was not restored' : 'The clinic was not moved'}: ${message}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
