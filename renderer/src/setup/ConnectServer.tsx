import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/contract';
import { publicInvoke } from '../session/session';
import { TextArea, TextField } from '../ui/Field';
import { FileButton } from '../ui/FileButton';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

const POSTGRES_PORT = '5432';
/** More than any CA certificate (or short chain) needs; the schema refuses what is longer. */
const MAX_FILE_CHARS = 70_000;

/** First run on a computer joining a clinic whose records are on its PostgreSQL server. */
export function ConnectServer({ onConnected, onBack }: { onConnected: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ host: '', port: POSTGRES_PORT, database: 'medlink', user: '', password: '', caCertificate: '' });
  const [fileRead, setFileRead] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'seat.connect');
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });

  function readFile(text: string, name: string) {
    setDraft({ ...draft, caCertificate: text.trim() });
    setFileRead(t('seat.connect.caFileRead', { name }));
  }

  async function connect() {
    const input: Input<'seat.connect'> = {
      host: draft.host,
      // A port that is not a whole number fails the schema's own check, with its message.
      port: /^\d{1,5}$/.test(draft.port.trim()) ? Number(draft.port.trim()) : Number.NaN,
      database: draft.database,
      user: draft.user,
      password: draft.password || undefined,
      caCertificate: draft.caCertificate.trim() || undefined,
    };
    if (await submit(input)) onConnected();
    else setRefusals((n) => n + 1);
  }

  // After the refusal has been rendered: a field marked by an earlier refusal must not take the focus meanwhile.
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid();
  }, [refusals]);

  return (
    <main className="main main--wide">
      <Page title={t('seat.connect.title')}>
        <p>{t('seat.connect.intro')}</p>
        {error && <Notice kind="error">{error}</Notice>}
        {busy && <Notice kind="info">{t('seat.connect.trying')}</Notice>}
        <Form onSubmit={() => void connect()} label={t('seat.connect.title')}>
          <Fieldset legend={t('seat.connect.server')}>
            <div className="form__row form__row--host-port">
              <TextField label={t('seat.connect.host')} value={draft.host} onChange={set('host')} hint={t('seat.connect.hostHint')} required maxLength={253} autoFocus error={fieldError('host')} />
              <TextField label={t('seat.connect.port')} inputMode="numeric" value={draft.port} onChange={set('port')} required maxLength={5} error={fieldError('port')} />
            </div>
            <TextField label={t('seat.connect.database')} value={draft.database} onChange={set('database')} required maxLength={63} error={fieldError('database')} />
          </Fieldset>
          <Fieldset legend={t('seat.connect.account')}>
            <div className="form__row">
              <TextField label={t('seat.connect.user')} value={draft.user} onChange={set('user')} autoComplete="off" required maxLength={63} error={fieldError('user')} />
              <TextField label={t('seat.connect.password')} type="password" value={draft.password} onChange={set('password')} autoComplete="off" maxLength={500} hint={t('seat.connect.passwordHint')} error={fieldError('password')} />
            </div>
          </Fieldset>
          <Fieldset legend={t('seat.connect.encryption')}>
            {fileRead && !fieldError('caCertificate') && <Notice kind="info">{fileRead}</Notice>}
            <TextArea
              label={t('seat.connect.ca')}
              hint={t('seat.connect.caHint')}
              value={draft.caCertificate}
              onChange={(v) => {
                set('caCertificate')(v);
                setFileRead(null);
              }}
              rows={6}
              maxLength={MAX_FILE_CHARS}
              error={fieldError('caCertificate')}
            />
            <div className="form__actions form__actions--start">
              <FileButton label={t('seat.connect.caFile')} accept=".pem,.crt,.cer" maxChars={MAX_FILE_CHARS} onText={readFile} />
            </div>
          </Fieldset>
          <div className="form__actions">
            <Button kind="secondary" onClick={onBack}>{t('app.back')}</Button>
            <Button type="submit" busy={busy}>{t('seat.connect.submit')}</Button>
          </div>
        </Form>
      </Page>
    </main>
  );
}
