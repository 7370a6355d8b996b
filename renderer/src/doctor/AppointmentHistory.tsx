import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Loading, Notice } from '../ui/Layout';

type Entry = Output<'appointments.history'>[number];

/** A stored change value: JSON written by the server, e.g. {"start":"…","mode":"online"}. */
function parse(value: string | null): Record<string, string> {
  if (!value) return {};
  try {
    const v = JSON.parse(value) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** A disclosure listing what happened to an appointment, loaded each time it is opened. */
export function AppointmentHistory({ appointmentId, context }: { appointmentId: number; context: string }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();

  async function toggle() {
    if (open) return setOpen(false);
    setOpen(true);
    setEntries(null);
    setError(null);
    const r = await invoke('appointments.history', { appointmentId });
    if (r.ok) setEntries(r.data);
    else setError(errorText(t, r.error));
  }

  function detail(e: Entry): string | null {
    const to = parse(e.to);
    if (e.change === 'booked' && to.start) return t('schedule.history.for', { time: dateTime(to.start) });
    if (e.change === 'rescheduled' && to.start) return t('schedule.history.movedTo', { time: dateTime(to.start) });
    if (e.change === 'cancelled' && to.reason) return t('schedule.history.reason', { reason: to.reason });
    return null;
  }

  return (
    <div className="sched-history">
      <button type="button" className="btn btn--link" aria-expanded={open} aria-controls={panelId} onClick={() => void toggle()}>
        {open ? t('schedule.history.hide') : t('schedule.history.show')}
        <span className="visually-hidden"> {context}</span>
      </button>
      <div id={panelId} hidden={!open}>
        {open && error && <Notice kind="error">{error}</Notice>}
        {open && !entries && !error && <Loading />}
        {open && entries && (
          <ol className="sched-history__list">
            {entries.map((e, i) => {
              const more = detail(e);
              return (
                <li key={i}>
                  <span className="nowrap">{dateTime(e.at)}</span>
                  {' · '}
                  <strong>{t(`schedule.history.change.${e.change}`, { defaultValue: e.change })}</strong>
                  {e.actorName && <> {t('schedule.history.by', { name: e.actorName })}</>}
                  {more && <span className="muted"> · {more}</span>}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </div>
  );
}
