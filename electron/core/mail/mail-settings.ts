import type { Kysely } from 'kysely';
import type { MailSettingsView, ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { deleteSettings, readSettings, writeSettings } from '../clinic/settings.repo';
import { requireSession, type Ctx } from '../context';
import type { Database } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';
import { smtpTransport, SMTP_SECURITY, type SmtpConfig, type SmtpSecurity, type Transport } from '../outbox/smtp';

// The clinic's SMTP settings, kept in the settings table under mail.*; the password only ever sealed.

const KEY = {
  host: 'mail.host',
  port: 'mail.port',
  security: 'mail.security',
  user: 'mail.user',
  password: 'mail.password',
  from: 'mail.from',
} as const;

const security = (v: string | undefined): SmtpSecurity => ((SMTP_SECURITY as readonly string[]).includes(v ?? '') ? (v as SmtpSecurity) : 'starttls');

function view(s: Map<string, string>): MailSettingsView {
  return {
    configured: !!s.get(KEY.host) && !!s.get(KEY.from),
    host: s.get(KEY.host) ?? '',
    port: Number(s.get(KEY.port) ?? 587),
    security: security(s.get(KEY.security)),
    user: s.get(KEY.user) ?? '',
    from: s.get(KEY.from) ?? '',
    passwordStored: !!s.get(KEY.password),
  };
}

export const mailSettings = async (ctx: Ctx): Promise<MailSettingsView> => view(await readSettings(ctx.db));

export async function saveMailSettings(ctx: Ctx, input: ParsedInput<'mail.saveSettings'>): Promise<MailSettingsView> {
  const admin = requireSession(ctx);
  const before = await readSettings(ctx.db);
  const user = input.user ?? '';
  const values: Record<string, string> = {
    [KEY.host]: input.host,
    [KEY.port]: String(input.port),
    [KEY.security]: input.security,
    [KEY.user]: user,
    [KEY.from]: input.from,
  };
  if (user && input.password !== undefined) values[KEY.password] = ctx.deps.keyring.secrets.seal(input.password);
  await writeSettings(ctx.db, values);
  // No account to sign in with: no password to keep either.
  if (!user) await deleteSettings(ctx.db, [KEY.password]);
  const changed = Object.keys(values).filter((k) => k === KEY.password || before.get(k) !== values[k]);
  if (!user && before.has(KEY.password)) changed.push(KEY.password);
  await record(ctx, { action: 'settings.updated', actorId: admin.userId, detail: { changed } });
  ctx.afterCommit(() => ctx.deps.wakeSender());
  return view(await readSettings(ctx.db));
}

/** The settings the sender needs, password opened; null until SMTP is configured. */
export async function readSmtpConfig(db: Kysely<Database>, secrets: SecretBox): Promise<SmtpConfig | null> {
  const s = await readSettings(db);
  const v = view(s);
  if (!v.configured) return null;
  const sealed = s.get(KEY.password);
  return {
    host: v.host,
    port: v.port,
    security: v.security,
    user: v.user || null,
    password: v.user && sealed ? secrets.open(sealed) : null,
    from: v.from,
    fromName: s.get('clinic.name'),
  };
}

/**
 * The sender's transport, rebuilt when the settings change (read on each run, so a change applies at once
 * on every seat). `create` is nodemailer's SMTP transport unless a test says otherwise.
 */
export function transportFromSettings(
  db: Kysely<Database>,
  secrets: SecretBox,
  create: (config: SmtpConfig) => Transport = smtpTransport,
): { get(): Promise<Transport | null>; close(): void } {
  let current: { key: string; transport: Transport } | undefined;
  const close = () => {
    current?.transport.close();
    current = undefined;
  };
  return {
    async get() {
      const config = await readSmtpConfig(db, secrets);
      if (!config) {
        close();
        return null;
      }
      const key = JSON.stringify(config);
      if (current?.key !== key) {
        close();
        current = { key, transport: create(config) };
      }
      return current.transport;
    },
    close,
  };
}
