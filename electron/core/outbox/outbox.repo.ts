import type { Insertable, Kysely, Selectable } from 'kysely';
import { skipLockedRows, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type OutboxRow = Selectable<Database['outbox']>;
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';

export async function insertMessage(db: Db, row: Insertable<Database['outbox']>): Promise<number> {
  const { id } = await db.insertInto('outbox').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Withdraws the not-yet-claimed messages of one kind about one appointment; returns how many. */
export async function cancelPending(db: Db, appointmentId: number, kind: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'cancelled' })
    .where('appointment_id', '=', appointmentId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims the next message to send, in one statement: the oldest due pending message, or a 'sending' one whose
 * lease ran out (its sender died mid-send), becomes 'sending' with a new lease. The lease time doubles as the
 * claim's token: only the holder of that exact lease may write the outcome.
 */
export async function claimNext(db: Db, dialect: DialectName, nowIso: string, leaseUntil: string): Promise<OutboxRow | undefined> {
  const next = skipLockedRows(
    db
      .selectFrom('outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', nowIso)]),
        ]),
      )
      .orderBy('due_at')
      .orderBy('id')
      .limit(1),
    dialect,
  );
  return db
    .updateTable('outbox')
    .set({ status: 'sending', lease_until: leaseUntil })
    .where('id', 'in', next)
    .returningAll()
    .executeTakeFirst();
}

const held = (db: Db, id: number, leaseUntil: string) =>
  db.updateTable('outbox').where('id', '=', id).where('status', '=', 'sending').where('lease_until', '=', leaseUntil);

/** False when the claim was lost meanwhile (the lease ran out and another sender took the message). */
export async function markSent(db: Db, id: number, leaseUntil: string, nowIso: string): Promise<boolean> {
  const r = await held(db, id, leaseUntil).set({ status: 'sent', sent_at: nowIso, lease_until: null }).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markFailed(
  db: Db,
  id: number,
  leaseUntil: string,
  f: { status: 'pending' | 'dead'; attempts: number; dueAt: string; error: string },
): Promise<boolean> {
  const r = await held(db, id, leaseUntil)
    .set({ status: f.status, attempts: f.attempts, due_at: f.dueAt, last_error: f.error, lease_until: null })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const messageById = (db: Db, id: number) => db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();

/** The newest message of a kind queued for an address. */
export const latestTo = (db: Db, kind: string, recipient: string) =>
  db.selectFrom('outbox').selectAll().where('kind', '=', kind).where('recipient', '=', recipient).orderBy('id', 'desc').limit(1).executeTakeFirst();

export const withdraw = (db: Db, id: number) => db.updateTable('outbox').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'pending').execute();

/** Newest first, `limit` rows below `beforeId`. */
export function listMessages(db: Db, q: { status?: OutboxStatus; beforeId?: number; limit: number }) {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'status', 'attempts', 'due_at', 'last_error', 'created_at', 'sent_at']);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/** A dead or pending message goes out again as if new: due now, attempts from zero. */
export async function retryMessage(db: Db, id: number, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, due_at: nowIso, last_error: null, lease_until: null })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'dead'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
