import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { download } from '../ui/files';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

/** The administrator's view of the clinic key: its recovery code, behind their password, to enrol other computers. */
export function ClinicKey() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const clinic = useLoad(invoke, 'settings.get', {});
  const protection = useLoad(invoke, 'clinicKey.protection', {});
  const [password, setPassword] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'clinicKey.recoveryCode');

  async function show() {
    const r = await submit({ password });
    setPassword('');
    if (!r) return focusFirstInvalid();
    setCode(r.recoveryCode);
  }

  function save(recoveryCode: string) {
    const text = [
      t('clinicKey.fileHeader'),
      `${t('clinicKey.fileClinic')}: ${clinic.data?.name ?? ''}`,
      `${t('clinicKey.fileSaved')}: ${date(new Date().toISOString())}`,
      // Always in English: the enrolment screen finds the code by this label whatever the language.
      `Recovery code: ${recoveryCode}`,
      '',
    ].join('\n');
    download(new Blob([text], { type: 'text/plain' }), 'medlink-clinic-key.txt');
  }

  return (
    <Page title={t('clinicKey.title')}>
      <p className="lead">{t('clinicKey.intro')}</p>
      <Notice kind="info">{t('clinicKey.keepSafe')}</Notice>
      {protection.data && (
        <section className="card" aria-labelledby="key-protection">
          <h2 id="key-protection">{t('clinicKey.protection.title')}</h2>
          <p>{t(`clinicKey.protection.${protection.data.protection}`)}</p>
          <p>
            {t('clinicKey.protection.where')} <code>{protection.data.keyFile}</code>
          </p>
          <p>{t(`clinicKey.protection.database.${protection.data.database}`)}</p>
        </section>
      )}
      {code ? (
        <div className="notice notice--success temp-password" role="status">
          <p className="temp-password__label">{t('clinicKey.code')}</p>
          <p>
            <code className="temp-password__value recovery-code">{code.replaceAll('-', ' ')}</code>
          </p>
          <div className="form__actions">
            <Button onClick={() => save(code)}>{t('clinicKey.save')}</Button>
            <Button kind="secondary" onClick={() => setCode(null)}>{t('clinicKey.hide')}</Button>
          </div>
        </div>
      ) : (
        <>
          {error && <Notice kind="error">{error}</Notice>}
          <Form onSubmit={() => void show()} label={t('clinicKey.show')}>
            <TextField
              label={t('clinicKey.confirm')}
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              required
              maxLength={200}
              error={fieldError('password')}
            />
            <div className="form__actions">
              <Button type="submit" busy={busy}>{t('clinicKey.show')}</Button>
            </div>
          </Form>
        </>
      )}
    </Page>
  );
}
