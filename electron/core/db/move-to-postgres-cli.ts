// `npm run move-to-postgres -- --data-dir <folder> --target <postgres-url>`: moves a single-seat clinic's
// SQLite database into an empty PostgreSQL database. Exit code 0 when every table was copied and verified,
// 1 otherwise (and then nothing was copied).
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../web/data-dir';
import { keyFileFor } from '../secrets/seat-key';
import { MoveRefusedError, moveToPostgres, redactUrl } from './move-to-postgres';

const USAGE = `Usage: npm run move-to-postgres -- --data-dir <folder> --target <postgres://user:password@host:port/database> [--key-file <file>]

Moves the clinic whose data folder is <folder> (default: MEDLINK_DATA_DIR, else MedLink's usual folder) into
an empty PostgreSQL database (default: MEDLINK_DATABASE_URL). The database is opened with this computer's
clinic key file (default: MEDLINK_KEY_FILE, else the one MedLink uses for that data folder). Close MedLink first.`;

async function main(): Promise<number> {
  let values: { 'data-dir'?: string; target?: string; 'key-file'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, target: { type: 'string' }, 'key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
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
  try {
    const keyFile = values['key-file'] || keyFileFor(dataDir);
    const report = await moveToPostgres({ dataDir, keyFile, targetUrl, log: (line) => console.log(line) });
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Done: ${report.tables.length} tables (${rows} rows) and ${report.files} files moved into ${redactUrl(targetUrl)}. ` +
        `Start MedLink with MEDLINK_DATABASE_URL set to it and the same data folder (${dataDir}).`,
    );
    return 0;
  } catch (e) {
    // Everything the target gets is written in one transaction: a failure before its commit leaves it empty.
    const message = e instanceof MoveRefusedError ? e.message : `${(e as Error).message}. Nothing was copied.`;
    console.error(`The clinic was not moved: ${message}`);
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
