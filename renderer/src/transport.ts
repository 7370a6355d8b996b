import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { LiveEvent } from '../../shared/live';
import { followEventStream } from './eventStream';

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
  subscribe: (token, onEvent) => followEventStream('./api/events', token, onEvent),
};

export const transport: Transport = window.medlink ?? httpTransport;

export type Invoke = <C extends ChannelName>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;
