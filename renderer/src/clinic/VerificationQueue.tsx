import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { PendingDoctor, type Decision } from './PendingDoctor';

/** Doctors waiting for the administrator; `onCount` keeps the navigation's badge in step with the list. */
export function VerificationQueue({ onCount }: { onCount: (n: number) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error, reload } = useLoad(invoke, 'admin.pendingDoctors', {}, ['doctors']);
  const [done, setDone] = useState<{ name: string; decision: Decision } | null>(null);

  useEffect(() => {
    if (data) onCount(data.length);
  }, [data, onCount]);

  async function decided(d: DoctorView, decision: Decision) {
    setDone({ name: d.fullName, decision });
    await reload();
    document.getElementById('page-title')?.focus();
  }

  return (
    <Page title={t('admin.queue.title')}>
      {done && <Notice kind="success">{t(`admin.queue.done.${done.decision}`, { name: done.name })}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('admin.queue.empty')}</Empty>}
      {data && data.length > 0 && <p>{t('admin.queue.intro')}</p>}
      {data?.map((d) => <PendingDoctor key={d.id} doctor={d} onDecided={decided} />)}
    </Page>
  );
}
