import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlanMeasure, ReadingView } from '../../../shared/contract';
import { STORED_UNIT, type Measure } from '../../../shared/monitoring';
import { DataTable } from '../ui/DataTable';
import { intlLocale, useDates } from '../ui/format';
import { readingValue, targetText } from './words';

const COLORS = ['#1d4f91', '#b3261e'];
/** Each line's target band in its own colour (blood pressure has two). */
const BANDS = [
  { fill: 'rgba(29, 79, 145, 0.10)', edge: 'rgba(29, 79, 145, 0.5)' },
  { fill: 'rgba(179, 38, 30, 0.08)', edge: 'rgba(179, 38, 30, 0.45)' },
];

/** The target range drawn under the lines (uPlot's draw hook, as its highlight-interval demo does). */
function bandPlugin(bands: [number | null, number | null][]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx, bbox } = u;
        for (const [i, [low, high]] of bands.entries()) {
          if (low === null && high === null) continue;
          const top = high === null ? bbox.top : u.valToPos(high, 'y', true);
          const bottom = low === null ? bbox.top + bbox.height : u.valToPos(low, 'y', true);
          const y0 = Math.max(bbox.top, Math.min(top, bottom));
          const y1 = Math.min(bbox.top + bbox.height, Math.max(top, bottom));
          if (y1 <= y0) continue;
          ctx.save();
          ctx.fillStyle = BANDS[i]!.fill;
          ctx.fillRect(bbox.left, y0, bbox.width, y1 - y0);
          ctx.strokeStyle = BANDS[i]!.edge;
          ctx.setLineDash([6, 4]);
          ctx.strokeRect(bbox.left, y0, bbox.width, y1 - y0);
          ctx.restore();
        }
      },
    },
  };
}

/**
 * One measure over time with its target band (blood pressure: systolic and diastolic as two lines, each with its
 * band); the point under the pointer shows its value and note; the same readings as a table for screen readers.
 */
export function MeasureChart({ measure, readings, target, heightCm }: { measure: Measure; readings: ReadingView[]; target?: PlanMeasure; heightCm?: number | null }) {
  const { t, i18n } = useTranslation();
  const { dateTime, zone } = useDates();
  const box = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<ReadingView | null>(null);
  const title = t(`monitoring.measures.${measure}`);
  const bp = measure === 'blood_pressure';

  useEffect(() => {
    const el = box.current;
    if (!el || readings.length === 0) return;
    const xs = readings.map((r) => Date.parse(r.takenAt) / 1000);
    const data: uPlot.AlignedData = bp ? [xs, readings.map((r) => r.value), readings.map((r) => r.value2)] : [xs, readings.map((r) => r.value)];
    const bands: [number | null, number | null][] = target ? (bp ? [[target.low, target.high], [target.low2, target.high2]] : [[target.low, target.high]]) : [];
    // The y axis always shows the target band, even when every reading sits inside it.
    const bounds = bands.flat().filter((v): v is number => v !== null);
    // Axis dates as the rest of MedLink writes them ("22 Nov"), in the clinic's zone.
    const tick = new Intl.DateTimeFormat(intlLocale(i18n.language), { day: 'numeric', month: 'short', timeZone: zone });
    const series: uPlot.Series[] = [
      { label: t('monitoring.chart.when'), value: (_: uPlot, ts: number | null) => (ts === null ? '–' : dateTime(new Date(ts * 1000).toISOString())) },
      ...(bp ? [t('monitoring.chart.systolic'), t('monitoring.chart.diastolic')] : [title]).map((label, i) => ({
        label,
        stroke: COLORS[i],
        width: 2,
        points: { show: true, size: 7, fill: COLORS[i] },
        value: (_: uPlot, v: number | null) => (v === null ? '–' : `${v} ${STORED_UNIT[measure]}`),
      })),
    ];
    const u = new uPlot(
      {
        width: el.clientWidth || 600,
        height: 240,
        // Day ticks fall on the clinic's midnights, whatever this computer's zone.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        series,
        scales: {
          y: {
            range: (_u, min, max) => {
              const lo = Math.min(min, ...bounds);
              const hi = Math.max(max, ...bounds);
              const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
              return [lo - pad, hi + pad];
            },
          },
        },
        axes: [{ values: (_u, splits) => splits.map((ts) => tick.format(new Date(ts * 1000))) }, { label: STORED_UNIT[measure], size: 60 }],
        legend: { live: true },
        plugins: [bandPlugin(bands)],
        hooks: { setCursor: [(p) => setFocused(p.cursor.idx == null ? null : (readings[p.cursor.idx] ?? null))] },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- dateTime is remade each render from zone and language
  }, [readings, target, bp, measure, title, zone, t, i18n.language]);

  const summary = t('monitoring.chart.summary', { measure: title, count: readings.length });
  return (
    <section className="card measure-chart" aria-label={title}>
      <div className="card__header">
        <h2>{title}</h2>
        {target && <p className="muted">{targetText(t, target)}</p>}
      </div>
      {readings.length === 0 ? (
        <p className="empty">{t('monitoring.chart.none')}</p>
      ) : (
        <>
          <div ref={box} className="measure-chart__plot" role="img" aria-label={summary} />
          <p className="measure-chart__point" aria-hidden="true">
            {focused
              ? `${dateTime(focused.takenAt)}: ${readingValue(t, focused, heightCm)}${focused.note ? ` · ${focused.note}` : ''}`
              : t('monitoring.chart.pointHint')}
          </p>
          <details className="measure-chart__table">
            <summary>{t('monitoring.chart.asTable', { measure: title })}</summary>
            <DataTable
              caption={summary}
              compact
              rows={[...readings].reverse()}
              rowKey={(r) => r.id}
              empty=""
              columns={[
                { header: t('monitoring.chart.when'), cell: (r) => dateTime(r.takenAt), className: 'nowrap' },
                { header: t('monitoring.chart.value'), cell: (r) => readingValue(t, r, heightCm), className: 'nowrap' },
                { header: t('monitoring.chart.note'), cell: (r) => r.note ?? '' },
                { header: t('monitoring.chart.enteredBy'), cell: (r) => t(`monitoring.enteredAs.${r.enteredAs}`) },
              ]}
            />
          </details>
        </>
      )}
    </section>
  );
}
