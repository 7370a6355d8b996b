import type { Kysely, Selectable } from 'kysely';
import { skipLockedRows, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';

// The tables that are work queues (the outbox's emails, the jobs' calls to other services) share their queue
// columns: status, attempts, due_at, lease_until, last_error. Only the words for a claimed and a finished row differ.
export const QUEUES = {
  outbox: { claimed: 'sending', done: 'sent', doneAt: 'sent_at' },
  jobs: { claimed: 'running', done: 'done', doneAt: 'done_at' },
} as const;
export type QueueName = keyof typeof QUEUES;
/** The columns every queue has, whatever else its rows hold. */
interface QueueColumns {
  id: number;
  status: string;
  attempts: number;
  due_at: string;
  lease_until: string | null;
  last_error: string | null;
}
export type QueueRow<Q extends QueueName> = Selectable<Database[Q]> & QueueColumns;

// One shape for both tables: Kysely cannot type a table chosen at run time.
type AnyDb = Kysely<any>;

/** The instants a claim is made with: `now` judges leases, `dueBy` (never earlier) judges which pending rows are due. */
export interface ClaimTimes {
  now: string;
  dueBy: string;
  leaseUntil: string;
}

/**
 * Claims the next row to work on, in one statement: the oldest due pending row, or a claimed one whose lease
 * ran out (its worker died mid-way), becomes claimed with a new lease. The lease time doubles as the claim's
 * token: only the holder of that exact lease may write the outcome.
 */
export async function claimNext<Q extends QueueName>(db: Kysely<Database>, dialect: DialectName, queue: Q, at: ClaimTimes): Promise<QueueRow<Q> | undefined> {
  const { claimed } = QUEUES[queue];
  const anyDb = db as AnyDb;
  const table: string = queue;
  const next = skipLockedRows(
    anyDb
      .selectFrom(table)
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', at.dueBy)]),
          eb.and([eb('status', '=', claimed), eb('lease_until', '<', at.now)]),
        ]),
      )
      .orderBy('due_at')
      .orderBy('id')
      .limit(1),
    dialect,
  );
  const row = await anyDb.updateTable(table).set({ status: claimed, lease_until: at.leaseUntil }).where('id', 'in', next).returningAll().executeTakeFirst();
  return row as QueueRow<Q> | undefined;
}

const held = (db: Kysely<Database>, queue: QueueName, id: number, leaseUntil: string) =>
  (db as AnyDb).updateTable(queue as string).where('id', '=', id).where('status', '=', QUEUES[queue].claimed).where('lease_until', '=', leaseUntil);

/** False when the claim was lost meanwhile (the lease ran out and another worker took the row). */
export async function markDone(db: Kysely<Database>, queue: QueueName, id: number, leaseUntil: string, nowIso: string): Promise<boolean> {
  const { done, doneAt } = QUEUES[queue];
  const r = await held(db, queue, id, leaseUntil).set({ status: done, [doneAt]: nowIso, lease_until: null }).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a claimed row back: pending again (due at `dueAt`), or dead. False when the claim was lost meanwhile. */
export async function release(
  db: Kysely<Database>,
  queue: QueueName,
  id: number,
  leaseUntil: string,
  f: { status: 'pending' | 'dead'; attempts: number; dueAt: string; error: string | null },
): Promise<boolean> {
  const r = await held(db, queue, id, leaseUntil)
    .set({ status: f.status, attempts: f.attempts, due_at: f.dueAt, last_error: f.error, lease_until: null })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A dead or pending row is worked on again as if new: due now, attempts from zero. */
export async function retryRow(db: Kysely<Database>, queue: QueueName, id: number, nowIso: string): Promise<boolean> {
  const r = await (db as AnyDb)
    .updateTable(queue as string)
    .set({ status: 'pending', attempts: 0, due_at: nowIso, last_error: null, lease_until: null })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'dead'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
