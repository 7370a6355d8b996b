import { useTranslation } from 'react-i18next';
import { MODES, type TimeRangeInput } from '../../../shared/contract';

type Mode = (typeof MODES)[number];
/** In person first: most visits are. */
const MODE_ORDER: readonly Mode[] = ['in_person', 'online'];

export function TimeField({ id, label, value, onChange, error, required }: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {required && <span className="field__required" aria-hidden="true">*</span>}
      </div>
      <input
        id={id}
        type="time"
        value={value}
        step={300}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/**
 * One range of hours: from, to, and the kinds of visit offered in it. `context` ("Monday, hours 2") is read
 * by screen readers with the remove button, which would otherwise be one of many alike.
 */
export function RangeFields({ id, value, onChange, onRemove, errorOf, context }: {
  id: string;
  value: TimeRangeInput;
  onChange: (value: TimeRangeInput) => void;
  onRemove: () => void;
  /** The translated error of 'start', 'end' or 'modes', if any. */
  errorOf: (part: 'start' | 'end' | 'modes') => string | undefined;
  context: string;
}) {
  const { t } = useTranslation();
  const modesError = errorOf('modes');
  const toggle = (mode: Mode, on: boolean) =>
    onChange({ ...value, modes: MODE_ORDER.filter((m) => (m === mode ? on : value.modes.includes(m))) });

  return (
    <div className="sched-range">
      <TimeField id={`${id}-start`} label={t('availability.range.from')} value={value.start} onChange={(start) => onChange({ ...value, start })} error={errorOf('start')} />
      <TimeField id={`${id}-end`} label={t('availability.range.to')} value={value.end} onChange={(end) => onChange({ ...value, end })} error={errorOf('end')} />
      <fieldset className={`sched-modes${modesError ? ' field--invalid' : ''}`} aria-describedby={modesError ? `${id}-modes-error` : undefined}>
        <legend className="visually-hidden">{t('availability.range.modes')}</legend>
        <div className="sched-modes__options">
          {MODE_ORDER.map((m) => (
            <div className="checkbox" key={m}>
              <input
                id={`${id}-${m}`}
                type="checkbox"
                checked={value.modes.includes(m)}
                onChange={(e) => toggle(m, e.target.checked)}
                aria-invalid={modesError ? true : undefined}
              />
              <label htmlFor={`${id}-${m}`}>{t(`schedule.mode.${m}`)}</label>
            </div>
          ))}
        </div>
        {modesError && <p className="field__error" id={`${id}-modes-error`}>{modesError}</p>}
      </fieldset>
      <button type="button" className="btn btn--secondary sched-range__remove" onClick={onRemove}>
        {t('availability.range.remove')}
        <span className="visually-hidden"> {context}</span>
      </button>
    </div>
  );
}

/** A new range after the last one: from its end for two hours, in person. */
export function nextRange(ranges: readonly TimeRangeInput[]): TimeRangeInput {
  const last = ranges[ranges.length - 1];
  if (!last) return { start: '09:00', end: '13:00', modes: ['in_person'] };
  const [h, m] = last.end.split(':').map(Number) as [number, number];
  const start = Math.min(h * 60 + m + 60, 22 * 60);
  const end = Math.min(start + 120, 23 * 60 + 55);
  const hhmm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return { start: hhmm(start), end: hhmm(end), modes: [...last.modes] };
}
