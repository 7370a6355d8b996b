import { useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage, UI_LANGUAGES } from '../i18n';
import { ConnectionLost } from '../ui/ConnectionLost';
import { Button } from '../ui/Layout';
import { ChangePassword } from './ChangePassword';
import { SessionContext } from './session';

/** MedLink's name and the clinic's, at the left of a window's top bar. */
export function Brand({ clinicName }: { clinicName: string | null }) {
  return (
    <div className="topbar__brand">
      <span className="brand-mark" aria-hidden="true">✚</span>
      <span className="brand-name">MedLink</span>
      {clinicName && <span className="topbar__clinic">{clinicName}</span>}
    </div>
  );
}

/** The frame of every window: brand, clinic, language, (when signed in) who is signed in, and how to reach the clinic. */
export function Shell({ clinicName, contact, children }: {
  clinicName: string | null;
  contact: { address: string; phone: string | null; email: string | null } | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const session = useContext(SessionContext);
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">{t('app.skip')}</a>
      <header className="topbar">
        <Brand clinicName={clinicName} />
        <div className="topbar__tools">
          <label className="lang">
            <span className="visually-hidden">{t('app.language')}</span>
            <select value={i18n.language} onChange={(e) => void setLanguage(e.target.value as (typeof UI_LANGUAGES)[number])}>
              {UI_LANGUAGES.map((l) => (
                <option key={l} value={l}>{t(`app.languages.${l}`)}</option>
              ))}
            </select>
          </label>
          {session && (
            <>
              <span className="topbar__user" title={session.user.fullName}>{session.user.fullName}</span>
              {!session.user.mustChangePassword && (
                <Button kind="secondary" onClick={() => setChangingPassword((v) => !v)}>
                  {changingPassword ? t('app.back') : t('app.changePassword')}
                </Button>
              )}
              <Button kind="secondary" onClick={() => session.signOut()}>{t('app.signOut')}</Button>
            </>
          )}
        </div>
      </header>
      {session?.lost && <ConnectionLost check={session.checkConnection} />}
      <div id="content" className="content">
        {changingPassword ? <ChangePassword onChanged={() => setChangingPassword(false)} /> : children}
      </div>
      {contact && clinicName && (
        // Wherever MedLink says "contact the clinic", this says how.
        <footer className="footer">
          <span>{t('app.contactClinic', { clinic: clinicName })}</span>
          {contact.phone && <span>{t('app.contactPhone', { phone: contact.phone })}</span>}
          {contact.email && <span>{t('app.contactEmail', { email: contact.email })}</span>}
          <span>{contact.address}</span>
        </footer>
      )}
    </div>
  );
}
