import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Loading, Notice } from '../ui/Layout';
import { useDates } from '../ui/format';
import { modeLabel, type Mode } from './labels';

type Entry = Output<'appointments.history'>[number];
interface Value { start?: string; mode?: Mode; status?: string; reason?: string }

const parse = (json: string | null): Value => {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Value) : {};
  } catch {
    return {};
  }
};

/** What happened to one appointment, loaded when the patient opens the disclosure. */
export function AppointmentHistory({ appointmentId }: { appointmentId: number }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (entries) return;
    const r = await invoke('appointments.history', { appointmentId });
    if (r.ok) setEntries(r.data);
    else setError(errorText(t, r.error));
  };

  return (
    <details className="appt-history" onToggle={(e) => e.currentTarget.open && void load()}>
      <summary>{t('appointments.history.title')}</summary>
      {error && <Notice kind="error">{error}</Notice>}
      {!entries && !error && <Loading />}
      {entries && (
        <ol className="appt-history__list">
          {entries.map((h, i) => (
            <HistoryLine key={i} entry={h} />
          ))}
        </ol>
      )}
    </details>
  );
}

function HistoryLine({ entry: h }: { entry: Entry }) {
  const { t } = useTranslation();
  const dates = useDates();
  const from = parse(h.from);
  const to = parse(h.to);
  const actor = h.actorName ?? t('appointments.history.clinic');
  const slot = (v: Value) => [v.start && dates.when(v.start), v.mode && modeLabel(t, v.mode)].filter(Boolean).join(', ');
  let text: string;
  switch (h.change) {
    case 'booked':
      text = t('appointments.history.booked', { actor, slot: slot(to) });
      break;
    case 'rescheduled':
      text = t('appointments.history.rescheduled', { actor, from: slot(from), to: slot(to) });
      break;
    case 'cancelled':
      text = to.reason ? t('appointments.history.cancelledWhy', { actor, reason: to.reason }) : t('appointments.history.cancelled', { actor });
      break;
    default:
      text = t('appointments.history.status', { actor, status: t(`appointments.status.${h.change}`, { defaultValue: h.change }) });
  }
  return (
    <li>
      <time dateTime={h.at} className="appt-history__at">{dates.when(h.at)}</time> {text}
    </li>
  );
}
