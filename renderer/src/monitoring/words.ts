import type { TFunction } from 'i18next';
import type { AlertView, PlanMeasure, ReadingView } from '../../../shared/contract';
import { bmi, readingText, STORED_UNIT } from '../../../shared/monitoring';

// How readings, targets and alerts read on screen, in the current language.

/** "150/95 mmHg · pulse 88", "72 kg · BMI 26.4". */
export function readingValue(t: TFunction, r: ReadingView, heightCm?: number | null): string {
  const parts = [readingText(r)];
  if (r.pulse !== null) parts.push(t('monitoring.value.pulse', { pulse: r.pulse }));
  if (r.measure === 'weight' && heightCm) parts.push(t('monitoring.value.bmi', { bmi: bmi(r.value, heightCm) }));
  return parts.join(' · ');
}

/** "Target 80–130 mg/dL, every day"; blood pressure gives both numbers. */
export function targetText(t: TFunction, m: PlanMeasure): string {
  const unit = STORED_UNIT[m.measure];
  const bound = (low: number | null, high: number | null) =>
    low !== null && high !== null ? `${low}–${high}` : low !== null ? `≥ ${low}` : high !== null ? `≤ ${high}` : null;
  const first = bound(m.low, m.high);
  const second = bound(m.low2, m.high2);
  const range = m.measure === 'blood_pressure' && (first || second) ? `${first ?? '–'} / ${second ?? '–'} ${unit}` : first ? `${first} ${unit}` : null;
  const every = t('monitoring.every', { count: m.everyDays });
  return range ? t('monitoring.target', { range, every }) : t('monitoring.noTarget', { every });
}

/** The rule that raised an alert, with its figures. */
export const ruleText = (t: TFunction, a: AlertView) =>
  t(`monitoring.rules.${a.rule}`, { percent: a.figures.changePercent ?? '', days: a.figures.days ?? '', average: a.figures.average ?? '', previous: a.figures.previousAverage ?? '' });
