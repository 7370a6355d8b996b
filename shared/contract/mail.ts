import { z } from 'zod';
import * as f from '../fields';
import { channel, none, ok } from './channel';

// The clinic's outgoing email: SMTP settings, a test message, and the outbox as the administrator sees it.

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled'] as const;

const host = f.hostName('host_required', 'host_invalid');

const mailSettings = z.object({
  /** False until an administrator saves settings; the other fields are then suggestions. */
  configured: z.boolean(),
  host: z.string(),
  port: z.number(),
  security: z.enum(SMTP_SECURITY),
  user: z.string(),
  from: z.string(),
  /** Whether a password is stored; the password itself never leaves the core. */
  passwordStored: z.boolean(),
});
export type MailSettingsView = z.infer<typeof mailSettings>;

const queued = z.object({
  id: z.number(),
  kind: z.string(),
  /** Masked (`p•••@example.in`) for mail about a patient. */
  recipient: z.string(),
  /** Null for mail about a patient: the administrator sees its kind, not what it says. */
  subject: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  dueAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type QueuedMail = z.infer<typeof queued>;

export const mailChannels = {
  'mail.settings': channel({ input: none, output: mailSettings, roles: ['admin'] }),
  'mail.saveSettings': channel({
    input: z.strictObject({
      host,
      port: f.port,
      security: z.enum(SMTP_SECURITY, { error: 'security_invalid' }),
      /** Empty or absent: the server takes mail without signing in (a local relay); any stored password is dropped. */
      user: z.string({ error: 'invalid' }).trim().max(254, 'too_long').optional(),
      /** Absent: keep the stored password. */
      password: z.string({ error: 'invalid' }).min(1, 'password_required').max(500, 'too_long').optional(),
      from: f.email,
    }),
    output: mailSettings,
    roles: ['admin'],
  }),
  'mail.sendTest': channel({ input: z.strictObject({ to: f.email }), output: z.object({ id: z.number() }), roles: ['admin'] }),
  'mail.queue': channel({
    input: z.strictObject({ status: z.enum(OUTBOX_STATUSES, { error: 'invalid' }).optional(), beforeId: f.id.optional() }),
    output: z.object({ messages: z.array(queued), more: z.boolean() }),
    roles: ['admin'],
  }),
  'mail.retry': channel({ input: z.strictObject({ id: f.id }), output: ok, roles: ['admin'] }),
} as const;

