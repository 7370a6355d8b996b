import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../shared/contract';
import { DataTable } from '../ui/DataTable';
import { fileSize } from '../ui/files';
import { intlLocale, useDates } from '../ui/format';
import { Button } from '../ui/Layout';

/** Records as a table: each title opens its preview; `actions` adds buttons of the screen's own. */
export function RecordTable({ rows, error, empty, showShares, onPreview, actions }: {
  rows: readonly RecordView[] | null;
  error?: string | null;
  empty: string;
  /** The patient's own table says whom each record is shared with. */
  showShares?: boolean;
  onPreview: (r: RecordView) => void;
  actions?: (r: RecordView) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { day } = useDates();
  return (
    <DataTable
      caption={t('records.list')}
      rows={rows}
      rowKey={(r) => r.id}
      error={error}
      empty={empty}
      columns={[
        {
          header: t('records.recordTitle'),
          cell: (r) => (
            <Button kind="link" onClick={() => onPreview(r)}>
              {r.title}<span className="visually-hidden"> {t('records.preview')}</span>
            </Button>
          ),
        },
        { header: t('records.category'), cell: (r) => t(`records.categories.${r.category}`) },
        { header: t('records.date'), cell: (r) => day(r.recordDate), className: 'nowrap' },
        { header: t('records.file'), cell: (r) => `${t(`records.types.${r.mime.replace('/', '_')}`)} · ${fileSize(r.size, intlLocale(i18n.language))}`, className: 'nowrap' },
        ...(showShares
          ? [{ header: t('records.sharedWith'), cell: (r: RecordView) => (r.sharedWith.length ? r.sharedWith.map((s) => s.doctorName).join(', ') : <span className="muted">{t('records.notShared')}</span>) }]
          : []),
        ...(actions ? [{ header: <span className="visually-hidden">{t('records.actions')}</span>, cell: (r: RecordView) => <div className="row-actions">{actions(r)}</div> }] : []),
      ]}
    />
  );
}
