import { expect, onTestFinished, vi } from 'vitest';
import type { MedLinkApp } from '../../electron/core/app';
import type { Watch } from '../../electron/core/live/watch';
import type { LiveEvent } from '../../shared/live';
import { ok } from './clinic';

export interface Feed {
  /** Every event heard, with its id. */
  heard: { id: string; event: LiveEvent }[];
  /** The changes heard, without the `all` a seat on PostgreSQL sends once its listener is up. */
  changes(): LiveEvent[];
  /** Where the feed stood when it opened, or the id of the last event heard. */
  lastEventId(): string;
  ended(): boolean;
  stop(): void;
}

/** A screen's live feed for this session, as browser mode or an Electron window opens it; stopped when the test ends. */
export async function openFeed(app: Pick<MedLinkApp, 'watch'> | { watch: Watch }, token: string, lastEventId?: string): Promise<Feed> {
  const heard: Feed['heard'] = [];
  let ended = false;
  const watching = ok(await app.watch(token, lastEventId, { deliver: (id, event) => heard.push({ id, event }), end: () => (ended = true) }));
  onTestFinished(() => watching.stop());
  return {
    heard,
    changes: () => heard.map((h) => h.event).filter((e) => e.topic !== 'all'),
    lastEventId: () => heard.at(-1)?.id ?? watching.lastEventId,
    ended: () => ended,
    stop: watching.stop,
  };
}

/**
 * On PostgreSQL a seat's first feed starts its listening connection, which tells every feed to read everything
 * (`all`) once LISTEN is in force: after this, what the other seats say is heard. On SQLite there is nothing to wait for.
 */
export async function listening(feed: Feed, onPostgres: boolean): Promise<void> {
  if (!onPostgres) return;
  await vi.waitFor(() => expect(feed.heard.map((h) => h.event)).toContainEqual({ topic: 'all', id: null }), { timeout: 10_000, interval: 20 });
}
