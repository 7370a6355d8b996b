import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantAlert } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable, type Column } from '../ui/DataTable';
import { Button, Notice, Page } from '../ui/Layout';
import { useDates } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

/** Red flags patients told the health assistant, until someone marks each handled; `onCount` keeps the badge in step. */
export function AlertList({ onCount }: { onCount: (n: number) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const { data, error, reload } = useLoad(invoke, 'alerts.list', {}, ['alerts']);
  const { submit, error: handleError } = useSubmit(invoke, 'alerts.handle');
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (data) onCount(data.length);
  }, [data, onCount]);

  async function handle(a: AssistantAlert) {
    setDone(false);
    const r = await submit({ alertId: a.id });
    await reload();
    if (r) setDone(true);
    document.getElementById('page-title')?.focus();
  }

  const columns: Column<AssistantAlert>[] = [
    { header: t('alerts.at'), cell: (a) => dates.dateTime(a.at), className: 'nowrap' },
    {
      header: t('alerts.patient'),
      cell: (a) => (a.patientName ? <>{a.patientName}<br /><span className="muted">{a.patientPhone}</span></> : <span className="muted">{t('alerts.notSignedIn')}</span>),
    },
    { header: t('alerts.message'), cell: (a) => <q>{a.message}</q> },
    { header: t('alerts.flags'), cell: (a) => a.flags.map((f) => t(`alerts.flag.${f}`)).join(', ') },
    {
      header: <span className="visually-hidden">{t('alerts.action')}</span>,
      cell: (a) => <Button kind="secondary" onClick={() => void handle(a)}>{t('alerts.handle')}</Button>,
    },
  ];

  return (
    <Page title={t('alerts.title')} actions={<Button kind="secondary" onClick={() => void reload()}>{t('alerts.refresh')}</Button>}>
      <p className="lead">{t('alerts.intro')}</p>
      {done && <Notice kind="success">{t('alerts.handled')}</Notice>}
      {handleError && <Notice kind="error">{handleError}</Notice>}
      <DataTable caption={t('alerts.caption')} columns={columns} rows={data} rowKey={(a) => a.id} empty={t('alerts.empty')} error={error} />
    </Page>
  );
}
