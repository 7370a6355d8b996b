import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/errors';
import { CHANNELS, INVOKE_CHANNEL } from './channels';

// Bundled to dist/electron/preload.cjs. A sandboxed preload may require only 'electron'.

const unknownChannel: Result<never> = { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'This action does not exist.' } };

const bridge = {
  /** Same shape as browser mode: the screen passes its session token with every call. */
  invoke(channel: unknown, input?: unknown, token?: unknown): Promise<Result<unknown>> {
    // hasOwn, so names such as 'constructor' or '__proto__' are not mistaken for channels.
    if (typeof channel !== 'string' || !Object.hasOwn(CHANNELS, channel)) return Promise.resolve(unknownChannel);
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input, typeof token === 'string' ? token : undefined);
  },
};

contextBridge.exposeInMainWorld('medlink', bridge);
