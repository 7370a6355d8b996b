import type { AppError, Result } from '../../../shared/errors';
import { peekSession } from '../auth/auth.service';
import type { Deps, Session } from '../context';
import { isUnreachable } from '../db/dialects';
import { notEnrolled } from '../secrets/keyring';
import type { Feed } from './bus';
import { fromOtherSeat } from './changes';
import { listenToSeats, type Listener } from './pg-listen';

export interface Watching {
  stop(): void;
  /** Where the feed stands as it opens: its resume point until it hears something. */
  lastEventId: string;
}

/** Opens a signed-in person's live feed (browser mode's event stream, an Electron window's IPC events). */
export type Watch = (token: string | undefined, lastEventId: string | undefined, feed: Feed) => Promise<Result<Watching>>;

/** How often an open feed checks that its session is still open (signed out, timed out, roles changed). */
const RECHECK_MS = 30_000;

const refusal = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const sameRoles = (a: Session, b: Session) => a.roles.length === b.roles.length && a.roles.every((r) => b.roles.includes(r));

/**
 * The live feeds of one app: each for a session that is open (checked without counting as activity), hearing only
 * what its person may hear of. On PostgreSQL the other seats' changes come in through one listening connection,
 * opened with the first feed.
 */
export function createWatch(deps: Deps, options: { databaseUrl?: string; recheckMs?: number } = {}): { watch: Watch; close(): Promise<void> } {
  const { live } = deps;
  let listener: Listener | undefined;
  const open = new Set<() => void>();

  const viewer = (token: string | undefined) =>
    deps.db.transaction().execute((trx) => peekSession({ db: trx, now: deps.clock.now(), deps, session: null, afterCommit: () => undefined }, token));

  function listen() {
    if (listener || !options.databaseUrl) return;
    listener = listenToSeats({
      url: options.databaseUrl,
      onNotification(payload) {
        const changes = fromOtherSeat(payload, live.origin);
        if (changes === 'all') live.resetAll();
        else if (changes) live.publish(changes);
      },
      // Whatever the other seats said before LISTEN was in force (at first, or while reconnecting) is lost.
      onListening: () => live.resetAll(),
      log: deps.log,
    });
  }

  const watch: Watch = async (token, lastEventId, feed) => {
    if (!deps.keyring.enrolled) {
      const e = notEnrolled();
      return refusal(e.code, e.message);
    }
    let session: Session | null;
    try {
      session = await viewer(token);
    } catch (e) {
      if (isUnreachable(e)) return refusal('UNAVAILABLE', "The clinic's database server cannot be reached.");
      throw e;
    }
    if (!session) return refusal('UNAUTHENTICATED', 'Please sign in.');
    if (session.mustChangePassword) return refusal('PASSWORD_CHANGE_REQUIRED', 'Please choose a new password before you continue.');
    listen();
    const opened = session;
    const unsubscribe = live.subscribe({ userId: opened.userId, roles: opened.roles }, lastEventId, feed);
    const timer = setInterval(() => {
      viewer(token).then(
        (now) => {
          if (now && sameRoles(now, opened)) return;
          stop();
          feed.end();
        },
        // The database is away for a moment: the feed stays, the next check decides.
        () => undefined,
      );
    }, options.recheckMs ?? RECHECK_MS);
    const stop = () => {
      clearInterval(timer);
      unsubscribe();
      open.delete(stop);
    };
    open.add(stop);
    return { ok: true, data: { stop, lastEventId: live.lastId } };
  };

  return {
    watch,
    async close() {
      live.close();
      for (const stop of open) stop();
      await listener?.close();
    },
  };
}
