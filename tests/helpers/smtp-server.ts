import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

// A real SMTP server on loopback, for any test runner: the service tests (tests/helpers/smtp.ts stops it when
// the test ends) and the e2e specs (which stop it themselves).

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


/**
 * A real SMTP server on loopback that parses every message it accepts. `port`: listen there (a server that
 * comes up where a down one was); `auth`: the only user and password it accepts; `delayMs`: time taken per message.
 * `listen: false` leaves it down until start(). The caller stops it.
 */
export async function loopbackSmtpServer(options: { port?: number; auth?: { user: string; pass: string }; delayMs?: number; listen?: boolean } = {}): Promise<SmtpServer> {
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
  return handle;
}
