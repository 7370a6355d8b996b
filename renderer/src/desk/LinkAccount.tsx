import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import type { PatientSummary } from './PatientSearch';

/**
 * Links a walk-in's record to the account the same person later made in the patient window (same mobile
 * number or email address), after the desk has checked who they are. Their appointments move to the account.
 */
export function LinkAccount({ walkIn, onCancel, onLinked }: {
  walkIn: PatientView;
  onCancel: () => void;
  onLinked: (account: PatientView, message: string) => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day } = useDates();
  const [candidates, setCandidates] = useState<PatientSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'patients.linkAccount');
  const checkId = useId();

  // Accounts of the same person can only be those with the walk-in's mobile number or email address.
  useEffect(() => {
    let live = true;
    void (async () => {
      const found = new Map<number, PatientSummary>();
      for (const query of [walkIn.phone, walkIn.email].filter((q): q is string => !!q)) {
        const r = await invoke('patients.search', { query });
        if (!r.ok) {
          if (live) setLoadError(errorText(t, r.error));
          return;
        }
        for (const p of r.data) {
          if (p.hasAccount && p.id !== walkIn.id && (p.phone === walkIn.phone || (!!walkIn.email && p.email === walkIn.email))) found.set(p.id, p);
        }
      }
      if (!live) return;
      setCandidates([...found.values()]);
      if (found.size === 1) setChosen([...found.keys()][0]!);
    })();
    return () => {
      live = false;
    };
  }, [invoke, t, walkIn]);

  async function link() {
    const r = await submit(
      { walkInPatientId: walkIn.id, accountPatientId: chosen ?? 0, identityChecked: checked as true },
      chosen === null ? { accountPatientId: 'patient_required' } : {},
    );
    if (!r) return focusFirstInvalid();
    onLinked(r.patient, t('board.link.done', { count: r.movedAppointments, name: r.patient.fullName }));
  }

  const identityError = fieldError('identityChecked');
  const chooseError = fieldError('accountPatientId');

  return (
    <Page title={t('board.link.title', { name: walkIn.fullName })} actions={<Button kind="secondary" onClick={onCancel}>{t('board.link.back')}</Button>}>
      <p className="lead">{t('board.link.intro')}</p>
      <ol className="desk-steps">
        <li>{t('board.link.step1')}</li>
        <li>{t('board.link.step2')}</li>
        <li>{t('board.link.step3')}</li>
      </ol>
      <Notice kind="info">{t('board.link.audited')}</Notice>
      {loadError && <Notice kind="error">{loadError}</Notice>}

      <h2>{t('board.link.walkInHeading')}</h2>
      <dl className="details card">
        <dt>{t('desk.number')}</dt>
        <dd>{walkIn.id}</dd>
        <dt>{t('fields.fullName')}</dt>
        <dd>{walkIn.fullName}</dd>
        <dt>{t('fields.phone')}</dt>
        <dd>{walkIn.phone}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>{walkIn.email ?? <span className="not-given">{t('patient.details.notGiven')}</span>}</dd>
      </dl>

      {candidates === null && !loadError && <Loading />}
      {candidates && candidates.length === 0 && <Empty>{t('board.link.none')}</Empty>}
      {candidates && candidates.length > 0 && (
        <Form onSubmit={link} label={t('board.link.formLabel')}>
          {error && <Notice kind="error">{error}</Notice>}
          <fieldset className="fieldset" aria-describedby={chooseError ? `${checkId}-choose` : undefined}>
            <legend>{t('board.link.candidates')}</legend>
            {chooseError && <p className="field__error" id={`${checkId}-choose`}>{chooseError}</p>}
            <ul className="plain-list desk-candidates">
              {candidates.map((p) => (
                <li key={p.id}>
                  <label className="desk-candidate">
                    <input
                      type="radio" name={`${checkId}-account`} checked={chosen === p.id} onChange={() => setChosen(p.id)}
                      aria-invalid={chooseError ? true : undefined}
                    />
                    <span>
                      <strong>{p.fullName}</strong> · {t('desk.patientNumber', { id: p.id })}
                      <br />
                      {p.phone} · {p.email ?? '—'} · {p.dateOfBirth ? day(p.dateOfBirth) : '—'}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className={`field${identityError ? ' field--invalid' : ''}`}>
            <div className="checkbox">
              <input
                id={checkId} type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)}
                aria-invalid={identityError ? true : undefined} aria-describedby={identityError ? `${checkId}-error` : undefined}
              />
              <label htmlFor={checkId}>{t('board.link.identity')}</label>
            </div>
            {identityError && <p className="field__error" id={`${checkId}-error`}>{identityError}</p>}
          </div>
          <div className="form__actions">
            <Button kind="secondary" onClick={onCancel}>{t('board.link.back')}</Button>
            <Button type="submit" busy={busy}>{t('board.link.confirm')}</Button>
          </div>
        </Form>
      )}
    </Page>
  );
}
