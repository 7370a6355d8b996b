import { useTranslation } from 'react-i18next';
import { Page } from '../ui/Layout';

/** Browser mode's front door: each role's window is a separate address, as the desktop app's windows are. */
export function PortalChooser() {
  const { t } = useTranslation();
  return (
    <main className="main main--narrow">
      <Page title={t('portal.title')}>
        <p>{t('portal.intro')}</p>
        <ul className="portal-list">
          <li>
            <a className="portal-card" href="?portal=patient">
              <strong>{t('portal.patient')}</strong>
              <span>{t('portal.patientHint')}</span>
            </a>
          </li>
          <li>
            <a className="portal-card" href="?portal=clinic">
              <strong>{t('portal.clinic')}</strong>
              <span>{t('portal.clinicHint')}</span>
            </a>
          </li>
        </ul>
      </Page>
    </main>
  );
}
