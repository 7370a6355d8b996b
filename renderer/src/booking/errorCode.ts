import { useCallback, useRef } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import type { Invoke } from '../transport';

/**
 * Wraps an invoke so a screen can read the code of the last refusal (useSubmit keeps only its message):
 * a booking refused with SLOT_TAKEN shows the next free times, not just the words.
 */
export function useErrorCode(invoke: Invoke) {
  const code = useRef<ErrorCode | null>(null);
  const tracked = useCallback<Invoke>(
    async (channel, input) => {
      code.current = null;
      const r = await invoke(channel, input);
      if (!r.ok) code.current = r.error.code;
      return r;
    },
    [invoke],
  );
  return { invoke: tracked, lastCode: () => code.current };
}
