import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema';
import type { Output, ParsedInput } from '../../../shared/contract';
import { DomainError, type Ctx } from '../context';
import { announce, mailChange } from '../live/changes';
import { renderMail, type MailData, type MailKind } from '../mail/templates';
import { retryRow } from '../queue/queue.repo';
import * as repo from './outbox.repo';
import type { InlineImage } from './smtp';

// The outbox: every email is a row written in the same transaction as the change it reports, so a change that
// commits always has its email, and a change that rolls back never sends one. The sender delivers the rows.

export interface OutboxMessage {
  kind: MailKind;
  to: string;
  /** The language the message was written in (the subject and bodies are already rendered). */
  language: string;
  subject: string;
  text: string;
  html: string;
  ics?: string | null;
  inlineImages?: InlineImage[];
  appointmentId?: number | null;
  /** When it may go out: now unless later (a reminder). */
  dueAt?: Date;
  /** Files from the file store, read by the sender when it sends (the row stays small). */
  attachments?: Attachment[];
}

export interface Attachment {
  fileId: string;
  filename: string;
  mime: string;
}

export interface Enqueued {
  id: number;
  /** The RFC 5322 Message-ID, fixed now so that a re-sent copy carries the same one. */
  messageId: string;
}

const RECIPIENT = /^[^\s@<>"(),;:\\]+@[^\s@<>"(),;:\\]+\.[^\s@<>"(),;:\\]{2,}$/;

export const newMessageId = () => `<${randomUUID()}@medlink.local>`;

function rowOf(ctx: Ctx, m: OutboxMessage): Insertable<Database['outbox']> {
  if (!RECIPIENT.test(m.to) || m.to.length > 254) throw new Error(`not an email address: ${JSON.stringify(m.to)}`);
  const nowIso = ctx.now.toISOString();
  // Once committed, a running sender need not wait for its next turn.
  ctx.afterCommit(() => ctx.deps.wakeSender());
  announce(ctx, mailChange(null));
  return {
    message_id: newMessageId(),
    kind: m.kind,
    recipient: m.to,
    subject: m.subject,
    text_body: m.text,
    html_body: m.html,
    ics: m.ics ?? null,
    inline_images: m.inlineImages?.length ? JSON.stringify(m.inlineImages.map((i) => ({ ...i, content: i.content.toString('base64') }))) : null,
    appointment_id: m.appointmentId ?? null,
    status: 'pending',
    attempts: 0,
    due_at: (m.dueAt ?? ctx.now).toISOString(),
    lease_until: null,
    last_error: null,
    created_at: nowIso,
    sent_at: null,
    attachments: m.attachments?.length ? JSON.stringify(m.attachments) : null,
  };
}

/** Queues a message and returns its outbox number. */
export async function enqueue(ctx: Ctx, m: OutboxMessage): Promise<Enqueued> {
  const row = rowOf(ctx, m);
  return { id: await repo.insertMessage(ctx.db, row), messageId: row.message_id };
}

/** Renders one kind of email in the reader's language. */
export const renderedMessage = <K extends MailKind>(kind: K, m: MailToQueue<K>): OutboxMessage => ({
  kind, to: m.to, language: m.language, ...renderMail(kind, m.language, m.data, { calendarAttached: !!m.ics }), ics: m.ics, inlineImages: m.inlineImages,
  appointmentId: m.appointmentId, dueAt: m.dueAt, attachments: m.attachments,
});

/** An outbox row's inline images, as the transport sends them. */
export function inlineImagesOf(json: string | null): InlineImage[] {
  if (!json) return [];
  return (JSON.parse(json) as (Omit<InlineImage, 'content'> & { content: string })[]).map((i) => ({ ...i, content: Buffer.from(i.content, 'base64') }));
}

export interface MailToQueue<K extends MailKind> {
  to: string;
  language: string;
  data: MailData[K];
  ics?: string | null;
  inlineImages?: InlineImage[];
  appointmentId?: number | null;
  dueAt?: Date;
  attachments?: Attachment[];
}

/**
 * Renders one kind of email in the reader's language and queues it; on PostgreSQL the row is put off (writeLater),
 * so a change's several emails cost no round trip of their own.
 */
export const enqueueMail = <K extends MailKind>(ctx: Ctx, kind: K, m: MailToQueue<K>): Promise<void> =>
  repo.insertMessageLater(ctx.db, rowOf(ctx, renderedMessage(kind, m)));

/**
 * Withdraws a not-yet-sent message (a reminder of an appointment since cancelled or moved), before queueing its
 * successor; put off on PostgreSQL (repo.cancelPendingLater).
 */
export const cancelPendingLater = (ctx: Ctx, appointmentId: number, kind: MailKind): Promise<void> => repo.cancelPendingLater(ctx.db, appointmentId, kind);

const PAGE = 50;

/**
 * Mail about no patient. Every other message (an appointment, and whatever kinds are added later) names or is
 * addressed to a patient, whose data the administrator may not see: the queue shows its kind, status and a
 * masked address, never its subject.
 */
const STAFF_MAIL = new Set<string>(['test_message', 'doctor_invitation', 'verification_approved', 'verification_rejected']);

/** `priya@medlink.demo` → `p•••@medlink.demo`: enough to tell two failing messages apart, not to read whose they are. */
export const maskAddress = (address: string) => {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
};

export async function queue(ctx: Ctx, input: ParsedInput<'mail.queue'>): Promise<Output<'mail.queue'>> {
  const rows = await repo.listMessages(ctx.db, { status: input.status, beforeId: input.beforeId, limit: PAGE + 1 });
  return {
    messages: rows.slice(0, PAGE).map((r) => {
      const masked = !STAFF_MAIL.has(r.kind);
      const recipient = masked ? maskAddress(r.recipient) : r.recipient;
      return {
        id: r.id,
        kind: r.kind,
        recipient,
        subject: masked ? null : r.subject,
        status: r.status as repo.OutboxStatus,
        attempts: r.attempts,
        dueAt: r.due_at,
        // A mail server's refusal often quotes the address.
        lastError: masked && r.last_error ? r.last_error.split(r.recipient).join(recipient) : r.last_error,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      };
    }),
    more: rows.length > PAGE,
  };
}

export async function retry(ctx: Ctx, id: number): Promise<{ done: true }> {
  const row = await repo.messageById(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No email has this number.');
  if (!(await retryRow(ctx.db, 'outbox', id, ctx.now.toISOString()))) {
    const why = row.status === 'sent' ? 'it was already sent' : row.status === 'sending' ? 'it is being sent right now' : 'it was withdrawn';
    throw new DomainError('CONFLICT', `This email cannot be sent again: ${why}.`);
  }
  ctx.afterCommit(() => ctx.deps.wakeSender());
  announce(ctx, mailChange(id));
  return { done: true };
}
