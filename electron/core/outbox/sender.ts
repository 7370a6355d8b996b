import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import type { FileStore } from '../files/file-store';
import type { QueueRow } from '../queue/queue.repo';
import { createWorker, type Worker, type WorkerOptions, type WorkerTuning } from '../queue/worker';
import { renderRow, type Attachment } from './outbox.service';
import { describeSendError, type OutgoingMail, type Transport } from './smtp';

// Delivers the outbox through the queue worker. A process that dies mid-send leaves a 'sending' row whose lease
// runs out; the next claim takes it again and re-sends it with the same Message-ID. That is at-least-once
// delivery, which is "exactly once" as far as the sender can know; receivers can drop the rare duplicate by its
// Message-ID.

export interface SenderOptions extends Partial<WorkerTuning> {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  log: (message: string) => void;
  /** The transport to use now; null while no SMTP server is configured (messages then wait as pending). */
  transport: () => Transport | null | Promise<Transport | null>;
  /** Where attachments are read from when a message is sent. */
  files: FileStore;
  onOutcome?: WorkerOptions<'outbox'>['onOutcome'];
}

/**
 * The message as it goes out: rendered now, its attachments read now from the file store (one that cannot be read
 * fails this attempt).
 */
async function outgoing(row: QueueRow<'outbox'>, files: FileStore): Promise<OutgoingMail> {
  const attachments = [];
  for (const a of JSON.parse(row.attachments ?? '[]') as Attachment[]) {
    const file = await files.get(a.fileId);
    if (!file) throw new Error(`the attachment ${a.filename} cannot be read from the file store`);
    attachments.push({ filename: a.filename, mime: a.mime, bytes: file.bytes });
  }
  return { messageId: row.message_id, to: row.recipient, ...renderRow(row), ics: row.ics, attachments };
}

export function createSender({ transport, files, ...options }: SenderOptions): Worker {
  return createWorker({
    ...options,
    queue: 'outbox',
    describe: (row) => `mail ${row.id} to ${row.recipient}`,
    async handler() {
      const t = await transport();
      if (!t) return null;
      return async (row) => {
        try {
          await t.send(await outgoing(row, files));
          return { done: true };
        } catch (e) {
          return { done: false, error: describeSendError(e) };
        }
      };
    },
  });
}
