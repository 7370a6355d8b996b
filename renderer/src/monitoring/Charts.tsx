import { useTranslation } from 'react-i18next';
import type { PlanView, ReadingView } from '../../../shared/contract';
import { CHART_RANGES, MEASURES, type ChartRange } from '../../../shared/monitoring';
import { MeasureChart } from './MeasureChart';

/**
 * The range buttons and a chart for each planned measure (and any other with readings), with the target of the
 * first plan that has one (a patient may be monitored by more than one doctor).
 */
export function Charts({ plans, readings, range, onRange }: { plans: PlanView[]; readings: ReadingView[]; range: ChartRange; onRange: (r: ChartRange) => void }) {
  const { t } = useTranslation();
  const targets = plans.flatMap((p) => p.measures);
  const planned = targets.map((m) => m.measure);
  const heightCm = plans.find((p) => p.heightCm !== null)?.heightCm ?? null;
  const shown = MEASURES.filter((m) => planned.includes(m) || readings.some((r) => r.measure === m));
  return (
    <>
      <div className="range-picker" role="group" aria-label={t('monitoring.chart.range')}>
        {(Object.keys(CHART_RANGES) as ChartRange[]).map((r) => (
          <button key={r} type="button" className="btn btn--secondary" aria-pressed={range === r} onClick={() => onRange(r)}>
            {t(`monitoring.ranges.${r}`)}
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="empty">{t('monitoring.chart.nothing')}</p>}
      <div className="measure-charts">
        {shown.map((m) => (
          <MeasureChart key={m} measure={m} readings={readings.filter((r) => r.measure === m)} target={targets.find((p) => p.measure === m)} heightCm={heightCm} />
        ))}
      </div>
    </>
  );
}
