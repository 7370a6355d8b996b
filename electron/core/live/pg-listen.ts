// DIALECT-SPECIFIC: the other seats' notifications on PostgreSQL, heard on one connection of its own (a pooled
// connection goes back to the pool and stops listening). The connection is checked every keepAliveMs; when it
// fails or drops, a new one is opened (after 1, 2, 4, 8, then every 15 s) and LISTEN is issued on it again, and
// `onListening` says so: what was said while nobody listened is lost, so the screens read everything again.
import pg from 'pg';
import { LIVE_CHANNEL } from '../db/dialects';

export interface ListenOptions {
  url: string;
  onNotification(payload: string): void;
  /** Each time LISTEN is in force on a new connection (the first one included). */
  onListening(): void;
  log(message: string): void;
  keepAliveMs?: number;
  retryMs?: readonly number[];
}

export interface Listener {
  close(): Promise<void>;
}

const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

export function listenToSeats(options: ListenOptions): Listener {
  const keepAliveMs = options.keepAliveMs ?? 30_000;
  const retryMs = options.retryMs ?? RETRY_MS;
  let client: pg.Client | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let checkTimer: ReturnType<typeof setInterval> | undefined;
  let lostSaid = false;

  function retry() {
    if (closed) return;
    retryTimer = setTimeout(() => void connect(), retryMs[Math.min(failures++, retryMs.length - 1)]);
  }

  function drop(c: pg.Client, why: string) {
    if (client !== c) return;
    client = null;
    clearInterval(checkTimer);
    c.end().catch(() => undefined);
    if (!closed && !lostSaid) options.log(`Live updates from the other seats paused (${why}); reconnecting.`);
    lostSaid = true;
    retry();
  }

  async function connect() {
    // A check that hangs (a server gone without a word) fails after this long instead.
    const c = new pg.Client({ connectionString: options.url, application_name: 'MedLink live', connectionTimeoutMillis: 5_000, query_timeout: 5_000, keepAlive: true });
    c.on('error', (e: Error) => drop(c, e.message));
    c.on('end', () => drop(c, 'the connection ended'));
    c.on('notification', (n) => {
      if (n.channel === LIVE_CHANNEL && n.payload) options.onNotification(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch {
      c.end().catch(() => undefined);
      return retry();
    }
    if (closed) return void c.end().catch(() => undefined);
    client = c;
    failures = 0;
    if (lostSaid) options.log('Live updates from the other seats resumed.');
    lostSaid = false;
    checkTimer = setInterval(() => void c.query('select 1').catch((e: Error) => drop(c, e.message)), keepAliveMs);
    options.onListening();
  }

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(checkTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
