import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Button, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** Whether this computer is the waiting room's kiosk: kept on the computer itself, so it is set here, at it. */
export function KioskSetting() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const status = useLoad(invoke, 'kiosk.status', {});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const configured = status.data?.configured;

  async function configure(enabled: boolean) {
    setBusy(true);
    setMessage(null);
    const r = await invoke('kiosk.configure', { enabled });
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: errorText(t, r.error) });
    status.setData(r.data);
    setMessage({ kind: 'success', text: t(enabled ? 'kiosk.setting.on' : 'kiosk.setting.off') });
  }

  return (
    <section className="settings-section" aria-labelledby="kiosk-setting-title">
      <h2 id="kiosk-setting-title">{t('kiosk.setting.title')}</h2>
      {status.error && <Notice kind="error">{status.error}</Notice>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {configured !== undefined && (
        <>
          <p>{t(configured ? 'kiosk.setting.isKiosk' : status.data?.active ? 'kiosk.setting.isFlagged' : 'kiosk.setting.isSeat')}</p>
          <p className="muted">{t('kiosk.setting.explain')}</p>
          <Button kind={configured ? 'secondary' : 'primary'} busy={busy} onClick={() => void configure(!configured)}>
            {t(configured ? 'kiosk.setting.turnOff' : 'kiosk.setting.turnOn')}
          </Button>
        </>
      )}
    </section>
  );
}
