import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, PatientView } from '../../../shared/contract';
import { PatientDetails } from '../patient/PatientDetails';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { TextField } from '../ui/Field';
import { Button, Empty, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { useDates } from '../ui/format';

/** The front desk finds a patient by name, mobile number or email, and opens their record. */
export function FrontDesk() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day } = useDates();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; patients: Output<'patients.search'> } | null>(null);
  const [open, setOpen] = useState<PatientView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'patients.search');

  // Opening or closing a record changes the whole page: take the focus to its heading.
  useEffect(() => {
    if (results) document.getElementById('page-title')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  async function search() {
    const r = await submit({ query });
    if (r) setResults({ query: query.trim(), patients: r });
  }

  async function openPatient(id: number) {
    setOpenError(null);
    const r = await invoke('patients.get', { patientId: id });
    if (r.ok) setOpen(r.data);
    else setOpenError(errorText(t, r.error));
  }

  if (open) {
    return (
      <Page title={open.fullName} actions={<Button kind="secondary" onClick={() => setOpen(null)}>{t('desk.back')}</Button>}>
        <p className="aside">{t('desk.patientNumber', { id: open.id })}</p>
        <Notice kind="info">{t('desk.audited')}</Notice>
        <div className="card">
          <PatientDetails patient={open} />
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('desk.title')}>
      <Notice kind="info">{t('desk.audited')}</Notice>
      {error && <Notice kind="error">{error}</Notice>}
      {openError && <Notice kind="error">{openError}</Notice>}
      <Form onSubmit={search} label={t('desk.title')}>
        <div className="search-row">
          <TextField label={t('desk.query')} type="search" value={query} onChange={setQuery} autoComplete="off" autoFocus required maxLength={100} error={fieldError('query')} hint={t('desk.queryHint')} />
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
                  <td>{p.fullName}</td>
                  <td>{p.phone}</td>
                  <td>{p.email ?? '—'}</td>
                  <td>{day(p.dateOfBirth)}</td>
                  <td>
                    <button type="button" className="btn btn--secondary" onClick={() => void openPatient(p.id)} aria-label={t('desk.openNamed', { name: p.fullName })}>
                      {t('desk.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
