import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { DataTable } from '../ui/DataTable';
import { intlLocale, useDates } from '../ui/format';
import { Button, Notice } from '../ui/Layout';

// The backup sets a folder holds, as the administrator's Backups screen and the first run's restore list them.

export type BackupSet = Output<'backup.sets'>['sets'][number];
type Unreadable = Output<'backup.sets'>['unreadable'];

/** "12.4 MB" in the reader's language. */
export function useSize() {
  const { i18n } = useTranslation();
  return (bytes: number) =>
    new Intl.NumberFormat(intlLocale(i18n.language), { style: 'unit', unit: bytes < 1e6 ? 'kilobyte' : 'megabyte', maximumFractionDigits: 1 }).format(bytes < 1e6 ? bytes / 1e3 : bytes / 1e6);
}

/** The sets, newest first, each with a button to choose it; then the sets that cannot be used, and why. */
export function BackupSetTable({ sets, unreadable, error, onChoose }: { sets: BackupSet[] | null; unreadable?: Unreadable; error?: string | null; onChoose: (set: BackupSet) => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const size = useSize();
  return (
    <>
      <DataTable
        caption={t('backup.restore.caption')}
        rows={sets}
        error={error}
        rowKey={(s) => s.name}
        empty={t('backup.restore.empty')}
        columns={[
          { header: t('backup.restore.made'), cell: (s) => dateTime(s.createdAt), className: 'nowrap' },
          { header: t('backup.restore.holds'), cell: (s) => t('backup.restore.counts', s.counts) },
          { header: t('backup.history.size'), cell: (s) => size(s.bytes), className: 'nowrap' },
          { header: <span className="visually-hidden">{t('backup.restore.actions')}</span>, cell: (s) => <Button kind="secondary" onClick={() => onChoose(s)}>{t('backup.restore.choose')}</Button> },
        ]}
      />
      {unreadable?.map((u) => (
        <Notice key={u.name} kind="error">{t('backup.restore.unreadable', { name: u.name, problem: t(`backup.problem.${u.problem}`) })}</Notice>
      ))}
    </>
  );
}

/** What one set holds: when it was made, by which MedLink, its counts. */
export function BackupSetDetails({ set }: { set: BackupSet }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  return (
    <dl className="details">
      <dt>{t('backup.restore.made')}</dt>
      <dd>{dateTime(set.createdAt)}</dd>
      <dt>{t('backup.restore.version')}</dt>
      <dd>{t('backup.restore.versionValue', { version: set.medlinkVersion, schema: set.schemaVersion })}</dd>
      <dt>{t('backup.restore.holds')}</dt>
      <dd>{t('backup.restore.counts', set.counts)}</dd>
    </dl>
  );
}
