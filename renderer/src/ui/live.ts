import { createContext, useContext, useEffect, useRef } from 'react';
import type { LiveEvent, LiveTopic } from '../../../shared/live';

/** Registers a listener for the window's live feed; returns the function that removes it. */
export type Listen = (topics: readonly LiveTopic[], onChange: (event: LiveEvent) => void) => () => void;

/** The signed-in window's live feed (session.tsx opens it); null where nobody is signed in. */
export const LiveContext = createContext<Listen | null>(null);

/** Several changes in a burst (a booking and its emails, a day's rearrangement) lead to one read, this long after the first. */
const SETTLE_MS = 200;

/** Calls `onChange` when something of these topics changes (or after a gap in the feed), at most once per burst. */
export function useLive(topics: readonly LiveTopic[], onChange: () => void): void {
  const listen = useContext(LiveContext);
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = topics.join(',');
  useEffect(() => {
    if (!listen) return;
    let timer: number | undefined;
    const stop = listen(key.split(',') as LiveTopic[], () => {
      if (timer === undefined) timer = window.setTimeout(() => {
        timer = undefined;
        latest.current();
      }, SETTLE_MS);
    });
    return () => {
      window.clearTimeout(timer);
      stop();
    };
  }, [listen, key]);
}
