import { onTestFinished } from 'vitest';
import type { Selectable } from 'kysely';
import { createApp, type AppOptions, type MedLinkApp } from '../../electron/core/app';
import type { Database } from '../../electron/core/db/schema';
import type { RenderedMail } from '../../electron/core/mail/templates';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import { keyFileOf, ok, type Clinic } from './clinic';
import { loopbackSmtpServer, type SmtpServer } from './smtp-server';

export { freePort } from './free-port';

/** A loopback SMTP server (see loopbackSmtpServer), stopped when the test ends. */
export async function smtpServer(options: Parameters<typeof loopbackSmtpServer>[0] = {}): Promise<SmtpServer> {
  const server = await loopbackSmtpServer(options);
  onTestFinished(() => server.stop());
  return server;
}

/** Points the clinic's mail settings at a loopback server, as the administrator's settings screen does. */
export async function useSmtp(clinic: Clinic, port: number, auth?: { user: string; pass: string }) {
  return ok(
    await clinic.call(
      'mail.saveSettings',
      { host: '127.0.0.1', port, security: 'none', from: 'reception@sunrise.in', ...(auth ? { user: auth.user, password: auth.pass } : {}) },
      clinic.adminToken,
    ),
  );
}

export type OutboxRow = Selectable<Database['outbox']>;

/** The outbox in order, each row with its message as the sender renders it. */
export const outboxRows = async (app: Pick<MedLinkApp, 'deps'>): Promise<(OutboxRow & RenderedMail)[]> =>
  (await app.deps.db.selectFrom('outbox').selectAll().orderBy('id').execute()).map((r) => ({ ...r, ...renderRow(r) }));

/**
 * Another MedLink on the clinic's data: a second seat on the same PostgreSQL database, or a second connection to
 * the same SQLite file; after the first one closed, the app started again. Closed when the test ends.
 */
export async function openAgain(clinic: Clinic, options: Partial<AppOptions> = {}): Promise<MedLinkApp> {
  const dataDir = options.dataDir ?? clinic.dataDir;
  const app = await createApp({ dataDir, keyFile: keyFileOf(dataDir), clock: clinic.clock, bcryptCost: 4, databaseUrl: clinic.databaseUrl, log: () => undefined, ...options });
  onTestFinished(() => app.close());
  return app;
}
