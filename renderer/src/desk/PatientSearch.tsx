import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

export type PatientSummary = Output<'patients.search'>[number];

/** What the search holds; kept by the screen that shows it, so it survives opening a record and coming back. */
export interface SearchState {
  query: string;
  results: { query: string; patients: PatientSummary[] } | null;
}
export const emptySearch: SearchState = { query: '', results: null };

/**
 * The front desk's patient search by name, mobile number or email, with one action per patient found
 * ("Open" on the patient screen, "Choose" when booking). Every patient shown is written to the audit log.
 */
export function PatientSearch({ value, onChange, actionLabel, actionName, onAction, autoFocus }: {
  value: SearchState;
  onChange: (value: SearchState) => void;
  /** The button's text, and its full accessible name for one patient. */
  actionLabel: string;
  actionName: (p: PatientSummary) => string;
  onAction: (p: PatientSummary) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day } = useDates();
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'patients.search');
  const { query, results } = value;

  async function search() {
    const r = await submit({ query });
    if (r) onChange({ query, results: { query: query.trim(), patients: r } });
  }

  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={search} label={t('desk.title')}>
        <div className="search-row">
          <TextField
            label={t('desk.query')} type="search" value={query} onChange={(q) => onChange({ ...value, query: q })} autoComplete="off"
            autoFocus={autoFocus} required maxLength={100} error={fieldError('query')} hint={t('desk.queryHint')}
          />
          <Button type="submit" busy={busy}>{t('desk.search')}</Button>
        </div>
      </Form>
      {results && results.patients.length === 0 && <Empty>{t('desk.none', { query: results.query })}</Empty>}
      {results && results.patients.length > 0 && (
        <>
          <h2>{t('desk.results', { count: results.patients.length })}</h2>
          <table className="table">
            <caption className="visually-hidden">{t('desk.results', { count: results.patients.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.number')}</th>
                <th scope="col">{t('fields.fullName')}</th>
                <th scope="col">{t('fields.phone')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('desk.dateOfBirth')}</th>
                <th scope="col"><span className="visually-hidden">{t('desk.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {results.patients.map((p) => (
                <tr key={p.id}>
                  <td>{p.id}</td>
                  <td>
                    {p.fullName}
                    {p.holderName ? (
                      <> <span className="badge desk-family">{t('desk.familyOf', { name: p.holderName })}</span></>
                    ) : (
                      !p.hasAccount && <> <span className="badge desk-walkin" title={t('board.walkInHint')}>{t('board.walkIn')}</span></>
                    )}
                  </td>
                  <td>{p.phone}</td>
                  <td>{p.email ?? '—'}</td>
                  <td>{p.dateOfBirth ? day(p.dateOfBirth) : '—'}</td>
                  <td>
                    <button type="button" className="btn btn--secondary" onClick={() => onAction(p)} aria-label={actionName(p)}>
                      {actionLabel}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
