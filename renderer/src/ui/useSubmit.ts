import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelName, type Input, type Output } from '../../../shared/contract';
import { issuesToFields } from '../../../shared/validation';
import type { Invoke } from '../transport';
import { errorText, fieldText } from './errors';

/**
 * One form's call: checks the input with the channel's own schema first (inline errors at once), then
 * sends it; the server checks everything again. Field errors are keyed by path, e.g. "address.pinCode".
 */
export function useSubmit<C extends ChannelName>(invoke: Invoke, channel: C) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(input: Input<C>): Promise<Output<C> | null> {
    setError(null);
    const local = contract[channel].input.safeParse(input);
    if (!local.success) {
      setFields(issuesToFields(local.error.issues));
      setError(t('errors.VALIDATION'));
      return null;
    }
    setBusy(true);
    try {
      const r = await invoke(channel, input);
      if (r.ok) {
        setFields({});
        return r.data;
      }
      setFields(r.error.fields ?? {});
      setError(errorText(t, r.error));
      return null;
    } finally {
      setBusy(false);
    }
  }

  /** The translated message for a field path ("profile.email"), if it has one. */
  const fieldError = (path: string) => fieldText(t, fields[path]);
  return { submit, busy, error, fieldError, setError };
}
