import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../../shared/errors';
import type { LiveEvent } from '../../shared/live';
import { CHANNELS, INVOKE_CHANNEL, LIVE_EVENT, UNWATCH_CHANNEL, WATCH_CHANNEL } from './channels';

// Bundled to dist/electron/preload.cjs. A sandboxed preload may require only 'electron'.

const unknownChannel: Result<never> = { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'This action does not exist.' } };

const bridge = {
  /** Same shape as browser mode: the screen passes its session token with every call. */
  invoke(channel: unknown, input?: unknown, token?: unknown): Promise<Result<unknown>> {
    // hasOwn, so names such as 'constructor' or '__proto__' are not mistaken for channels.
    if (typeof channel !== 'string' || !Object.hasOwn(CHANNELS, channel)) return Promise.resolve(unknownChannel);
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input, typeof token === 'string' ? token : undefined);
  },
  /** The window's live feed: `onEvent` hears each change its session may hear of, until the returned function is called. */
  subscribe(token: unknown, onEvent: unknown): () => void {
    if (typeof token !== 'string' || typeof onEvent !== 'function') return () => undefined;
    // Only the event, never Electron's IPC event object (which would hand the page the sender).
    const listener = (_event: IpcRendererEvent, event: LiveEvent) => (onEvent as (e: LiveEvent) => void)(event);
    ipcRenderer.removeAllListeners(LIVE_EVENT);
    ipcRenderer.on(LIVE_EVENT, listener);
    ipcRenderer.send(WATCH_CHANNEL, token);
    return () => {
      ipcRenderer.removeListener(LIVE_EVENT, listener);
      ipcRenderer.send(UNWATCH_CHANNEL);
    };
  },
};

contextBridge.exposeInMainWorld('medlink', bridge);
