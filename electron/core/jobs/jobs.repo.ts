import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type JobRow = Selectable<Database['jobs']>;

export async function insertJob(db: Db, row: Insertable<Database['jobs']>): Promise<number> {
  const { id } = await db.insertInto('jobs').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A job of this kind for this appointment that no worker has taken yet. */
export const pendingJob = (db: Db, kind: string, appointmentId: number) =>
  db.selectFrom('jobs').select(['id', 'due_at']).where('kind', '=', kind).where('appointment_id', '=', appointmentId).where('status', '=', 'pending').executeTakeFirst();

/** Makes waiting jobs due now (their reason to wait is gone). */
export async function dueNow(db: Db, kind: string, appointmentIds: number[], nowIso: string): Promise<void> {
  if (appointmentIds.length === 0) return;
  await db.updateTable('jobs').set({ due_at: nowIso }).where('kind', '=', kind).where('appointment_id', 'in', appointmentIds).where('status', '=', 'pending').execute();
}

export const jobById = (db: Db, id: number) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();

/** Newest first: the jobs not yet done (waiting, running, given up). */
export const unfinishedJobs = (db: Db, limit: number) =>
  db
    .selectFrom('jobs')
    .select(['id', 'kind', 'appointment_id', 'status', 'attempts', 'due_at', 'last_error', 'created_at'])
    .where('status', 'in', ['pending', 'running', 'dead'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
