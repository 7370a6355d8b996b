import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

// The settings as a call's session check read them (auth.repo sessionForCall), kept for the rest of that call's
// transaction: a booking reads them for its rules, its emails and its video link. A write through here forgets them.
const known = new WeakMap<Db, Map<string, string>>();

export const knowSettings = (db: Db, settings: Map<string, string>) => known.set(db, settings);

export async function readSettings(db: Db): Promise<Map<string, string>> {
  const kept = known.get(db);
  if (kept) return new Map(kept);
  const rows = await db.selectFrom('settings').selectAll().execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeSettings(db: Db, values: Record<string, string>): Promise<void> {
  known.delete(db);
  for (const [key, value] of Object.entries(values)) {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}

export async function deleteSettings(db: Db, keys: string[]): Promise<void> {
  known.delete(db);
  if (keys.length) await db.deleteFrom('settings').where('key', 'in', keys).execute();
}
