import type { Kysely } from 'kysely';
import type { Clock } from '../context';
import type { DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import { createWorker, type Worker, type WorkerOptions, type WorkerTuning } from '../queue/worker';
import { inlineImagesOf } from './outbox.service';
import { describeSendError, type Transport } from './smtp';

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
  onOutcome?: WorkerOptions<'outbox'>['onOutcome'];
}

export function createSender({ transport, ...options }: SenderOptions): Worker {
  return createWorker({
    ...options,
    queue: 'outbox',
    describe: (row) => `mail ${row.id} to ${row.recipient}`,
    async handler() {
      const t = await transport();
      if (!t) return null;
      return async (row) => {
        try {
          await t.send({
            messageId: row.message_id, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body, ics: row.ics,
            inlineImages: inlineImagesOf(row.inline_images),
          });
          return { done: true };
        } catch (e) {
          return { done: false, error: describeSendError(e) };
        }
      };
    },
  });
}
