import { useCallback, useState } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import type { Invoke } from '../transport';

/**
 * Wraps an invoke so a screen can see the code of the last refusal (useSubmit keeps only its message):
 * a booking refused with SLOT_TAKEN shows the next free times, not just the words.
 */
export function useErrorCode(invoke: Invoke) {
  const [code, setCode] = useState<ErrorCode | null>(null);
  const tracked = useCallback<Invoke>(
    async (channel, input) => {
      setCode(null);
      const r = await invoke(channel, input);
      if (!r.ok) setCode(r.error.code);
      return r;
    },
    [invoke],
  );
  return { invoke: tracked, code, clear: () => setCode(null) };
}
