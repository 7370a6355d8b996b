import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { AddStaff } from './AddStaff';
import { useDates } from '../ui/format';
import { ResetPassword } from './ResetPassword';

/** Front-desk accounts: who has one, adding one, and resetting anyone's password. */
export function StaffAccounts() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const { data, error, reload } = useLoad(invoke, 'admin.listStaff', {});

  return (
    <Page title={t('admin.staff.title')}>
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('admin.staff.empty')}</Empty>}
      {data && data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('admin.staff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.fullName')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('fields.phone')}</th>
              <th scope="col">{t('admin.staff.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <td>{s.fullName}</td>
                <td>{s.email}</td>
                <td>{s.phone}</td>
                <td>{date(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddStaff onAdded={() => void reload()} />
      <ResetPassword />
    </Page>
  );
}
