// Browser mode's live feed: a text/event-stream (the server-sent events format) read from a fetch body and
// followed across dropped connections, which is what EventSource does, for a request that must carry an
// Authorization header (EventSource cannot send one, and the token must not go in the address).

import type { LiveEvent } from '../../shared/live';

interface StreamHandlers {
  /** One dispatched event: its data (the lines joined), and the last id seen so far. */
  onEvent(data: string, lastEventId: string | undefined): void;
  /** An id with no data: the resume point moved without an event. */
  onId(lastEventId: string): void;
  onRetry(ms: number): void;
}

/** Resolves when the stream ends (or rejects when the connection breaks). */
async function readEventStream(body: ReadableStream<Uint8Array>, handlers: StreamHandlers): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let id: string | undefined;

  const field = (line: string) => {
    if (line === '') {
      if (data.length) handlers.onEvent(data.join('\n'), id);
      else if (id !== undefined) handlers.onId(id);
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) handlers.onRetry(Number(value));
  };

  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    lines.forEach(field);
  }
}

/** Until the server says otherwise (`retry:`), a dropped feed is opened again after this long. */
const RETRY_MS = 2_000;

/**
 * Browser mode's live feed: server-sent events over fetch, with the token in the Authorization header. A dropped
 * stream is opened again with Last-Event-ID, so the server replays what came meanwhile; a refused session (401,
 * 403) ends it, and the screen's next call signs it out.
 */
export function followEventStream(url: string, token: string, onEvent: (event: LiveEvent) => void): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = RETRY_MS;
  const wait = () => new Promise((r) => setTimeout(r, retryMs));

  async function follow() {
    while (!controller.signal.aborted) {
      try {
        const res = await fetch(url, {
          cache: 'no-store',
          signal: controller.signal,
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}`, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
        });
        if (res.status === 401 || res.status === 403) return;
        if (res.ok && res.body) {
          await readEventStream(res.body, {
            onEvent(data, id) {
              lastEventId = id;
              let event: LiveEvent;
              try {
                event = JSON.parse(data) as LiveEvent;
              } catch {
                return;
              }
              onEvent(event);
            },
            onId: (id) => (lastEventId = id),
            onRetry: (ms) => (retryMs = ms),
          });
        }
      } catch {
        // Dropped (the server restarted, the network blinked): open it again below.
      }
      if (!controller.signal.aborted) await wait();
    }
  }

  void follow();
  return () => controller.abort();
}
