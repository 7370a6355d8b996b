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

  /**
   * `extra`: problems only the screen can see (a confirmation that does not match), as field path ->
   * catalog key; shown together with the schema's own, and nothing is sent while there are any.
   */
  async function submit(input: Input<C>, extra: Record<string, string> = {}): Promise<Output<C> | null> {
    setError(null);
    const local = contract[channel].input.safeParse(input);
    const problems = { ...(local.success ? {} : issuesToFields(local.error.issues)), ...extra };
    if (Object.keys(problems).length > 0) {
      setFields(problems);
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
