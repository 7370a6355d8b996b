import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

const JOIN_BEFORE_MS = 15 * 60_000;

/** The time now, moved on every half minute: a Join button opens without a reload. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * An online appointment's video link on the patient's or the doctor's card: the link, and a Join button active
 * from 15 minutes before the start until the end (it opens the system browser). The doctor may also use a link of
 * their own, or ask for a new one.
 */
export function VideoLink({ appointment: a, onChanged }: { appointment: AppointmentView; onChanged?: (notice: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { time } = useDates();
  const now = useNow();
  const headingId = useId();
  const video = a.video;
  if (!video || (a.status !== 'booked' && a.status !== 'checked_in')) return null;
  const start = Date.parse(a.start);
  const open = now >= start - JOIN_BEFORE_MS && now < Date.parse(a.end);
  // Only an https address is ever made a link (the server accepts no other).
  const url = video.url?.startsWith('https://') ? video.url : null;

  return (
    <section className="video-link" aria-labelledby={headingId}>
      <h4 id={headingId} className="video-link__heading">{t('video.link.heading')}</h4>
      {!url ? (
        <p className="video-link__pending" role="status">{t('video.link.pending')}</p>
      ) : (
        <>
          <dl className="details">
            <dt>{t('video.link.link')}</dt>
            <dd className="video-link__url">{url}</dd>
            <dt>{t('video.link.service')}</dt>
            <dd>{t(`video.link.providers.${video.provider}`)}</dd>
          </dl>
          {open ? (
            <a className="btn btn--primary" href={url} target="_blank" rel="noopener noreferrer">{t('video.link.join')}</a>
          ) : (
            <>
              <button type="button" className="btn btn--primary" disabled aria-describedby={`${headingId}-when`}>{t('video.link.join')}</button>
              <p className="field__hint" id={`${headingId}-when`}>
                {now < start ? t('video.link.joinFrom', { time: time(new Date(start - JOIN_BEFORE_MS).toISOString()) }) : t('video.link.ended')}
              </p>
            </>
          )}
          {onChanged && video.moderatorSignIn && <p className="video-link__note">{t('video.link.moderator')}</p>}
        </>
      )}
      {onChanged && a.canChangeLink && <ChangeLink appointment={a} onChanged={onChanged} />}
    </section>
  );
}

/** The doctor's two ways to change the link: their own, or a new one made the usual way. */
function ChangeLink({ appointment: a, onChanged }: { appointment: AppointmentView; onChanged: (notice: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [open, setOpen] = useState<'own' | 'new' | null>(null);
  const [url, setUrl] = useState('');
  const own = useSubmit(invoke, 'video.useOwnLink');
  const fresh = useSubmit(invoke, 'video.newLink');

  async function useOwn() {
    if (!(await own.submit({ appointmentId: a.id, url }))) return;
    setOpen(null);
    setUrl('');
    await onChanged(t('video.link.ownDone'));
  }

  async function makeNew() {
    if (!(await fresh.submit({ appointmentId: a.id }))) return;
    setOpen(null);
    await onChanged(t('video.link.newDone'));
  }

  if (open === 'own') {
    return (
      <div className="sched-panel" onKeyDown={(e) => e.key === 'Escape' && setOpen(null)}>
        {own.error && <Notice kind="error">{own.error}</Notice>}
        <Form onSubmit={() => void useOwn()} label={t('video.link.useOwn')}>
          <TextField label={t('video.link.ownUrl')} hint={t('video.link.ownHint')} value={url} onChange={setUrl} autoFocus maxLength={500} required error={own.fieldError('url')} />
          <div className="form__actions">
            <Button kind="secondary" onClick={() => setOpen(null)}>{t('video.link.cancel')}</Button>
            <Button type="submit" busy={own.busy}>{t('video.link.saveOwn')}</Button>
          </div>
        </Form>
      </div>
    );
  }
  if (open === 'new') {
    return (
      <div className="confirm" role="group" aria-label={t('video.link.newLink')}>
        {fresh.error && <Notice kind="error">{fresh.error}</Notice>}
        <p>{t('video.link.newConfirm')}</p>
        <div className="card__actions">
          <Button kind="secondary" onClick={() => setOpen(null)}>{t('video.link.cancel')}</Button>
          <Button busy={fresh.busy} onClick={() => void makeNew()}>{t('video.link.newYes')}</Button>
        </div>
      </div>
    );
  }
  return (
    <div className="card__actions">
      <Button kind="secondary" onClick={() => setOpen('own')}>{t('video.link.useOwn')}</Button>
      <Button kind="secondary" onClick={() => setOpen('new')}>{t('video.link.newLink')}</Button>
    </div>
  );
}
