import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BILL_FILTERS } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { SelectField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { BillBadge } from './BillBadge';
import { BillEditor } from './BillEditor';
import { billFor, rupees } from './labels';
import type { BillTarget } from './openBill';

type Filter = (typeof BILL_FILTERS)[number] | '';

/** Bills (a doctor's own; the front desk and administrator all), newest first, or one bill when `target` is set. */
export function Bills({ target, onTarget }: { target: BillTarget | null; onTarget: (t: BillTarget | null) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const [filter, setFilter] = useState<Filter>('');
  const list = useLoad(invoke, 'bills.list', filter ? { filter } : {});

  if (target) {
    return (
      <BillEditor
        target={target}
        onBack={() => {
          onTarget(null);
          void list.reload();
        }}
      />
    );
  }
  return (
    <Page title={t('billing.list.title')} actions={<Button kind="secondary" onClick={() => void list.reload()}>{t('billing.list.refresh')}</Button>}>
      <p className="lead">{t('billing.list.intro')}</p>
      <div className="mail-filter">
        <SelectField
          label={t('billing.list.filter')} value={filter} onChange={(v) => setFilter(v as Filter)}
          options={[{ value: '', label: t('billing.list.all') }, ...BILL_FILTERS.map((f) => ({ value: f, label: t(`billing.list.filters.${f}`) }))]}
        />
      </div>
      <DataTable
        caption={t('billing.list.caption')} rows={list.data} error={list.error} rowKey={(b) => b.id} compact
        empty={filter ? t('billing.list.emptyFiltered') : t('billing.list.empty')}
        columns={[
          { header: t('billing.columns.number'), cell: (b) => b.number ?? <span className="muted">{t('billing.state.draft')}</span>, className: 'nowrap' },
          { header: t('billing.columns.date'), cell: (b) => date(b.issuedAt ?? b.createdAt), className: 'nowrap' },
          { header: t('billing.columns.patient'), cell: (b) => <>{b.patientName}<div className="muted">{t('billing.patientNumber', { id: b.patientId })}</div></> },
          { header: t('billing.columns.for'), cell: (b) => <>{billFor(t, b.visit)}{b.doctorName && <div className="muted">{b.doctorName}</div>}</> },
          { header: t('billing.columns.total'), cell: (b) => rupees(b.totalPaise), className: 'nowrap num' },
          { header: t('billing.columns.balance'), cell: (b) => (b.status === 'issued' ? rupees(b.balancePaise) : '—'), className: 'nowrap num' },
          { header: t('billing.columns.state'), cell: (b) => <BillBadge bill={b} /> },
          {
            header: <span className="visually-hidden">{t('billing.columns.actions')}</span>,
            className: 'sched-table__action',
            cell: (b) => (
              <button type="button" className="btn btn--secondary" onClick={() => onTarget({ billId: b.id })}>
                {t('billing.list.open')}
                <span className="visually-hidden"> {b.number ?? t('billing.list.draftOf', { name: b.patientName })}</span>
              </button>
            ),
          },
        ]}
      />
    </Page>
  );
}
