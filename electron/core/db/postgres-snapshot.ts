// DIALECT-AWARE (both): PostgreSQL's half of backups. A clinic on a database server is backed up into the same
// set a single-seat clinic's is (backup/backup-set.ts): an encrypted SQLite database beside the file store's
// files, so that every set has one shape, is checked one way, and restores onto this computer or a server.
import { sql, type Kysely } from 'kysely';
import type { FileKind, MetaFile } from '../files/file-store';
import { postgresTables } from './move-catalog';
import { migrate } from './migrations/index';
import type { Database } from './schema';
import { openSnapshotFile } from './sqlite-snapshot';
import { pages } from './table-content';

/** Rows per read and per insert; SQLite takes up to 32,766 parameters per statement. */
const BATCH = 500;
/** Files per read: their bytes travel whole. */
const FILE_BATCH = 20;

/**
 * Reads the clinic's database in ONE repeatable-read, read-only transaction (one snapshot: what the seats commit
 * meanwhile is not in it, and nothing they do waits for it), table by table in primary-key order, into a new
 * encrypted SQLite file `target` made by the app's own migrations. The `files` table's rows go to `onFile`, sealed
 * as stored, to be kept as a single-seat clinic keeps them (a folder of files), so the copy's `files` table is
 * empty, as a single-seat clinic's is.
 */
export async function snapshotPostgres(
  db: Kysely<Database>, target: string, key: Buffer, now: Date, onFile: (id: string, stored: Buffer, meta: MetaFile) => Promise<void>, nativeBinding?: string,
): Promise<void> {
  const out = openSnapshotFile(target, key, nativeBinding);
  try {
    await migrate(out, 'sqlite', now);
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // The app's pool limits statements to 15 s and idle transactions to 30 s; a large clinic's snapshot takes longer.
        await sql`set local statement_timeout = 0`.execute(trx);
        await sql`set local idle_in_transaction_session_timeout = 0`.execute(trx);
        const tables = await postgresTables(trx);
        await out.transaction().execute(async (copy) => {
          const o = copy as unknown as Kysely<any>;
          for (const name of [...tables.keys()].sort()) {
            const shape = tables.get(name)!;
            // Rows the migrations seeded (counters at zero, their own versions) give way to the clinic's.
            await o.deleteFrom(name).execute();
            if (name === 'files') {
              for await (const rows of pages(trx, 'postgres', shape, FILE_BATCH)) {
                for (const r of rows) {
                  const meta: MetaFile = { kind: r.kind as FileKind, mime: String(r.mime), size: Number(r.size), sha256: String(r.sha256), createdAt: String(r.created_at) };
                  await onFile(String(r.id), Buffer.from(r.data as Uint8Array), meta);
                }
              }
              continue;
            }
            const batch = Math.max(1, Math.min(BATCH, Math.floor(30_000 / shape.columns.length)));
            for await (const rows of pages(trx, 'postgres', shape, batch)) await o.insertInto(name).values(rows).execute();
          }
        });
      });
  } finally {
    await out.destroy();
  }
}
