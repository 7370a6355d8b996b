import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDoctorEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { specialityLabel, useDates } from '../ui/format';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
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
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('suspend.empty')}</Empty>}
      {data && data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('suspend.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('suspend.name')}</th>
              <th scope="col">{t('suspend.speciality')}</th>
              <th scope="col">{t('suspend.upcoming')}</th>
              <th scope="col">{t('suspend.state')}</th>
              <th scope="col"><span className="visually-hidden">{t('suspend.state')}</span></th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.id} className={d.suspendedAt ? 'doctor-row--suspended' : undefined}>
                <td>
                  <div>{d.fullName}</div>
                  <div className="muted">{d.email}</div>
                </td>
                <td>{specialityLabel(t, d)}</td>
                <td>{d.upcoming}</td>
                <td>
                  {d.suspendedAt ? (
                    <>
                      <span className="badge badge--rejected">{t('suspend.suspendedSince', { date: date(d.suspendedAt) })}</span>
                      {d.suspendedReason && <div className="muted details__text">{t('suspend.reasonLabel', { reason: d.suspendedReason })}</div>}
                    </>
                  ) : (
                    <span className="badge badge--verified">{t('suspend.practising')}</span>
                  )}
                </td>
                <td className="sched-table__action">
                  {d.suspendedAt ? (
                    <button type="button" className="btn btn--secondary" onClick={() => void reinstate(d)}>
                      {t('suspend.reinstate')}<span className="visually-hidden"> {d.fullName}</span>
                    </button>
                  ) : (
                    <button type="button" className="btn btn--secondary" aria-expanded={suspending?.id === d.id} onClick={() => { setNotice(null); setSuspending(d); }}>
                      {t('suspend.suspend')}<span className="visually-hidden"> {d.fullName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {suspending && <SuspendForm key={suspending.id} doctor={suspending} onDone={(d) => void suspended(d)} onCancel={() => setSuspending(null)} />}
    </Page>
  );
}
