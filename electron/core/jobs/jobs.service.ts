import type { JobView } from '../../../shared/contract';
import { DomainError, type Ctx, type Deps } from '../context';
import { retryRow } from '../queue/queue.repo';
import { createWorker, type Handle, type Outcome, type Worker, type WorkerTuning } from '../queue/worker';
import * as repo from './jobs.repo';

// Jobs: calls to other services (Google) that a change needs, queued as a row in the change's own transaction and
// done afterwards by the queue worker, outside any transaction, which records each result in a short one of its own.
// So a booking never waits for Google and is never lost because of it.

export type JobKind = 'video.sync' | 'video.delete' | 'google.revoke' | 'waitlist.expire';
/** What does each kind of job (K: some of them), given its row; its Outcome says whether it is done, and if not, when to try again. */
export type JobHandlers<K extends JobKind = JobKind> = Record<K, (job: repo.JobRow) => Promise<Outcome>>;

/**
 * Queues a job in the caller's transaction. An appointment's job of a kind that is still waiting is not queued
 * twice: it is made due now instead (it does whatever the appointment needs when it runs).
 */
export async function enqueueJob(ctx: Ctx, job: { kind: JobKind; appointmentId?: number; payload?: unknown; dueAt?: Date }): Promise<void> {
  const due = (job.dueAt ?? ctx.now).toISOString();
  if (job.appointmentId && (await repo.pendingJob(ctx.db, job.kind, job.appointmentId))) {
    await repo.dueNow(ctx.db, job.kind, [job.appointmentId], due);
  } else {
    await repo.insertJob(ctx.db, {
      kind: job.kind,
      appointment_id: job.appointmentId ?? null,
      payload: job.payload === undefined ? null : JSON.stringify(job.payload),
      status: 'pending',
      attempts: 0,
      due_at: due,
      lease_until: null,
      last_error: null,
      created_at: ctx.now.toISOString(),
      done_at: null,
    });
  }
  ctx.afterCommit(() => ctx.deps.wakeJobs());
}

export function createJobWorker(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'log'>, handlers: () => JobHandlers, tuning: Partial<WorkerTuning> = {}): Worker {
  return createWorker({
    ...tuning,
    queue: 'jobs',
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    log: deps.log,
    describe: (job) => `job ${job.id} (${job.kind}${job.appointment_id ? `, appointment ${job.appointment_id}` : ''})`,
    handler: async (): Promise<Handle<'jobs'>> => {
      const all = handlers();
      return (job) => {
        const handle = all[job.kind as JobKind];
        return handle ? handle(job) : Promise.resolve({ done: false, final: true, error: `no handler for ${job.kind}` });
      };
    },
  });
}

export async function unfinished(ctx: Ctx): Promise<JobView[]> {
  return (await repo.unfinishedJobs(ctx.db, 100)).map((j) => ({
    id: j.id,
    kind: j.kind,
    appointmentId: j.appointment_id,
    status: j.status as JobView['status'],
    attempts: j.attempts,
    dueAt: j.due_at,
    lastError: j.last_error,
    createdAt: j.created_at,
  }));
}

export async function retry(ctx: Ctx, id: number): Promise<{ done: true }> {
  const job = await repo.jobById(ctx.db, id);
  if (!job) throw new DomainError('NOT_FOUND', 'No job has this number.');
  if (!(await retryRow(ctx.db, 'jobs', id, ctx.now.toISOString()))) {
    throw new DomainError('CONFLICT', job.status === 'running' ? 'This job is running right now.' : 'This job has already finished.');
  }
  ctx.afterCommit(() => ctx.deps.wakeJobs());
  return { done: true };
}
