import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { publicInvoke } from '../session/session';
import { errorText } from '../ui/errors';
import { TextField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Notice } from '../ui/Layout';

export type Invitation = Output<'doctors.invitation'>;

/**
 * The invitation code on the doctor sign-up: looked up when the window was opened with one (?invite=CODE),
 * when the doctor asks, and before signing up, so a wrong or expired code is explained before anything is sent.
 */
export function useInvitation(initialCode: string | undefined, onFound: (invitation: Invitation) => void) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode ?? '');
  const [found, setFound] = useState<{ code: string; invitation: Invitation } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const foundRef = useRef(onFound);
  foundRef.current = onFound;

  /** The invitation of the code now typed, or null (with the reason shown) when there is none; true when no code. */
  const check = useCallback(async (value: string): Promise<Invitation | null | true> => {
    if (!value.trim()) return true;
    if (found?.code === value) return found.invitation;
    setBusy(true);
    const r = await publicInvoke('doctors.invitation', { code: value });
    setBusy(false);
    if (!r.ok) {
      const key = r.error.fields?.code;
      setProblem(key ? t(`invite.signup.errors.${key}`, { defaultValue: errorText(t, r.error) }) : errorText(t, r.error));
      return null;
    }
    setProblem(null);
    setFound({ code: value, invitation: r.data });
    foundRef.current(r.data);
    return r.data;
  }, [found, t]);

  useEffect(() => {
    if (initialCode) void check(initialCode);
    // Only the code the window was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialCode]);

  const change = (value: string) => {
    setCode(value);
    setProblem(null);
    if (found && found.code !== value) setFound(null);
  };
  return { code, change, check, found: found?.code === code ? found.invitation : null, problem, busy };
}

export function InvitationCodeField({ state, serverError }: { state: ReturnType<typeof useInvitation>; serverError?: string }) {
  const { t } = useTranslation();
  const { date } = useDates();
  return (
    <div className="invitation-code">
      <div className="invitation-code__row">
        <TextField
          label={t('invite.signup.code')}
          hint={t('invite.signup.codeHint')}
          value={state.code}
          onChange={state.change}
          autoComplete="off"
          maxLength={40}
          error={state.problem ?? serverError}
        />
        <Button kind="secondary" busy={state.busy} disabled={!state.code.trim() || !!state.found} onClick={() => void state.check(state.code)}>
          {t('invite.signup.check')}
        </Button>
      </div>
      {state.found && <Notice kind="success">{t('invite.signup.found', { date: date(state.found.expiresAt) })}</Notice>}
    </div>
  );
}
