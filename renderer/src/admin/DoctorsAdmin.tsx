import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDoctorEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { specialityLabel, useDates } from '../ui/format';
import { DataTable } from '../ui/DataTable';
import { Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { SuspendForm } from './SuspendForm';

/** The clinic's verified doctors, each with a way to suspend (with a reason) or reinstate them. */
export function DoctorsAdmin() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const { data, error, reload } = useLoad(invoke, 'admin.listDoctors', {});
  const [suspending, setSuspending] = useState<AdminDoctorEntry | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  // The form opens below the list: take the reader to its reason field.
  useEffect(() => {
    if (suspending) requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-labelledby="suspend-title"] textarea')?.focus());
  }, [suspending]);

  const focusTitle = () => requestAnimationFrame(() => document.getElementById('page-title')?.focus());

  async function reinstate(d: AdminDoctorEntry) {
    setNotice(null);
    const r = await invoke('admin.reinstateDoctor', { doctorId: d.id });
    setNotice(r.ok ? { kind: 'success', text: t('suspend.reinstated', { name: d.fullName }) } : { kind: 'error', text: errorText(t, r.error) });
    await reload();
    focusTitle();
  }

  async function suspended(d: AdminDoctorEntry) {
    setSuspending(null);
    const text = d.upcoming > 0 ? t('suspend.suspended', { name: d.fullName, count: d.upcoming }) : t('suspend.suspendedNone', { name: d.fullName });
    setNotice({ kind: 'success', text });
    await reload();
    focusTitle();
  }

  return (
    <Page title={t('suspend.title')}>
      <p className="lead">{t('suspend.intro')}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <DataTable
        caption={t('suspend.caption')} rows={data} error={error} empty={t('suspend.empty')} rowKey={(d) => d.id}
        rowClassName={(d) => (d.suspendedAt ? 'doctor-row--suspended' : undefined)}
        columns={[
          {
            header: t('suspend.name'),
            cell: (d) => (
              <>
                <div>{d.fullName}</div>
                <div className="muted">{d.email}</div>
              </>
            ),
          },
          { header: t('suspend.speciality'), cell: (d) => specialityLabel(t, d) },
          { header: t('suspend.upcoming'), cell: (d) => d.upcoming },
          {
            header: t('suspend.state'),
            cell: (d) =>
              d.suspendedAt ? (
                <>
                  <span className="badge badge--rejected">{t('suspend.suspendedSince', { date: date(d.suspendedAt) })}</span>
                  {d.suspendedReason && <div className="muted details__text">{t('suspend.reasonLabel', { reason: d.suspendedReason })}</div>}
                </>
              ) : (
                <span className="badge badge--verified">{t('suspend.practising')}</span>
              ),
          },
          {
            header: <span className="visually-hidden">{t('suspend.state')}</span>,
            className: 'sched-table__action',
            cell: (d) =>
              d.suspendedAt ? (
                <button type="button" className="btn btn--secondary" onClick={() => void reinstate(d)}>
                  {t('suspend.reinstate')}<span className="visually-hidden"> {d.fullName}</span>
                </button>
              ) : (
                <button type="button" className="btn btn--secondary" aria-expanded={suspending?.id === d.id} onClick={() => { setNotice(null); setSuspending(d); }}>
                  {t('suspend.suspend')}<span className="visually-hidden"> {d.fullName}</span>
                </button>
              ),
          },
        ]}
      />
      {suspending && <SuspendForm key={suspending.id} doctor={suspending} onDone={(d) => void suspended(d)} onCancel={() => setSuspending(null)} />}
    </Page>
  );
}
