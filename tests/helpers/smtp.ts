import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { onTestFinished } from 'vitest';
import type { Selectable } from 'kysely';
import { createApp, type AppOptions, type MedLinkApp } from '../../electron/core/app';
import type { Database } from '../../electron/core/db/schema';
import { ok, type Clinic } from './clinic';

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface SmtpServer {
  port: number;
  received: Received[];
  /** How many copies arrived of each Message-ID. */
  countsByMessageId(): Map<string, number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on (yet): an SMTP server that is down. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * A real SMTP server on loopback that parses every message it accepts. `port`: listen there (a server that
 * comes up where a down one was); `auth`: the only user and password it accepts; `delayMs`: time taken per message.
 * Stopped when the test ends. `listen: false` leaves it down until start().
 */
export async function smtpServer(options: { port?: number; auth?: { user: string; pass: string }; delayMs?: number; listen?: boolean } = {}): Promise<SmtpServer> {
  const received: Received[] = [];
  let server: SMTPServer | undefined;
  const port = options.port ?? (await freePort());
  const make = () =>
    new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: !options.auth,
      onAuth(auth, _session, callback) {
        if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          void simpleParser(Buffer.concat(chunks)).then(async (mail) => {
            if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          }, callback);
        });
      },
    });
  const handle: SmtpServer = {
    port,
    received,
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const r of received) counts.set(r.mail.messageId ?? '', (counts.get(r.mail.messageId ?? '') ?? 0) + 1);
      return counts;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        server = make();
        server.on('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        const s = server;
        server = undefined;
        s.close(() => resolve());
      }),
  };
  if (options.listen !== false) await handle.start();
  onTestFinished(() => handle.stop());
  return handle;
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

export const outboxRows = (app: Pick<MedLinkApp, 'deps'>): Promise<OutboxRow[]> => app.deps.db.selectFrom('outbox').selectAll().orderBy('id').execute();

/**
 * Another MedLink on the clinic's data: a second seat on the same PostgreSQL database, or a second connection to
 * the same SQLite file; after the first one closed, the app started again. Closed when the test ends.
 */
export async function openAgain(clinic: Clinic, options: Partial<AppOptions> = {}): Promise<MedLinkApp> {
  const app = await createApp({ dataDir: clinic.dataDir, clock: clinic.clock, bcryptCost: 4, databaseUrl: clinic.databaseUrl, log: () => undefined, ...options });
  onTestFinished(() => app.close());
  return app;
}
