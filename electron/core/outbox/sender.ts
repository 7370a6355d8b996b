import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import type { FileStore } from '../files/file-store';
import type { Attachment } from './outbox.service';
import * as repo from './outbox.repo';
import { describeSendError, type OutgoingMail, type Transport } from './smtp';

// Delivers the outbox. Each message is claimed (status 'sending', a lease) in one statement before it is sent,
// and its outcome written after: 'sent', or back to 'pending' with a growing delay, or 'dead' once it has failed
// maxAttempts times. A process that dies mid-send leaves a 'sending' row whose lease runs out; the next claim
// takes it again and re-sends it with the same Message-ID. That is at-least-once delivery, which is "exactly
// once" as far as the sender can know; receivers can drop the rare duplicate by its Message-ID.

export interface SenderOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  log: (message: string) => void;
  /** Where attachments are read from when a message is sent. */
  files: FileStore;
  /** The transport to use now; null while no SMTP server is configured (messages then wait as pending). */
  transport: () => Transport | null | Promise<Transport | null>;
  /** Failures before a message is given up as 'dead' (an administrator can retry it). */
  maxAttempts?: number;
  /** The first retry waits this long; each further one twice as long as the one before, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim holds a message; longer than any one send can take (nodemailer's timeouts are shorter). */
  leaseMs?: number;
  /** The background loop's period. */
  intervalMs?: number;
  /** At most this many messages per run, so one run cannot go on for ever. */
  batch?: number;
}

export interface RunResult {
  sent: number;
  failed: number;
}

export interface Sender {
  /** Sends what is due now; resolves when done. Never rejects: problems are logged and the rows say what happened. */
  runOnce(): Promise<RunResult>;
  /** Runs at once (what came due while the app was closed), then every intervalMs and whenever woken. */
  start(): void;
  /** Asks a started sender to run soon (a message was just queued). */
  wake(): void;
  /** Stops the loop; waits up to graceMs for a send in progress to record its outcome. */
  stop(graceMs?: number): Promise<void>;
}

export const DEFAULTS = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
  intervalMs: 5_000,
  batch: 100,
};

/** The wait after the n-th failure (n ≥ 1): base · 2^(n-1), capped. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number) => Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);

export function createSender(options: SenderOptions): Sender {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<SenderOptions>;
  const { db, dialect, clock, log, files } = o;
  const inFlight = new Set<Promise<RunResult>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let looping: Promise<RunResult> | undefined;
  let again = false;

  /** The message as it goes out, its attachments read now; a file that cannot be read fails this attempt. */
  async function outgoing(row: repo.OutboxRow): Promise<OutgoingMail> {
    const attachments = [];
    for (const a of JSON.parse(row.attachments ?? '[]') as Attachment[]) {
      const file = await files.get(a.fileId);
      if (!file) throw new Error(`the attachment ${a.filename} cannot be read from the file store`);
      attachments.push({ filename: a.filename, mime: a.mime, bytes: file.bytes });
    }
    return { messageId: row.message_id, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body, ics: row.ics, attachments };
  }

  async function deliver(transport: Transport, row: repo.OutboxRow, lease: string): Promise<boolean> {
    try {
      await transport.send(await outgoing(row));
    } catch (e) {
      const attempts = row.attempts + 1;
      const dead = attempts >= o.maxAttempts;
      const now = clock.now();
      const error = describeSendError(e);
      const dueAt = dead ? row.due_at : new Date(now.getTime() + backoffMs(attempts, o.baseDelayMs, o.maxDelayMs)).toISOString();
      const kept = await repo.markFailed(db, row.id, lease, { status: dead ? 'dead' : 'pending', attempts, dueAt, error });
      if (!kept) log(`mail ${row.id}: failed (${error}), but another sender had taken it over`);
      else if (dead) log(`mail ${row.id} to ${row.recipient} given up after ${attempts} attempts: ${error}`);
      return false;
    }
    if (!(await repo.markSent(db, row.id, lease, clock.now().toISOString()))) {
      log(`mail ${row.id}: sent, but its claim had run out; another sender may send it again (same Message-ID)`);
    }
    return true;
  }

  async function run(): Promise<RunResult> {
    const result: RunResult = { sent: 0, failed: 0 };
    try {
      const transport = await o.transport();
      if (!transport) return result;
      for (let i = 0; i < o.batch; i++) {
        const now = clock.now();
        const lease = new Date(now.getTime() + o.leaseMs).toISOString();
        const row = await repo.claimNext(db, dialect, now.toISOString(), lease);
        if (!row) break;
        if (await deliver(transport, row, lease)) result.sent++;
        else result.failed++;
      }
    } catch (e) {
      // The database went away (closing, a network fault): what was claimed is re-claimed once its lease ends.
      log(`mail sender stopped a run: ${e instanceof Error ? e.message : String(e)}`);
    }
    return result;
  }

  function runOnce(): Promise<RunResult> {
    const p = run();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  /** The loop's run: one at a time; a wake during a run asks for one more right after it. */
  function tick() {
    if (timer === undefined) return;
    if (looping) {
      again = true;
      return;
    }
    looping = runOnce();
    void looping.finally(() => {
      looping = undefined;
      if (again) {
        again = false;
        tick();
      }
    });
  }

  return {
    runOnce,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, o.intervalMs);
      timer.unref?.();
      tick();
    },
    wake: () => tick(),
    async stop(graceMs = 3_000) {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (inFlight.size === 0) return;
      let expire: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise<void>((resolve) => {
          expire = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(expire);
    },
  };
}
