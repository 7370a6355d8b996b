import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type ConnectionRow = Selectable<Database['google_connections']>;

export const connectionOf = (db: Db, owner: string) => db.selectFrom('google_connections').selectAll().where('owner', '=', owner).executeTakeFirst();

/** A new connection replaces whatever the owner had (a broken one included). */
export async function saveConnection(db: Db, row: ConnectionRow): Promise<void> {
  const { owner, ...rest } = row;
  await db
    .insertInto('google_connections')
    .values(row)
    .onConflict((oc) => oc.column('owner').doUpdateSet(rest))
    .execute();
}

/** Keeps refreshed tokens, unless the connection was removed or broken meanwhile. */
export async function updateTokens(db: Db, owner: string, sealed: string, nowIso: string): Promise<void> {
  await db.updateTable('google_connections').set({ tokens: sealed, updated_at: nowIso }).where('owner', '=', owner).where('status', '=', 'connected').execute();
}

/** True when this call broke it (it was connected). */
export async function markBroken(db: Db, owner: string, reason: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('google_connections')
    .set({ status: 'broken', broken_at: nowIso, broken_reason: reason, updated_at: nowIso })
    .where('owner', '=', owner)
    .where('status', '=', 'connected')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteConnection(db: Db, owner: string): Promise<ConnectionRow | undefined> {
  return db.deleteFrom('google_connections').where('owner', '=', owner).returningAll().executeTakeFirst();
}

/** The connected owners among these, in the order given. */
export async function connectedOwners(db: Db, owners: string[]): Promise<string[]> {
  const rows = await db.selectFrom('google_connections').select('owner').where('owner', 'in', owners).where('status', '=', 'connected').execute();
  const found = new Set(rows.map((r) => r.owner));
  return owners.filter((o) => found.has(o));
}
