import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { useDates } from '../ui/format';
import { Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** Booked appointments with suspended doctors, for the front desk to call the patients and re-arrange. */
export function Rearrange() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const { data, error } = useLoad(invoke, 'admin.suspendedAppointments', {});

  return (
    <Page title={t('suspend.rearrange.title')}>
      <p className="lead">{t('suspend.rearrange.intro')}</p>
      <DataTable
        caption={t('suspend.rearrange.caption')} rows={data} error={error} empty={t('suspend.rearrange.empty')} rowKey={(a) => a.appointmentId}
        columns={[
          { header: t('suspend.rearrange.when'), cell: (a) => dateTime(a.start), className: 'nowrap' },
          { header: t('suspend.rearrange.patient'), cell: (a) => a.patientName },
          { header: t('suspend.rearrange.phone'), cell: (a) => a.patientPhone, className: 'nowrap' },
          { header: t('suspend.rearrange.doctor'), cell: (a) => a.doctorName },
          { header: t('suspend.rearrange.mode'), cell: (a) => t(`suspend.rearrange.modes.${a.mode}`) },
        ]}
      />
    </Page>
  );
}
