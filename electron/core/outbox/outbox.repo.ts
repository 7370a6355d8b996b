import type { Insertable, Kysely, Selectable } from 'kysely';
import { writeLater } from '../db/dialects';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type OutboxRow = Selectable<Database['outbox']>;
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';

export async function insertMessage(db: Db, row: Insertable<Database['outbox']>): Promise<number> {
  const { id } = await db.insertInto('outbox').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A message whose number nobody needs: put off on PostgreSQL (writeLater). */
export const insertMessageLater = (db: Db, row: Insertable<Database['outbox']>) => writeLater(db, db.insertInto('outbox').values(row));

/**
 * Withdraws the not-yet-claimed messages of one kind about one appointment, put off on PostgreSQL (writeLater). A
 * change calls it before it queues the message's successor, which it therefore never withdraws (sent in one
 * statement with the successor's insert, the update does not see the new row).
 */
export const cancelPendingLater = (db: Db, appointmentId: number, kind: string) =>
  writeLater(
    db,
    db.updateTable('outbox').set({ status: 'cancelled' }).where('appointment_id', '=', appointmentId).where('kind', '=', kind).where('status', '=', 'pending'),
  );

export const messageById = (db: Db, id: number) => db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();

/** The newest message of a kind queued for an address. */
export const latestTo = (db: Db, kind: string, recipient: string) =>
  db.selectFrom('outbox').selectAll().where('kind', '=', kind).where('recipient', '=', recipient).orderBy('id', 'desc').limit(1).executeTakeFirst();

export const withdraw = (db: Db, id: number) => db.updateTable('outbox').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'pending').execute();

/** Newest first, `limit` rows below `beforeId`. */
export function listMessages(db: Db, q: { status?: OutboxStatus; beforeId?: number; limit: number }) {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'content', 'ics', 'status', 'attempts', 'due_at', 'last_error', 'created_at', 'sent_at']);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
