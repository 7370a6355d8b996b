import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../shared/contract';
import { FreeSlots } from '../desk/FreeSlots';
import { fieldText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Button } from '../ui/Layout';

export interface PlannedRow {
  start: string;
  /** Why this time cannot be had (a `validation` key), or null once checked and free. */
  problem: string | null;
}

/**
 * The visits of a series as checked, before anything is saved: each free, or why not, with a way to place it by hand
 * (another of the doctor's free times that day or later) or, for a new series, to leave it out.
 */
export function VisitPlan({ doctorId, visits, onReplace, onRemove }: {
  doctorId: number;
  visits: PlannedRow[];
  onReplace: (index: number, slot: SlotView) => void;
  onRemove?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const { when, dayOf } = useDates();
  const [placing, setPlacing] = useState<{ index: number; date: string } | null>(null);
  const [picked, setPicked] = useState<SlotView | null>(null);

  return (
    <ol className="visit-plan">
      {visits.map((v, i) => (
        <li key={`${i}-${v.start}`} className={`visit-plan__item${v.problem ? ' visit-plan__item--problem' : ''}`}>
          <div className="visit-plan__row">
            <span className="visit-plan__when">{t('series.plan.visit', { n: i + 1, when: when(v.start) })}</span>
            <span className={`badge ${v.problem ? 'appt-status--cancelled' : 'appt-status--completed'}`}>
              {v.problem ? fieldText(t, v.problem) : t('series.plan.free')}
            </span>
          </div>
          {v.problem && placing?.index !== i && (
            <div className="visit-plan__actions">
              <Button kind="secondary" onClick={() => { setPicked(null); setPlacing({ index: i, date: dayOf(v.start) }); }}>
                {t('series.plan.replace')}<span className="visually-hidden"> {t('series.plan.visit', { n: i + 1, when: when(v.start) })}</span>
              </Button>
              {onRemove && (
                <Button kind="secondary" onClick={() => onRemove(i)}>
                  {t('series.plan.leaveOut')}<span className="visually-hidden"> {t('series.plan.visit', { n: i + 1, when: when(v.start) })}</span>
                </Button>
              )}
            </div>
          )}
          {placing?.index === i && (
            <div className="visit-plan__place">
              <FreeSlots doctorId={doctorId} date={placing.date} onDate={(date) => setPlacing({ index: i, date })} value={picked?.start ?? null} onPick={setPicked} />
              <div className="form__actions form__actions--start">
                <Button disabled={!picked} onClick={() => { onReplace(i, picked!); setPlacing(null); }}>{t('series.plan.useTime')}</Button>
                <Button kind="secondary" onClick={() => setPlacing(null)}>{t('series.plan.keep')}</Button>
              </div>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
