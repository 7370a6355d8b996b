import nodemailer from 'nodemailer';
import { SMTP_SECURITY } from '../../../shared/contract/mail';
import { icsMethod } from '../mail/ics';

// Delivery over SMTP with nodemailer. The sender knows only the Transport interface, so tests can stand a
// transport in that hangs or fails on purpose.

export { SMTP_SECURITY };
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export interface SmtpConfig {
  host: string;
  port: number;
  /** tls: TLS from the first byte (usually port 465); starttls: upgrade required (587); none: plain (a local relay). */
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string;
  /** Shown as the sender's name (the clinic's). */
  fromName?: string;
}

/** An image the HTML part shows by `cid:` (a QR code), carried in the message itself. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  attachments: { filename: string; mime: string; bytes: Buffer }[];
  inlineImages: InlineImage[];
}

export interface Transport {
  /** Resolves once the server has accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(config: SmtpConfig): Transport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    // A send that hangs holds its message until the lease runs out; these keep it well inside the lease.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    dnsTimeout: 15_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: config.fromName ? { name: config.fromName, address: config.from } : config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.ics ? { icalEvent: { method: icsMethod(mail.ics), filename: 'invitation.ics', content: mail.ics } } : {}),
        attachments: [
          ...mail.attachments.map((a) => ({ filename: a.filename, contentType: a.mime, content: a.bytes })),
          ...mail.inlineImages.map((i) => ({ cid: i.cid, filename: i.filename, contentType: i.contentType, content: i.content, contentDisposition: 'inline' as const })),
        ],
        // Message content never names a file or URL for nodemailer to fetch.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close: () => transporter.close(),
  };
}

/** What went wrong, in a line fit for the queue screen (no credentials are ever part of it). */
export function describeSendError(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; message?: string } | null;
  const parts = [err?.code, err?.responseCode ? String(err.responseCode) : undefined, err?.message ?? String(e)].filter(Boolean);
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, 500);
}
