import { useTranslation } from 'react-i18next';
import { Page } from '../ui/Layout';
import { GoogleConnection } from '../video/GoogleConnection';

/** A doctor's own Google account, where their online appointments' Meet links are made when it is connected. */
export function MyGoogleCalendar() {
  const { t } = useTranslation();
  return (
    <Page title={t('video.google.mineTitle')}>
      <GoogleConnection calendar="mine" />
    </Page>
  );
}
