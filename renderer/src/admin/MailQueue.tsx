import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES, type QueuedMail } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { errorText } from '../ui/errors';
import { SelectField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Notice, Page } from '../ui/Layout';
import { useLive } from '../ui/live';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { MailProgress, MailStatusBadge, useQueuedMail } from './MailState';

type Status = QueuedMail['status'];

/** The outbox as the administrator sees it: newest first, by status, a page at a time, with a retry for failures. */
export function MailQueue({ onSetUp }: { onSetUp: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const settings = useLoad(invoke, 'mail.settings', {});
  // What waits for a mail server, for the banner; its first page is enough to say "N" or "more than N".
  const waiting = useLoad(invoke, 'mail.queue', { status: 'pending' }, ['mail']);
  const [status, setStatus] = useState<Status | ''>('');
  const [messages, setMessages] = useState<QueuedMail[] | null>(null);
  const [more, setMore] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const { submit, busy, error } = useSubmit(invoke, 'mail.queue');
  const { mail: watched, watch } = useQueuedMail(invoke);
  const configured = settings.data?.configured ?? true;

  const show = useCallback(
    async (beforeId?: number) => {
      const r = await submit({ ...(status ? { status } : {}), ...(beforeId ? { beforeId } : {}) });
      if (!r) return;
      setMessages((shown) => (beforeId ? [...(shown ?? []), ...r.messages] : r.messages));
      setMore(r.more);
    },
    // submit is a fresh function each render; the list depends on the filter only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status],
  );

  useEffect(() => {
    void show();
  }, [show]);
  // Mail queued, sent or failed, at this seat or another: the first page is read again.
  useLive(['mail'], () => void show());

  function refresh() {
    setNotice(null);
    void settings.reload();
    void waiting.reload();
    void show();
  }

  async function retry(m: QueuedMail) {
    setNotice(null);
    const r = await invoke('mail.retry', { id: m.id });
    if (!r.ok) {
      setNotice({ kind: 'error', text: errorText(t, r.error) });
      return void show();
    }
    setNotice({ kind: 'success', text: t(configured ? 'mailAdmin.queue.retried' : 'mailAdmin.queue.retriedWaiting', { to: m.recipient }) });
    // The sender was woken: follow this message in its row until it is sent or fails again.
    watch(m.id);
  }

  const rows = messages?.map((m) => (watched?.id === m.id ? watched : m)) ?? null;
  const count = waiting.data?.messages.length ?? 0;
  return (
    <Page title={t('mailAdmin.queue.title')} actions={<Button kind="secondary" onClick={refresh}>{t('mailAdmin.queue.refresh')}</Button>}>
      <p className="lead">{t('mailAdmin.queue.intro')} {t('mailAdmin.queue.privacy')}</p>
      {settings.data && !settings.data.configured && (
        <div className="mail-banner" role="status">
          <p>
            {count === 0
              ? t('mailAdmin.queue.noServer')
              : waiting.data?.more
                ? t('mailAdmin.queue.waitingMore', { count })
                : t('mailAdmin.queue.waiting', { count })}
          </p>
          <Button onClick={onSetUp}>{t('mailAdmin.queue.setUp')}</Button>
        </div>
      )}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div className="mail-filter">
        <SelectField
          label={t('mailAdmin.queue.filter')} value={status} onChange={(v) => setStatus(v as Status | '')}
          options={[{ value: '', label: t('mailAdmin.queue.all') }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`mailAdmin.statuses.${s}`) }))]}
        />
      </div>
      <DataTable
        caption={t('mailAdmin.queue.caption')} rows={rows} error={error} compact rowKey={(m) => m.id}
        empty={status ? t('mailAdmin.queue.emptyFiltered') : t('mailAdmin.queue.empty')}
        more={more ? { label: t('mailAdmin.queue.older'), onClick: () => void show(messages?.at(-1)?.id), busy } : null}
        columns={[
          { header: t('mailAdmin.queue.when'), cell: (m) => <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>, className: 'nowrap' },
          { header: t('mailAdmin.queue.to'), cell: (m) => m.recipient, className: 'mail-recipient' },
          { header: t('mailAdmin.queue.subject'), cell: (m) => m.subject ?? <span className="muted">{t(`mailAdmin.kinds.${m.kind}`, { defaultValue: t('mailAdmin.kinds.other') })}</span> },
          { header: t('mailAdmin.queue.status'), cell: (m) => <MailStatusBadge status={m.status} />, className: 'nowrap' },
          { header: t('mailAdmin.queue.attempts'), cell: (m) => m.attempts },
          { header: t('mailAdmin.queue.progress'), cell: (m) => <MailProgress mail={m} configured={configured} />, className: 'mail-progress' },
          {
            header: <span className="visually-hidden">{t('mailAdmin.queue.actions')}</span>,
            className: 'sched-table__action',
            // Only a message that has failed has anything to retry; one that never went waits for the sender anyway.
            cell: (m) =>
              (m.status === 'dead' || (m.status === 'pending' && m.attempts > 0)) && (
                <button type="button" className="btn btn--secondary" onClick={() => void retry(m)}>
                  {t('mailAdmin.queue.retry')}
                  <span className="visually-hidden"> {t('mailAdmin.queue.retryWhich', { to: m.recipient, id: m.id })}</span>
                </button>
              ),
          },
        ]}
      />
    </Page>
  );
}
