import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { useDates } from '../ui/format';
import { Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** Every emergency access a doctor took to a patient's records: who, whose, why, and until when. */
export function EmergencyAccesses() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const { data, error } = useLoad(invoke, 'admin.emergencyAccesses', {});
  return (
    <Page title={t('emergencyAdmin.title')}>
      <p className="lead">{t('emergencyAdmin.intro')}</p>
      <DataTable
        caption={t('emergencyAdmin.title')}
        rows={data}
        rowKey={(g) => g.id}
        error={error}
        empty={t('emergencyAdmin.none')}
        rowClassName={(g) => (g.active ? 'row--flagged' : undefined)}
        columns={[
          { header: t('emergencyAdmin.when'), cell: (g) => dateTime(g.grantedAt), className: 'nowrap' },
          { header: t('emergencyAdmin.doctor'), cell: (g) => g.doctorName },
          { header: t('emergencyAdmin.patient'), cell: (g) => g.patientName },
          { header: t('emergencyAdmin.reason'), cell: (g) => g.reason },
          {
            header: t('emergencyAdmin.until'),
            cell: (g) => (g.active ? <span className="badge badge--rejected">{t('emergencyAdmin.activeUntil', { time: dateTime(g.expiresAt) })}</span> : dateTime(g.expiresAt)),
            className: 'nowrap',
          },
        ]}
      />
    </Page>
  );
}
