import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../../shared/errors';
import type { Dispatch } from '../core/dispatcher';
import type { Watch } from '../core/live/watch';
import { INVOKE_CHANNEL, LIVE_EVENT, UNWATCH_CHANNEL, WATCH_CHANNEL } from '../preload/channels';

/** Only the top frame of one of our windows, showing our own index page, may call the app. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>,
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

export interface LiveDeps {
  watch: Watch;
  isTrusted(event: IpcMainEvent): boolean;
  log(message: string): void;
  /** While the clinic's database is not open yet, the feed is asked for again after this long. */
  retryMs?: number;
}

/**
 * Each window's live feed: asked for by its preload with the window's session token, sent back as IPC events.
 * One feed per window: asking again (a new sign-in) replaces it, and a navigation (sign-out reloads the page)
 * or the window closing ends it.
 */
export function registerLive(ipcMain: IpcMain, deps: LiveDeps): void {
  const feeds = new Map<WebContents, { stop?: () => void; timer?: ReturnType<typeof setTimeout> }>();
  const known = new WeakSet<WebContents>();

  function stop(contents: WebContents) {
    const feed = feeds.get(contents);
    feeds.delete(contents);
    clearTimeout(feed?.timer);
    feed?.stop?.();
  }

  function open(contents: WebContents, token: string | undefined, feed: { stop?: () => void; timer?: ReturnType<typeof setTimeout> }) {
    const current = () => feeds.get(contents) === feed;
    deps
      .watch(token, undefined, {
        deliver: (_id, event) => {
          if (!contents.isDestroyed()) contents.send(LIVE_EVENT, event);
        },
        end: () => {
          if (current()) feeds.delete(contents);
        },
      })
      .then(
        (r) => {
          if (!current()) return r.ok && r.data.stop();
          if (r.ok) feed.stop = r.data.stop;
          // The database is not open yet: ask again. A refused session gets nothing; the window's next call signs it out.
          else if (r.error.code === 'UNAVAILABLE') feed.timer = setTimeout(() => open(contents, token, feed), deps.retryMs ?? 2_000);
          else feeds.delete(contents);
        },
        (e: unknown) => deps.log(`A window's live feed failed: ${e instanceof Error ? e.message : String(e)}`),
      );
  }

  ipcMain.on(WATCH_CHANNEL, (event, token: unknown) => {
    if (!deps.isTrusted(event)) {
      deps.log(`Refused a live feed for an unknown frame: ${event.senderFrame?.url ?? 'none'}`);
      return;
    }
    const contents = event.sender;
    stop(contents);
    if (!known.has(contents)) {
      known.add(contents);
      contents.on('did-navigate', () => stop(contents));
      contents.once('destroyed', () => stop(contents));
    }
    const feed = {};
    feeds.set(contents, feed);
    open(contents, typeof token === 'string' ? token : undefined, feed);
  });
  ipcMain.on(UNWATCH_CHANNEL, (event) => {
    if (deps.isTrusted(event)) stop(event.sender);
  });
}
