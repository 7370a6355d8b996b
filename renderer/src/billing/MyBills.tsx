import { useTranslation } from 'react-i18next';
import type { BillSummary } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { useDates } from '../ui/format';
import { Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { BillBadge } from './BillBadge';
import { DocumentButtons } from './DocumentButtons';
import { billFor, rupees } from './labels';

/** The patient's bills, those with a balance due first; each receipt can be opened, printed or saved. */
export function MyBills() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const { data, error } = useLoad(invoke, 'bills.mine', {});
  const due = (data ?? []).reduce((s, b) => s + b.balancePaise, 0);
  // With family members' bills among them, each bill says whose it is.
  const family = new Set((data ?? []).map((b) => b.patientName)).size > 1;
  return (
    <Page title={t('billing.mine.title')}>
      <p className="lead">{t('billing.mine.intro')}</p>
      {due > 0 && <p className="bill-due" role="status">{t('billing.mine.due', { amount: rupees(due) })}</p>}
      <DataTable
        caption={t('billing.mine.caption')} rows={data} error={error} rowKey={(b) => b.id} empty={t('billing.mine.empty')}
        columns={[
          { header: t('billing.columns.number'), cell: (b) => <strong>{b.number}</strong>, className: 'nowrap' },
          { header: t('billing.columns.date'), cell: (b) => (b.issuedAt ? date(b.issuedAt) : ''), className: 'nowrap' },
          ...(family ? [{ header: t('billing.columns.patient'), cell: (b: BillSummary) => b.patientName }] : []),
          { header: t('billing.columns.for'), cell: (b) => <>{billFor(t, b.visit)}{b.doctorName && <div className="muted">{b.doctorName}</div>}</> },
          { header: t('billing.columns.total'), cell: (b) => rupees(b.totalPaise), className: 'nowrap num' },
          { header: t('billing.columns.balance'), cell: (b) => (b.status === 'issued' ? rupees(b.balancePaise) : '—'), className: 'nowrap num' },
          { header: t('billing.columns.state'), cell: (b) => <BillBadge bill={b} /> },
          { header: <span className="visually-hidden">{t('billing.columns.documents')}</span>, cell: (b) => <DocumentButtons billId={b.id} label={b.number ?? ''} creditNote={b.status === 'cancelled'} /> },
        ]}
      />
    </Page>
  );
}
