import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, VideoSettingsView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useDraft } from '../ui/useDraft';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { GoogleConnection } from '../video/GoogleConnection';
import { GoogleJobs } from './GoogleJobs';

interface Draft {
  clientId: string;
  /** Empty: keep the stored one. */
  clientSecret: string;
  jitsiServer: string;
  fallbackMinutes: string;
}

const draftFrom = (s: VideoSettingsView): Draft => ({ clientId: s.clientId, clientSecret: '', jitsiServer: s.jitsiServer, fallbackMinutes: String(s.fallbackMinutes) });

const settingsInput = (d: Draft): Input<'video.saveSettings'> => ({
  clientId: d.clientId,
  ...(d.clientSecret.trim() ? { clientSecret: d.clientSecret } : {}),
  jitsiServer: d.jitsiServer,
  fallbackMinutes: /^\d+$/.test(d.fallbackMinutes.trim()) ? Number(d.fallbackMinutes.trim()) : Number.NaN,
});

/** The administrator's video settings: the clinic's Google account, the Google client, the Jitsi fallback, and Google work that failed. */
export function VideoSettings() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data: settings, setData: setSettings, error: loadError } = useLoad(invoke, 'video.settings', {});
  const { draft, change, saved, setSaved, saveDone } = useDraft(settings, draftFrom);
  // The connection card reads whether a client is set up: it is shown anew after each save.
  const [version, setVersion] = useState(0);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'video.saveSettings');

  async function save() {
    if (!draft) return;
    setSaved(false);
    const r = await submit(settingsInput(draft));
    if (!r) return focusFirstInvalid();
    setSettings(r);
    saveDone(r);
    setVersion((v) => v + 1);
  }

  return (
    <Page title={t('video.settings.title')}>
      <p className="lead">{t('video.settings.intro')}</p>
      <GoogleConnection key={version} calendar="clinic" />
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!draft && !loadError && <Loading />}
      {saved && <Notice kind="success">{t('video.settings.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {draft && (
        <Form onSubmit={() => void save()} label={t('video.settings.title')}>
          <Fieldset legend={t('video.settings.client')}>
            <p className="form__note">{t('video.settings.clientIntro')}</p>
            <TextField
              label={t('video.settings.clientId')} hint={t('video.settings.clientIdHint')} value={draft.clientId}
              onChange={(clientId) => change({ clientId })} autoComplete="off" maxLength={200} error={fieldError('clientId')}
            />
            <TextField
              label={t('video.settings.clientSecret')} type="password" value={draft.clientSecret} onChange={(clientSecret) => change({ clientSecret })}
              autoComplete="new-password" maxLength={200} error={fieldError('clientSecret')}
              hint={settings?.clientSecretStored ? t('video.settings.clientSecretStored') : t('video.settings.clientSecretHint')}
            />
          </Fieldset>
          <Fieldset legend={t('video.settings.fallback')}>
            <TextField
              label={t('video.settings.jitsiServer')} hint={t('video.settings.jitsiServerHint')} value={draft.jitsiServer}
              onChange={(jitsiServer) => change({ jitsiServer })} autoComplete="off" maxLength={200} required error={fieldError('jitsiServer')}
            />
            <TextField
              label={t('video.settings.fallbackMinutes')} hint={t('video.settings.fallbackMinutesHint')} value={draft.fallbackMinutes} inputMode="numeric"
              onChange={(fallbackMinutes) => change({ fallbackMinutes })} autoComplete="off" maxLength={3} required error={fieldError('fallbackMinutes')}
            />
          </Fieldset>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('video.settings.save')}</Button>
          </div>
        </Form>
      )}
      <GoogleJobs />
    </Page>
  );
}
