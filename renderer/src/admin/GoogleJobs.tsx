import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { errorText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** The jobs that talk to Google and are not done: waiting, running, or given up (which the administrator can retry). */
export function GoogleJobs() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const { data, error, reload } = useLoad(invoke, 'video.jobs', {});
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function retry(job: JobView) {
    const r = await invoke('video.retryJob', { id: job.id });
    setNotice(r.ok ? { kind: 'success', text: t('video.jobs.retried') } : { kind: 'error', text: errorText(t, r.error) });
    await reload();
  }

  return (
    <section aria-labelledby="google-jobs">
      <h2 id="google-jobs">{t('video.jobs.title')}</h2>
      <p>{t('video.jobs.intro')}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <DataTable
        caption={t('video.jobs.caption')} rows={data} error={error} compact rowKey={(j) => j.id} empty={t('video.jobs.empty')}
        columns={[
          { header: t('video.jobs.what'), cell: (j) => t(`video.jobs.kinds.${j.kind}`, { defaultValue: j.kind }) },
          { header: t('video.jobs.appointment'), cell: (j) => j.appointmentId ?? '' },
          { header: t('video.jobs.status'), cell: (j) => <span className={`badge badge--job-${j.status}`}>{t(`video.jobs.statuses.${j.status}`)}</span>, className: 'nowrap' },
          { header: t('video.jobs.next'), cell: (j) => (j.status === 'dead' ? '' : <time dateTime={j.dueAt}>{dateTime(j.dueAt)}</time>), className: 'nowrap' },
          { header: t('video.jobs.problem'), cell: (j) => j.lastError ?? '' },
          {
            header: <span className="visually-hidden">{t('video.jobs.retry')}</span>,
            className: 'sched-table__action',
            cell: (j) =>
              j.status === 'dead' && (
                <button type="button" className="btn btn--secondary" onClick={() => void retry(j)}>
                  {t('video.jobs.retry')}
                  <span className="visually-hidden"> {t(`video.jobs.kinds.${j.kind}`, { defaultValue: j.kind })} {j.id}</span>
                </button>
              ),
          },
        ]}
      />
    </section>
  );
}
