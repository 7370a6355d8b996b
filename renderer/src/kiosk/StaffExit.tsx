import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import { Login } from '../session/Login';
import { transport } from '../transport';
import { errorText } from '../ui/errors';
import { Notice } from '../ui/Layout';

/**
 * Leaving kiosk mode: a front-desk or administrator account signs in here, which ends kiosk mode on this seat
 * (until MedLink starts again) and ends the session with it; the clinic window takes over.
 */
export function StaffExit({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<string | null>(null);

  async function signedIn(login: LoginResult) {
    // Leaving ends the session too; a refused account's session is ended here.
    const r = await transport.invoke('kiosk.leave', {}, login.token);
    if (r.ok) return window.location.replace(`${window.location.pathname}?portal=clinic`);
    await transport.invoke('auth.logout', {}, login.token);
    setRefusal(r.error.code === 'FORBIDDEN' ? t('kiosk.staff.notStaff') : errorText(t, r.error));
  }

  const intro = (
    <>
      <Notice kind="info">{t('kiosk.staff.intro')}</Notice>
      {refusal && <Notice kind="error">{refusal}</Notice>}
    </>
  );
  return <Login portal="clinic" onSignedIn={(l) => void signedIn(l)} shared intro={intro} onBack={onBack} />;
}
