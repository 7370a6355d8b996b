import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema';
import type { Output, ParsedInput } from '../../../shared/contract';
import { DomainError, type Ctx } from '../context';
import { announce, mailChange } from '../live/changes';
import { renderMail, type MailData, type MailKind, type RenderedMail } from '../mail/templates';
import { retryRow } from '../queue/queue.repo';
import * as repo from './outbox.repo';
import type { InlineImage } from './smtp';

// The outbox: every email is a row written in the same transaction as the change it reports, so a change that
// commits always has its email, and a change that rolls back never sends one. The sender delivers the rows.

/** One email to queue: its kind, the data it is written from, and where and when it goes. */
export interface MailToQueue<K extends MailKind> {
  to: string;
  /** The language it is written in, the reader's. */
  language: string;
  data: MailData[K];
  ics?: string | null;
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

/**
 * What a row keeps of its message: the data it is written from, rendered by the sender (so a change spends no time
 * on wording, HTML or QR images inside its transaction, and its rows stay small); or, for a message queued before
 * database version 19, the message as it was rendered then (its images' bytes in base64).
 */
type Content =
  | { language: string; data: unknown }
  | { rendered: Omit<RenderedMail, 'inlineImages'> & { inlineImages: (Omit<InlineImage, 'content'> & { content: string })[] } };

// Dates go into the JSON tagged, so the sender renders them as the change saw them (as dates, in the clinic's zone).
const DATE = '$date';

function encodeContent(content: Content): string {
  return JSON.stringify(content, function (key, value: unknown) {
    const original = (this as Record<string, unknown>)[key];
    return original instanceof Date ? { [DATE]: original.toISOString() } : value;
  });
}

const decodeContent = (json: string): Content =>
  JSON.parse(json, (_key, value: unknown) =>
    value && typeof value === 'object' && DATE in value && Object.keys(value).length === 1 ? new Date((value as Record<string, string>)[DATE]!) : value,
  ) as Content;

/** An outbox row's message as it goes out: rendered now in the language it was queued in. */
export function renderRow(row: Pick<repo.OutboxRow, 'kind' | 'content' | 'ics'>): RenderedMail {
  const content = decodeContent(row.content);
  if ('rendered' in content) {
    const r = content.rendered;
    return { ...r, inlineImages: r.inlineImages.map((i) => ({ ...i, content: Buffer.from(i.content, 'base64') })) };
  }
  return renderMail(row.kind as MailKind, content.language, content.data as MailData[MailKind], { calendarAttached: !!row.ics });
}

const RECIPIENT = /^[^\s@<>"(),;:\\]+@[^\s@<>"(),;:\\]+\.[^\s@<>"(),;:\\]{2,}$/;

export const newMessageId = () => `<${randomUUID()}@medlink.local>`;

function rowOf<K extends MailKind>(ctx: Ctx, kind: K, m: MailToQueue<K>): Insertable<Database['outbox']> {
  if (!RECIPIENT.test(m.to) || m.to.length > 254) throw new Error(`not an email address: ${JSON.stringify(m.to)}`);
  const nowIso = ctx.now.toISOString();
  // Once committed, a running sender need not wait for its next turn.
  ctx.afterCommit(() => ctx.deps.wakeSender());
  announce(ctx, mailChange(null));
  return {
    message_id: newMessageId(),
    kind,
    recipient: m.to,
    content: encodeContent({ language: m.language, data: m.data }),
    ics: m.ics ?? null,
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

/** Queues one kind of email and returns its outbox number. */
export async function enqueue<K extends MailKind>(ctx: Ctx, kind: K, m: MailToQueue<K>): Promise<Enqueued> {
  const row = rowOf(ctx, kind, m);
  return { id: await repo.insertMessage(ctx.db, row), messageId: row.message_id };
}

/**
 * Queues one kind of email; on PostgreSQL the row is put off (writeLater), so a change's several emails cost no
 * round trip of their own.
 */
export const enqueueMail = <K extends MailKind>(ctx: Ctx, kind: K, m: MailToQueue<K>): Promise<void> =>
  repo.insertMessageLater(ctx.db, rowOf(ctx, kind, m));

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
        subject: masked ? null : renderRow(r).subject,
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
