import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../../shared/contract';
import { Setup } from '../clinic/Setup';
import { publicInvoke } from '../session/session';
import { Loading, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { ConnectServer } from './ConnectServer';
import { RestoreClinic } from './RestoreClinic';

type Done = (login: LoginResult, clinic: { name: string; timeZone: string }) => void;

/**
 * The clinic window's first run: a new clinic on this computer, a clinic restored from a backup, or this
 * computer joins the clinic's database server. The choice is offered only while the seat may still be pointed at a server; a seat already on one
 * sets up the clinic there.
 */
export function FirstRun({ onDone, onConnected }: { onDone: Done; onConnected: () => void }) {
  const { t } = useTranslation();
  const seat = useLoad(publicInvoke, 'seat.status', {});
  const [choice, setChoice] = useState<'new' | 'restore' | 'server' | null>(null);

  if (seat.loading) return <Loading />;
  // Without an answer there is nothing to choose between: the clinic can still be set up here.
  const canConnect = seat.data?.canConnect ?? false;
  if (!canConnect || choice === 'new') {
    return <Setup onDone={onDone} onBack={canConnect ? () => setChoice(null) : undefined} onServer={seat.data?.database === 'server'} />;
  }
  if (choice === 'server') return <ConnectServer onConnected={onConnected} onBack={() => setChoice(null)} />;
  // Once restored, MedLink opens the restored clinic: asked again, the window finds it set up and offers sign-in.
  if (choice === 'restore') return <RestoreClinic onRestored={onConnected} onBack={() => setChoice(null)} />;
  return (
    <main className="main main--narrow">
      <Page title={t('seat.firstRun.title')}>
        <p>{t('seat.firstRun.intro')}</p>
        <ul className="portal-list">
          <li>
            <button type="button" className="portal-card choice-card" onClick={() => setChoice('new')}>
              <strong>{t('seat.firstRun.new')}</strong>
              <span>{t('seat.firstRun.newHint')}</span>
            </button>
          </li>
          <li>
            <button type="button" className="portal-card choice-card" onClick={() => setChoice('restore')}>
              <strong>{t('seat.firstRun.restore')}</strong>
              <span>{t('seat.firstRun.restoreHint')}</span>
            </button>
          </li>
          <li>
            <button type="button" className="portal-card choice-card" onClick={() => setChoice('server')}>
              <strong>{t('seat.firstRun.server')}</strong>
              <span>{t('seat.firstRun.serverHint')}</span>
            </button>
          </li>
        </ul>
      </Page>
    </main>
  );
}
