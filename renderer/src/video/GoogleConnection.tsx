import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoogleConnectionView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Button, Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useRefreshWhile } from '../ui/useRefreshWhile';

const BADGE: Record<GoogleConnectionView['status'], string> = {
  not_connected: 'badge--pending',
  waiting: 'badge--pending',
  connected: 'badge--verified',
  broken: 'badge--rejected',
};

/**
 * A Google connection (the clinic's, or the signed-in doctor's own) and what can be done with it: connect in the
 * system browser, reconnect a broken one, disconnect. While the browser is on Google's page, it looks again by itself.
 */
export function GoogleConnection({ calendar }: { calendar: 'clinic' | 'mine' }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const headingId = useId();
  const { data, setData, error: loadError, reload } = useLoad(invoke, 'google.connection', { calendar });
  const [authUrl, setAuthUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  useRefreshWhile(data?.status === 'waiting', reload);

  async function connect() {
    setNotice(null);
    setBusy(true);
    const r = await invoke('google.connect', { calendar });
    setBusy(false);
    if (!r.ok) return setNotice({ kind: 'error', text: errorText(t, r.error) });
    setAuthUrl(r.data.authUrl);
    await reload();
  }

  async function disconnect() {
    setBusy(true);
    const r = await invoke('google.disconnect', { calendar });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setNotice({ kind: 'error', text: errorText(t, r.error) });
    setData(r.data);
    setNotice({ kind: 'success', text: t('video.google.disconnected') });
  }

  const status = data?.status;
  const title = t(calendar === 'clinic' ? 'video.google.clinicTitle' : 'video.google.mineCard');
  return (
    <section className="card google-connection" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{t(calendar === 'clinic' ? 'video.google.clinicIntro' : 'video.google.mineIntro')}</p>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!data && !loadError && <Loading />}
      {data && (
        <p className="status-line" role="status">
          <span className={`badge ${BADGE[data.status]}`}>{t(`video.google.status.${data.status}`)}</span>
          <span>
            {data.status === 'connected' && t('video.google.connectedText', { name: data.connectedBy ?? '', date: data.connectedAt ? date(data.connectedAt) : '' })}
            {data.status === 'not_connected' && (data.clientConfigured ? t(calendar === 'clinic' ? 'video.google.notConnectedClinic' : 'video.google.notConnectedMine') : t(calendar === 'clinic' ? 'video.google.notConfiguredAdmin' : 'video.google.notConfiguredDoctor'))}
            {data.status === 'waiting' && (authUrl ? t('video.google.openHint') : t('video.google.waitingElsewhere'))}
          </span>
        </p>
      )}
      {data?.status === 'broken' && <Notice kind="error">{t('video.google.brokenText', { date: data.brokenAt ? date(data.brokenAt) : '' })}</Notice>}
      {data?.lastFailure && status !== 'connected' && <Notice kind="error">{t(`video.google.failure.${data.lastFailure}`)}</Notice>}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {status === 'waiting' && authUrl && (
        // A plain link: the browser (in the desktop app, the system browser) opens Google's page.
        <p>
          <a className="btn btn--primary" href={authUrl} target="_blank" rel="noopener noreferrer">
            {t('video.google.openGoogle')}
          </a>
        </p>
      )}
      {data && !confirming && (
        <div className="card__actions">
          {data.clientConfigured && status !== 'connected' && (
            <Button kind={status === 'waiting' ? 'secondary' : 'primary'} busy={busy} onClick={() => void connect()}>
              {t(status === 'waiting' ? 'video.google.startAgain' : status === 'broken' ? 'video.google.reconnect' : 'video.google.connect')}
            </Button>
          )}
          {(status === 'connected' || status === 'broken') && (
            <Button kind="secondary" onClick={() => setConfirming(true)}>{t('video.google.disconnect')}</Button>
          )}
        </div>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={t('video.google.disconnect')}>
          <p>{t('video.google.disconnectConfirm')}</p>
          <div className="card__actions">
            <Button kind="secondary" onClick={() => setConfirming(false)}>{t('video.google.keep')}</Button>
            <Button kind="danger" busy={busy} onClick={() => void disconnect()}>{t('video.google.disconnectYes')}</Button>
          </div>
        </div>
      )}
    </section>
  );
}
