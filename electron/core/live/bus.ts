import { randomBytes } from 'node:crypto';
import type { LiveEvent, LiveTopic } from '../../../shared/live';
import type { Role } from '../../../shared/roles';

/** Who may hear of a change: anyone with one of the roles, or one of the users (a patient, a doctor). */
export interface Audience {
  roles: readonly Role[];
  users: readonly number[];
}

export interface Change {
  topic: LiveTopic;
  id: number | null;
  audience: Audience;
}

/** A signed-in person watching their screens. */
export interface Viewer {
  userId: number;
  roles: readonly Role[];
}

export interface Feed {
  /** `eventId` is the resume point: a feed opened again after it gets what came later. */
  deliver(eventId: string, event: LiveEvent): void;
  /** The feed was closed by the bus (its app is closing). */
  end(): void;
}

export interface LiveBus {
  /** This bus's instance, random: event ids carry it, and so do this seat's notifications to the others. */
  readonly origin: string;
  publish(changes: readonly Change[]): void;
  /** Every screen reads everything again: something may have been missed that no history holds. */
  resetAll(): void;
  /** Replays what came after `lastEventId` (or `all` when that is beyond the history), then follows. */
  subscribe(viewer: Viewer, lastEventId: string | undefined, feed: Feed): () => void;
  /** The id of the latest event: where a feed opened now resumes from, if it has heard nothing yet. */
  readonly lastId: string;
  /** How many feeds are open (the PostgreSQL listener runs only while there are any). */
  readonly size: number;
  close(): void;
}

/** Enough for a screen's feed to come back after a dropped connection or a laptop's short sleep. */
const HISTORY = 1_000;

const sees = (viewer: Viewer, audience: Audience) =>
  audience.users.includes(viewer.userId) || audience.roles.some((r) => viewer.roles.includes(r));

const RESET: LiveEvent = { topic: 'all', id: null };

/**
 * The changes committed on this seat (and those other seats report), numbered, kept in a bounded history and
 * handed to each feed whose viewer may hear of them. Ids are `<origin>.<sequence>`: a resume point from
 * another run of the app (or older than the history) gets `all` instead of a replay with a hole in it.
 */
export function createLiveBus(historySize = HISTORY): LiveBus {
  const origin = randomBytes(8).toString('hex');
  // Each entry: its sequence number and the change (null: a reset, for everyone).
  const history: { seq: number; change: Change | null }[] = [];
  const feeds = new Map<Feed, Viewer>();
  let seq = 0;
  const idOf = (n: number) => `${origin}.${n}`;

  function send(feed: Feed, viewer: Viewer, n: number, change: Change | null) {
    if (!change) feed.deliver(idOf(n), RESET);
    else if (sees(viewer, change.audience)) feed.deliver(idOf(n), { topic: change.topic, id: change.id });
  }

  function add(change: Change | null) {
    const n = ++seq;
    history.push({ seq: n, change });
    if (history.length > historySize) history.shift();
    for (const [feed, viewer] of feeds) send(feed, viewer, n, change);
  }

  /** The sequence after which a feed resumes, or null when it cannot be replayed without a gap. */
  function resumeAfter(lastEventId: string): number | null {
    const dot = lastEventId.lastIndexOf('.');
    const n = Number(lastEventId.slice(dot + 1));
    if (lastEventId.slice(0, dot) !== origin || !Number.isInteger(n) || n > seq) return null;
    const oldest = history[0]?.seq ?? seq + 1;
    return n >= oldest - 1 ? n : null;
  }

  return {
    origin,
    publish: (changes) => changes.forEach(add),
    resetAll: () => add(null),
    subscribe(viewer, lastEventId, feed) {
      if (lastEventId !== undefined) {
        const after = resumeAfter(lastEventId);
        if (after === null) feed.deliver(idOf(seq), RESET);
        else for (const e of history) if (e.seq > after) send(feed, viewer, e.seq, e.change);
      }
      feeds.set(feed, viewer);
      return () => void feeds.delete(feed);
    },
    get lastId() {
      return idOf(seq);
    },
    get size() {
      return feeds.size;
    },
    close() {
      const open = [...feeds.keys()];
      feeds.clear();
      for (const feed of open) feed.end();
    },
  };
}
