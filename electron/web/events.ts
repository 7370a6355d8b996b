import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Watch } from '../core/live/watch';

// Browser mode's live feed: server-sent events (text/event-stream). The page reads it with fetch, not EventSource,
// so that the session token travels in the Authorization header as for every call, never in the address (which
// lands in logs and history); the stream keeps the format EventSource reads: `id:` lines for resuming after
// Last-Event-ID, `retry:` for the reconnect delay, comments to keep idle connections open.

/** How long a page waits before opening the feed again after it dropped. */
const RETRY_MS = 2_000;
/** A comment this often keeps proxies and idle-timeouts from closing a quiet stream, and finds dead sockets. */
const KEEP_ALIVE_MS = 15_000;

/** Anything that could end a line in the stream's format is kept out of the one `data:` line of an event. */
const oneLine = (text: string) => text.replace(/[\r\n]/g, '');

export interface EventStreamOptions {
  watch: Watch;
  headers: Record<string, string>;
  /** Refuses as JSON, as every other path does. */
  refuse(status: number, code: string, message: string): void;
  keepAliveMs?: number;
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, SESSION_EXPIRED: 401, PASSWORD_CHANGE_REQUIRED: 403 };

export async function eventStream(req: IncomingMessage, res: ServerResponse, options: EventStreamOptions): Promise<void> {
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
  const last = req.headers['last-event-id'];
  const lastEventId = typeof last === 'string' && last.length <= 100 ? last : undefined;

  const pending: string[] = [];
  let open = false;
  const write = (chunk: string) => (open ? res.write(chunk) : pending.push(chunk));
  const watching = await options.watch(token, lastEventId, {
    deliver: (id, event) => write(`id: ${oneLine(id)}\ndata: ${oneLine(JSON.stringify(event))}\n\n`),
    end: () => res.end(),
  });
  if (!watching.ok) {
    // 401 and 403: the page stops (its next call signs it out); anything else (503): it tries again later.
    return options.refuse(STATUS[watching.error.code] ?? 503, watching.error.code, watching.error.message);
  }
  const { stop, lastEventId: from } = watching.data;
  res.writeHead(200, { ...options.headers, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  open = true;
  // What was replayed, then the resume point as it stands (an id with no data moves it without an event).
  res.write(`retry: ${RETRY_MS}\n\n${pending.join('')}id: ${oneLine(from)}\n\n`);
  const ping = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs ?? KEEP_ALIVE_MS);
  res.on('close', () => {
    clearInterval(ping);
    stop();
  });
}
