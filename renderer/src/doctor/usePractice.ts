import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelName, Input, Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';

/**
 * Loads a doctor-only channel; `forbidden` when the server says this doctor may not practise yet (still
 * being verified, or suspended), so the screen can explain instead of showing a bare error.
 */
export function usePractice<C extends ChannelName>(channel: C, input: Input<C>) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [data, setData] = useState<Output<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const key = JSON.stringify(input);
  const latest = useRef(key);
  latest.current = key;

  const reload = useCallback(async () => {
    const r = await invoke(channel, JSON.parse(key) as Input<C>);
    // Paging quickly through days: only the answer for what is asked now may be shown.
    if (latest.current !== key) return;
    if (r.ok) {
      setData(r.data);
      setError(null);
    } else if (r.error.code === 'FORBIDDEN') {
      setForbidden(true);
    } else {
      setError(errorText(t, r.error));
    }
  }, [invoke, channel, key, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, setData, error, forbidden, reload };
}
