import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
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
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('suspend.rearrange.empty')}</Empty>}
      {data && data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('suspend.rearrange.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('suspend.rearrange.when')}</th>
              <th scope="col">{t('suspend.rearrange.patient')}</th>
              <th scope="col">{t('suspend.rearrange.phone')}</th>
              <th scope="col">{t('suspend.rearrange.doctor')}</th>
              <th scope="col">{t('suspend.rearrange.mode')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.appointmentId}>
                <td className="nowrap">{dateTime(a.start)}</td>
                <td>{a.patientName}</td>
                <td className="nowrap">{a.patientPhone}</td>
                <td>{a.doctorName}</td>
                <td>{t(`suspend.rearrange.modes.${a.mode}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
