import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelName, Input, Output } from '../../../shared/contract';
import type { Invoke } from '../transport';
import { errorText } from './errors';

/** Loads a channel's answer when a screen opens; `reload` asks again (after a change). */
export function useLoad<C extends ChannelName>(invoke: Invoke, channel: C, input: Input<C>) {
  const { t } = useTranslation();
  const [data, setData] = useState<Output<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(input);

  const reload = useCallback(async () => {
    const r = await invoke(channel, JSON.parse(key) as Input<C>);
    if (r.ok) {
      setData(r.data);
      setError(null);
    } else {
      setError(errorText(t, r.error));
    }
  }, [invoke, channel, key, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload, loading: data === null && error === null };
}
