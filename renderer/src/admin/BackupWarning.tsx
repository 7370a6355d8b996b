import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** Every staff window's warning when the clinic's last good backup is more than two days old (asked again with each section). */
export function BackupWarning() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const warning = useLoad(invoke, 'backup.warning', {}).data;
  if (!warning?.stale) return null;
  return (
    <div className="backup-warning">
      <Notice kind="error">
        {warning.lastGoodAt ? `${t('backup.stale')} (${dateTime(warning.lastGoodAt)})` : t('backup.staleNever')}
      </Notice>
    </div>
  );
}
