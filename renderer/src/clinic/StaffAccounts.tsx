import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { AddStaff } from './AddStaff';
import { useDates } from '../ui/format';
import { ResetPassword } from './ResetPassword';
import { UnlockAccount } from './UnlockAccount';

/** Front-desk accounts: who has one, adding one, and resetting anyone's password. */
export function StaffAccounts() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const { data, error, reload } = useLoad(invoke, 'admin.listStaff', {});

  return (
    <Page title={t('admin.staff.title')}>
      <DataTable
        caption={t('admin.staff.caption')} rows={data} error={error} empty={t('admin.staff.empty')} rowKey={(s) => s.id}
        columns={[
          { header: t('fields.fullName'), cell: (s) => s.fullName },
          { header: t('fields.email'), cell: (s) => s.email },
          { header: t('fields.phone'), cell: (s) => s.phone },
          { header: t('admin.staff.createdAt'), cell: (s) => date(s.createdAt) },
        ]}
      />
      <AddStaff onAdded={() => void reload()} />
      <ResetPassword />
      <UnlockAccount />
    </Page>
  );
}
