import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { LiveEvent } from '../../shared/live';
import { readEventStream } from './eventStream';

/** How a call reaches the application, and how its changes come back; the screens never know which one they have. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown, token: string | undefined): Promise<Result<unknown>>;
  /** Hears each change the session may hear of (and `all` after a gap), until the returned function is called. */
  subscribe(token: string, onEvent: (event: LiveEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    medlink?: Transport;
  }
}

/** Until the server says otherwise (`retry:`), a dropped feed is opened again after this long. */
const RETRY_MS = 2_000;

/**
 * Browser mode's feed: server-sent events over fetch, with the token in the Authorization header. A dropped
 * stream is opened again with Last-Event-ID, so the server replays what came meanwhile; a refused session (401,
 * 403) ends it, and the screen's next call signs it out.
 */
function httpSubscribe(token: string, onEvent: (event: LiveEvent) => void): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = RETRY_MS;
  const wait = () => new Promise((r) => setTimeout(r, retryMs));

  async function follow() {
    while (!controller.signal.aborted) {
      try {
        const res = await fetch('./api/events', {
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

const httpTransport: Transport = {
  async invoke(channel, input, token) {
    try {
      const res = await fetch('./api/invoke', {
        method: 'POST',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ channel, input }),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'MedLink is not reachable. Check that it is still running.' } };
    }
  },
  subscribe: httpSubscribe,
};

export const transport: Transport = window.medlink ?? httpTransport;

export type Invoke = <C extends ChannelName>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;
