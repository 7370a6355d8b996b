import type { ChannelName, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';

/** How a call reaches the application; the screens never know which one they have. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown, token: string | undefined): Promise<Result<unknown>>;
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
};

export const transport: Transport = window.medlink ?? httpTransport;

export type Invoke = <C extends ChannelName>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;
