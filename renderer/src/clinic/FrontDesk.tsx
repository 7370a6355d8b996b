import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { LinkAccount } from '../desk/LinkAccount';
import { emptySearch, PatientSearch } from '../desk/PatientSearch';
import { ExportData } from '../patient/ExportData';
import { FamilyMembers } from '../patient/FamilyMembers';
import { PatientDetails } from '../patient/PatientDetails';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Button, Notice, Page } from '../ui/Layout';

/** The front desk finds a patient by name, mobile number or email, and opens their record. */
export function FrontDesk() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [search, setSearch] = useState(emptySearch);
  const [open, setOpen] = useState<PatientView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [linking, setLinking] = useState(false);
  const [linked, setLinked] = useState<string | null>(null);

  // Opening or closing a record changes the whole page: take the focus to its heading.
  useEffect(() => {
    if (search.results) document.getElementById('page-title')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, linking]);

  async function openPatient(id: number) {
    setOpenError(null);
    const r = await invoke('patients.get', { patientId: id });
    if (r.ok) setOpen(r.data);
    else setOpenError(errorText(t, r.error));
  }

  function close() {
    setOpen(null);
    setLinking(false);
    setLinked(null);
  }

  if (open && linking) {
    return (
      <LinkAccount
        walkIn={open}
        onCancel={() => setLinking(false)}
        onLinked={(account, message) => {
          // The walk-in's record is no longer found by a search: its person is the account's record now.
          setSearch((s) => ({ ...s, results: s.results && { ...s.results, patients: s.results.patients.filter((p) => p.id !== open.id) } }));
          setOpen(account);
          setLinking(false);
          setLinked(message);
        }}
      />
    );
  }

  if (open) {
    return (
      <Page title={open.fullName} actions={<Button kind="secondary" onClick={close}>{t('desk.back')}</Button>}>
        {linked && <Notice kind="success">{linked}</Notice>}
        <p className="aside">{t('desk.patientNumber', { id: open.id })}</p>
        <Notice kind="info">{t('desk.audited')}</Notice>
        {!open.hasAccount && (
          <div className="desk-link-offer">
            <p>{t('board.link.offer')}</p>
            <Button kind="secondary" onClick={() => setLinking(true)}>{t('board.link.start')}</Button>
          </div>
        )}
        <div className="card">
          <PatientDetails patient={open} />
        </div>
        {!open.holder && <FamilyMembers holderPatientId={open.id} />}
        <ExportData patientId={open.id} forDesk />
      </Page>
    );
  }

  return (
    <Page title={t('desk.title')}>
      <Notice kind="info">{t('desk.audited')}</Notice>
      {openError && <Notice kind="error">{openError}</Notice>}
      <PatientSearch
        value={search}
        onChange={setSearch}
        autoFocus
        actionLabel={t('desk.open')}
        actionName={(p) => t('desk.openNamed', { name: p.fullName })}
        onAction={(p) => void openPatient(p.id)}
      />
    </Page>
  );
}
