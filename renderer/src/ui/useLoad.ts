import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelName, Input, Output } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';
import type { LiveTopic } from '../../../shared/live';
import type { Invoke } from '../transport';
import { ReconnectContext } from './connection';
import { errorText } from './errors';
import { useLive } from './live';

/**
 * Loads a channel's answer when a screen opens; `reload` asks again (after a change). `errorCode` lets a screen
 * explain a refusal in its own words (a doctor not yet verified, or suspended, gets FORBIDDEN). `live`: the
 * topics whose changes (made at this window, another window or another seat) make it ask again by itself.
 */
export function useLoad<C extends ChannelName>(invoke: Invoke, channel: C, input: Input<C>, live: readonly LiveTopic[] = []) {
  const { t } = useTranslation();
  const [data, setData] = useState<Output<C> | null>(null);
  const [failure, setFailure] = useState<{ code: ErrorCode; text: string } | null>(null);
  const key = JSON.stringify(input);
  const latest = useRef(key);
  latest.current = key;

  const reload = useCallback(async () => {
    const r = await invoke(channel, JSON.parse(key) as Input<C>);
    // Paging quickly through days: only the answer for what is asked now may be shown.
    if (latest.current !== key) return;
    if (r.ok) {
      setData(r.data);
      setFailure(null);
    } else {
      setFailure({ code: r.error.code, text: errorText(t, r.error) });
    }
  }, [invoke, channel, key, t]);

  // Asked again when a signed-in window finds the clinic's database server again after losing it.
  const reconnected = useContext(ReconnectContext);
  useEffect(() => {
    void reload();
  }, [reload, reconnected]);
  useLive(live, () => void reload());

  const error = failure?.text ?? null;
  return { data, setData, error, errorCode: failure?.code ?? null, reload, loading: data === null && error === null };
}
