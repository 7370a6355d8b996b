import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedMail } from '../../../shared/contract';
import type { Invoke } from '../transport';
import { useDates } from '../ui/format';

// One queued email's state as the administrator reads it, and a way to follow it while the sender works on it.

export function MailStatusBadge({ status }: { status: QueuedMail['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--mail-${status}`}>{t(`mailAdmin.statuses.${status}`)}</span>;
}

/** What happens next to a message (or what went wrong), in words. `configured`: whether SMTP is set up. */
export function MailProgress({ mail, configured }: { mail: QueuedMail; configured: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const next = (() => {
    switch (mail.status) {
      case 'pending':
        if (!configured) return t('mailAdmin.progress.waitsForServer');
        return new Date(mail.dueAt).getTime() <= Date.now() ? t('mailAdmin.progress.dueNow') : t('mailAdmin.progress.nextTry', { time: dateTime(mail.dueAt) });
      case 'sending':
        return t('mailAdmin.progress.sending');
      case 'sent':
        return mail.sentAt ? t('mailAdmin.progress.sent', { time: dateTime(mail.sentAt) }) : t('mailAdmin.statuses.sent');
      case 'dead':
        return t('mailAdmin.progress.gaveUp');
      case 'cancelled':
        return t('mailAdmin.progress.cancelled');
    }
  })();
  return (
    <>
      <div>{next}</div>
      {mail.lastError && mail.status !== 'sent' && <div className="mail-error">{t('mailAdmin.progress.lastError', { error: mail.lastError })}</div>}
    </>
  );
}

const POLL_MS = 2_000;
/** Long enough to see the first retry after a failure (30 s); "Check again" looks once more after that. */
const POLL_FOR_MS = 90_000;

/**
 * Follows one message while it waits or is being sent: asks for it every few seconds until it is sent, given
 * up or withdrawn (or for a minute and a half). `watch(id)` starts (again); null until the first answer.
 */
export function useQueuedMail(invoke: Invoke) {
  const [target, setTarget] = useState<{ id: number; round: number } | null>(null);
  const [mail, setMail] = useState<QueuedMail | null>(null);

  useEffect(() => {
    if (!target) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const until = Date.now() + POLL_FOR_MS;
    const look = async () => {
      // The newest message numbered below id + 1 is this one.
      const r = await invoke('mail.queue', { beforeId: target.id + 1 });
      if (stopped || !r.ok) return;
      const m = r.data.messages.find((x) => x.id === target.id);
      if (!m) return;
      setMail(m);
      if ((m.status === 'pending' || m.status === 'sending') && Date.now() < until) timer = setTimeout(() => void look(), POLL_MS);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [invoke, target]);

  const watch = useCallback((id: number) => {
    setMail((m) => (m?.id === id ? m : null));
    setTarget((t) => ({ id, round: (t?.round ?? 0) + 1 }));
  }, []);
  return { mail, watch };
}
