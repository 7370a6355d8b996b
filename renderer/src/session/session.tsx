import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChannelName, Input, LoginResult, Output, SessionUser } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { Portal } from '../../../shared/roles';
import type { LiveEvent } from '../../../shared/live';
import { transport, type Invoke } from '../transport';
import { ReconnectContext } from '../ui/connection';
import { LiveContext, type Listen } from '../ui/live';

export type SignOutReason = 'signed_out' | 'idle' | 'expired' | 'reloaded';

interface SessionValue {
  portal: Portal;
  user: SessionUser;
  invoke: Invoke;
  signOut(reason?: SignOutReason): void;
  /** The last call found the clinic's database server unreachable (the window says so above the screen). */
  lost: boolean;
  /** Asks the server again; true once it answers. */
  checkConnection(): Promise<boolean>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}

/** An invoke without a session, for the sign-in, sign-up and setup screens. */
export const publicInvoke: Invoke = <C extends ChannelName>(channel: C, input: Input<C>) =>
  transport.invoke(channel, input, undefined) as Promise<Result<Output<C>>>;

const NOTICE_KEY = 'medlink.notice';
/** Set while someone is signed in in this window: still there at the next load, the window was reloaded. */
const SIGNED_IN_KEY = 'medlink.signedIn';
/** Why the last session ended, shown once on the sign-in screen; holds no personal data. */
export function takeSignOutNotice(): SignOutReason | null {
  const reason = (sessionStorage.getItem(NOTICE_KEY) as SignOutReason | null) ?? (sessionStorage.getItem(SIGNED_IN_KEY) ? 'reloaded' : null);
  sessionStorage.removeItem(NOTICE_KEY);
  sessionStorage.removeItem(SIGNED_IN_KEY);
  return reason;
}

/**
 * Signing out reloads the page: everything the screens held is gone from memory, and the history has
 * nothing to go back to (the app never pushes history entries).
 */
function endSession(reason: SignOutReason) {
  sessionStorage.removeItem(SIGNED_IN_KEY);
  sessionStorage.setItem(NOTICE_KEY, reason);
  window.location.replace(window.location.pathname + window.location.search);
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const PING_EVERY_MS = 60_000;

export function SessionProvider({ portal, login, children }: { portal: Portal; login: LoginResult; children: ReactNode }) {
  const token = login.token;
  // The sign-in lives only in this page's memory: a reload ends it, and the sign-in screen then says why.
  useEffect(() => sessionStorage.setItem(SIGNED_IN_KEY, '1'), []);
  const lastActivity = useRef(Date.now());
  const lastPing = useRef(Date.now());
  const ended = useRef(false);
  const [lost, setLost] = useState(false);
  const [reconnected, setReconnected] = useState(0);
  const wasLost = useRef(false);

  const signOut = useCallback(
    (reason: SignOutReason = 'signed_out') => {
      if (ended.current) return;
      ended.current = true;
      void transport.invoke('auth.logout', {}, token).finally(() => endSession(reason));
    },
    [token],
  );

  const invoke = useCallback<Invoke>(
    async <C extends ChannelName>(channel: C, input: Input<C>) => {
      const r = await transport.invoke(channel, input, token);
      if (!r.ok && (r.error.code === 'SESSION_EXPIRED' || r.error.code === 'UNAUTHENTICATED')) signOut('expired');
      // One place for every signed-in screen: a lost server shows above the screen until any call gets through,
      // and then every loaded screen asks again (useLoad listens to ReconnectContext).
      const unavailable = !r.ok && r.error.code === 'UNAVAILABLE';
      if (unavailable !== wasLost.current) {
        wasLost.current = unavailable;
        setLost(unavailable);
        if (!unavailable) setReconnected((n) => n + 1);
      }
      lastPing.current = Date.now();
      return r as Result<Output<C>>;
    },
    [token, signOut],
  );

  // Idle lock: after the clinic's idle limit with no input, sign out and wipe the screen.
  useEffect(() => {
    const onActivity = () => {
      lastActivity.current = Date.now();
      // Typing a long form makes no calls: tell the server the person is still here.
      if (Date.now() - lastPing.current > PING_EVERY_MS) void invoke('auth.session', {});
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= login.idleMinutes * 60_000) signOut('idle');
    }, 1000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
    };
  }, [invoke, signOut, login.idleMinutes]);

  // The window's one live feed, opened with the session: each screen listens to the topics it shows.
  const listeners = useRef(new Set<{ topics: readonly string[]; onChange: (event: LiveEvent) => void }>());
  useEffect(
    () =>
      transport.subscribe(token, (event) => {
        for (const l of listeners.current) if (event.topic === 'all' || l.topics.includes(event.topic)) l.onChange(event);
      }),
    [token],
  );
  const listen = useCallback<Listen>((topics, onChange) => {
    const listener = { topics, onChange };
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const checkConnection = useCallback(async () => (await invoke('auth.session', {})).ok, [invoke]);
  const value = useMemo(() => ({ portal, user: login.user, invoke, signOut, lost, checkConnection }), [portal, login.user, invoke, signOut, lost, checkConnection]);
  return (
    <SessionContext.Provider value={value}>
      <LiveContext.Provider value={listen}>
        <ReconnectContext.Provider value={reconnected}>{children}</ReconnectContext.Provider>
      </LiveContext.Provider>
    </SessionContext.Provider>
  );
}
