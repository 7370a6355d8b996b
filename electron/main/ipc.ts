import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../../shared/errors';
import type { Dispatch } from '../core/dispatcher';
import { INVOKE_CHANNEL } from '../preload/channels';

/** Only the top frame of one of our windows, showing our own index page, may call the app. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  owns: (contents: WebContents) => boolean,
  isAppPage: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return owns(event.sender) && isAppPage(frame.url);
}

export interface InvokeDeps {
  dispatch: Dispatch;
  isTrusted(event: IpcMainInvokeEvent): boolean;
  log(message: string): void;
}

const internal: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } };

export function registerInvoke(ipcMain: IpcMain, deps: InvokeDeps): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown, token: unknown) => {
    if (!deps.isTrusted(event)) {
      deps.log(`Refused an IPC call from an unknown frame: ${event.senderFrame?.url ?? 'none'}`);
      throw new Error('Refused.');
    }
    try {
      return await deps.dispatch(channel, input, typeof token === 'string' ? token : undefined);
    } catch (e) {
      // The dispatcher answers with a Result; should it ever throw, no stack reaches the screen.
      deps.log(`IPC dispatch failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return internal;
    }
  });
}
