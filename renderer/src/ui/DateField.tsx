import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, Frame, type Common } from './Field';

// A browser's own date box writes the date in the browser's order (12/05/2026 is 5 December under en-US),
// whatever the clinic's. MedLink's clinics are in India: every date field reads and writes day/month/year.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** 'YYYY-MM-DD' for a real calendar day typed as day/month/year (or pasted as YYYY-MM-DD); null otherwise. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  const iso = ISO.exec(s);
  const typed = TYPED.exec(s);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : typed ? [typed[3]!, typed[2]!.padStart(2, '0'), typed[1]!.padStart(2, '0')] : [];
  if (!y) return null;
  const ymd = `${y}-${m}-${d}`;
  const check = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(ymd) ? ymd : null;
}

/** 'YYYY-MM-DD' shown as '05/12/2026'. */
export const showDay = (ymd: string) => {
  const m = ISO.exec(ymd);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ymd;
};

export const isDay = (v: string) => ISO.test(v);

/**
 * A date typed as day/month/year, or picked from the calendar beside it. `value` and `onChange` speak
 * 'YYYY-MM-DD'; text that is not yet a date is passed on as typed, so the form's own check names the problem.
 * The hint shows the order unless `hint` says otherwise ('' for none, where a day is always shown).
 */
export function DateField(props: Common & { value: string; onChange: (value: string) => void; autoFocus?: boolean; autoComplete?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => showDay(props.value));
  // A value set from outside (a reset, the next day's button) replaces what is typed unless it is the same day.
  useEffect(() => {
    if (parseDay(text) !== props.value && text !== props.value) setText(showDay(props.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);

  const type = (v: string) => {
    setText(v);
    props.onChange(v.trim() === '' ? '' : (parseDay(v) ?? v));
  };

  return (
    <Frame id={id} {...props} hint={props.hint ?? t('app.dateHint')}>
      <div className="date-field">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          placeholder={t('app.datePlaceholder')}
          value={text}
          onChange={(e) => type(e.target.value)}
          autoFocus={props.autoFocus}
          autoComplete={props.autoComplete}
          required={props.required}
          maxLength={10}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.error, props.hint ?? t('app.dateHint'))}
        />
        <button type="button" className="date-field__pick" onClick={() => picker.current?.showPicker()} aria-label={t('app.pickDate')} title={t('app.pickDate')}>
          <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="2.5" y="4" width="15" height="13.5" rx="2" />
            <path d="M2.5 8.5h15M6.5 2.5v3M13.5 2.5v3" />
          </svg>
        </button>
        {/* Only its calendar is used; the day it gives is shown above in the clinic's order. */}
        <input
          ref={picker}
          type="date"
          className="date-field__native"
          tabIndex={-1}
          aria-hidden="true"
          value={isDay(props.value) ? props.value : ''}
          onChange={(e) => e.target.value && type(showDay(e.target.value))}
        />
      </div>
    </Frame>
  );
}
