import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { modeLabel, type Mode } from './labels';

/** The kind of visit, limited to what the chosen time offers; a time with one kind needs no choice. */
export function ModeChoice({ modes, value, onChange, error, place }: {
  modes: readonly Mode[];
  value: string;
  onChange: (mode: Mode) => void;
  error?: string;
  /** Where an in-person visit happens. */
  place: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hint = (m: Mode) => (m === 'in_person' ? t('booking.inPersonAt', { place }) : t('booking.onlineHint'));
  return (
    <fieldset className={`fieldset mode-choice${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('booking.modeLegend')}</legend>
      {modes.length === 1 && <p className="form__note">{t(`booking.onlyMode.${modes[0]!}`)}</p>}
      {modes.map((m) => (
        <div className="mode-choice__option" key={m}>
          <input id={`${id}-${m}`} type="radio" name={`${id}-mode`} value={m} checked={value === m} onChange={() => onChange(m)} aria-describedby={`${id}-${m}-hint`} />
          <label htmlFor={`${id}-${m}`}>{modeLabel(t, m)}</label>
          <span className="mode-choice__hint" id={`${id}-${m}-hint`}>{hint(m)}</span>
        </div>
      ))}
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
}
