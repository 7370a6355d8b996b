import { useTranslation } from 'react-i18next';
import { SMTP_SECURITY, type Input, type MailSettingsView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { SelectField, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useDraft } from '../ui/useDraft';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { MailTest } from './MailTest';

type Security = MailSettingsView['security'];
interface Draft {
  host: string;
  port: string;
  security: Security;
  user: string;
  /** Empty: keep the stored one. */
  password: string;
  from: string;
}

const draftFrom = (s: MailSettingsView): Draft => ({ host: s.host, port: String(s.port), security: s.security, user: s.user, password: '', from: s.from });
const USUAL_PORT: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

function settingsInput(d: Draft): Input<'mail.saveSettings'> {
  return {
    host: d.host,
    port: /^\d+$/.test(d.port.trim()) ? Number(d.port.trim()) : Number.NaN,
    security: d.security,
    // No user name: the server takes mail without a sign-in, and the stored password goes.
    ...(d.user.trim() ? { user: d.user } : {}),
    ...(d.password ? { password: d.password } : {}),
    from: d.from,
  };
}

/** The clinic's outgoing mail server, whether it is set up, and a test message through it. */
export function MailSettings({ onOpenQueue }: { onOpenQueue: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data: settings, setData: setSettings, error: loadError } = useLoad(invoke, 'mail.settings', {});
  const { draft, change, saved, setSaved, saveDone } = useDraft(settings, draftFrom);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'mail.saveSettings');

  /** A port left at the usual one for the old choice follows the new choice. */
  const changeSecurity = (security: Security) => {
    if (!draft) return;
    const usual = draft.port.trim() === '' || Number(draft.port) === USUAL_PORT[draft.security];
    change({ security, ...(usual ? { port: String(USUAL_PORT[security]) } : {}) });
  };

  async function save() {
    if (!draft) return;
    setSaved(false);
    const extra: Record<string, string> = draft.password && !draft.user.trim() ? { user: 'smtp_user_required' } : {};
    const r = await submit(settingsInput(draft), extra);
    if (!r) return focusFirstInvalid();
    setSettings(r);
    saveDone(r);
  }

  const passwordKept = settings?.passwordStored && draft?.user.trim();
  return (
    <Page title={t('mailAdmin.settings.title')}>
      <p className="lead">{t('mailAdmin.settings.intro')}</p>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!draft && !loadError && <Loading />}
      {settings && (
        <p className="status-line" role="status">
          <span className={`badge ${settings.configured ? 'badge--verified' : 'badge--pending'}`}>
            {t(settings.configured ? 'mailAdmin.settings.configured' : 'mailAdmin.settings.notConfigured')}
          </span>
          <span>
            {settings.configured
              ? t('mailAdmin.settings.configuredText', { host: settings.host, port: settings.port })
              : t('mailAdmin.settings.notConfiguredText')}
          </span>
        </p>
      )}
      {saved && <Notice kind="success">{t('mailAdmin.settings.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {draft && (
        <Form onSubmit={() => void save()} label={t('mailAdmin.settings.title')}>
          <Fieldset legend={t('mailAdmin.settings.server')}>
            <div className="form__row form__row--host-port">
              <TextField
                label={t('mailAdmin.settings.host')} hint={t('mailAdmin.settings.hostHint')} value={draft.host}
                onChange={(host) => change({ host })} autoComplete="off" required maxLength={253} error={fieldError('host')}
              />
              <TextField
                label={t('mailAdmin.settings.port')} hint={t('mailAdmin.settings.portHint')} value={draft.port} inputMode="numeric"
                onChange={(port) => change({ port })} autoComplete="off" required maxLength={5} error={fieldError('port')}
              />
            </div>
            <SelectField
              label={t('mailAdmin.settings.security')} hint={t('mailAdmin.settings.securityHint')} value={draft.security}
              onChange={(v) => changeSecurity(v as Security)} required error={fieldError('security')}
              options={SMTP_SECURITY.map((s) => ({ value: s, label: t(`mailAdmin.settings.securityOptions.${s}`) }))}
            />
          </Fieldset>
          <Fieldset legend={t('mailAdmin.settings.account')}>
            <div className="form__row">
              <TextField
                label={t('mailAdmin.settings.user')} value={draft.user} onChange={(user) => change({ user })} autoComplete="off" maxLength={254}
                hint={settings?.passwordStored && !draft.user.trim() ? t('mailAdmin.settings.userDropsPassword') : t('mailAdmin.settings.userHint')}
                error={fieldError('user')}
              />
              <TextField
                label={t('mailAdmin.settings.password')} type="password" value={draft.password} onChange={(password) => change({ password })}
                autoComplete="new-password" maxLength={500} error={fieldError('password')}
                hint={passwordKept ? t('mailAdmin.settings.passwordStored') : t('mailAdmin.settings.passwordHint')}
              />
            </div>
          </Fieldset>
          <Fieldset legend={t('mailAdmin.settings.sender')}>
            <TextField
              label={t('mailAdmin.settings.from')} hint={t('mailAdmin.settings.fromHint')} type="email" value={draft.from}
              onChange={(from) => change({ from })} autoComplete="off" required maxLength={254} error={fieldError('from')}
            />
          </Fieldset>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('mailAdmin.settings.save')}</Button>
          </div>
        </Form>
      )}
      {settings && <MailTest configured={settings.configured} onOpenQueue={onOpenQueue} />}
    </Page>
  );
}
