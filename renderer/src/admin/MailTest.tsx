import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { MailProgress, MailStatusBadge, useQueuedMail } from './MailState';

/** Queues a test email and follows it through the queue, so the administrator sees whether the settings work. */
export function MailTest({ configured, onOpenQueue }: { configured: boolean; onOpenQueue: () => void }) {
  const { t } = useTranslation();
  const { invoke, user } = useSession();
  const [to, setTo] = useState(user.email);
  const [queuedId, setQueuedId] = useState<number | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'mail.sendTest');
  const { mail, watch } = useQueuedMail(invoke);

  async function send() {
    setQueuedId(null);
    const r = await submit({ to });
    if (!r) return focusFirstInvalid();
    setQueuedId(r.id);
    watch(r.id);
  }

  return (
    <section aria-labelledby="mail-test-title">
      <h2 id="mail-test-title">{t('mailAdmin.test.title')}</h2>
      <p className="lead">{t('mailAdmin.test.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {queuedId !== null && (
        <div className="notice notice--info mail-test-result" role="status">
          <p>{t('mailAdmin.test.queued', { id: queuedId })}</p>
          {mail && (
            <div className="mail-test-result__state">
              <span>{t('mailAdmin.test.state')}</span> <MailStatusBadge status={mail.status} />
              <MailProgress mail={mail} configured={configured} />
            </div>
          )}
          {!configured && <p>{t('mailAdmin.test.waitsForServer')}</p>}
          <div className="mail-test-result__actions">
            <Button kind="secondary" onClick={() => watch(queuedId)}>{t('mailAdmin.test.checkAgain')}</Button>
            <Button kind="secondary" onClick={onOpenQueue}>{t('mailAdmin.test.openQueue')}</Button>
          </div>
        </div>
      )}
      <Form onSubmit={() => void send()} label={t('mailAdmin.test.title')}>
        <div className="search-row">
          <TextField
            label={t('mailAdmin.test.to')} hint={t('mailAdmin.test.toHint')} type="email" value={to} onChange={setTo}
            autoComplete="off" required maxLength={254} error={fieldError('to')}
          />
          <Button type="submit" busy={busy}>{t('mailAdmin.test.submit')}</Button>
        </div>
      </Form>
    </section>
  );
}
