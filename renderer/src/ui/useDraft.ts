import { useEffect, useState } from 'react';

/**
 * A settings form's draft. It starts from the first answer the screen loaded (a later reload, after a lost
 * connection, keeps what is being typed); `change` edits it and takes back the "saved" notice; `saveDone` shows
 * what was stored and says so.
 */
export function useDraft<S, D>(loaded: S | null, draftFrom: (s: S) => D) {
  const [draft, setDraft] = useState<D | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded) setDraft((d) => d ?? draftFrom(loaded));
  }, [loaded, draftFrom]);
  const change = (patch: Partial<D>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
  };
  const saveDone = (stored: S) => {
    setDraft(draftFrom(stored));
    setSaved(true);
  };
  return { draft, change, saved, setSaved, saveDone };
}
