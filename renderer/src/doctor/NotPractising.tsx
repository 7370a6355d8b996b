import { useTranslation } from 'react-i18next';
import { Notice, Page } from '../ui/Layout';

/** Shown instead of a scheduling screen while the doctor's credentials are checked (or the account is suspended). */
export function NotPractising({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <Notice kind="info">{t('schedule.notPractising')}</Notice>
    </Page>
  );
}
