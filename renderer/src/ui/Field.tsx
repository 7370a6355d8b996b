import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Common {
  label: string;
  /** Already translated. */
  error?: string;
  hint?: string;
  required?: boolean;
}

/** Long text (a name, a reason) says how much room is left once most of it is used, rather than stopping without a word. */
function Room({ id, length, max }: { id: string; length: number; max?: number }) {
  const { t } = useTranslation();
  if (!max || max < 50 || length < max * 0.8) return null;
  return (
    <p className="field__room" id={`${id}-room`} aria-live="polite">
      {t('app.room', { count: max - length, max })}
    </p>
  );
}

function Frame({ id, label, error, hint, required, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {/* The marker sits outside the label so the field's name is exactly its label. */}
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {required && <span className="field__required" aria-hidden="true">*</span>}
      </div>
      {children}
      {hint && !error && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export const describedBy = (id: string, error?: string, hint?: string) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);
export { Frame, type Common };

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number' | 'search';
    autoComplete?: string;
    autoFocus?: boolean;
    /** Shown and focusable but not editable (an email address that is the sign-in name). */
    readOnly?: boolean;
    maxLength?: number;
    inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        readOnly={props.readOnly}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      />
      <Room id={id} length={props.value.length} max={props.maxLength} />
    </Frame>
  );
}

export function TextArea(props: Common & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <textarea
        id={id}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      />
      <Room id={id} length={props.value.length} max={props.maxLength} />
    </Frame>
  );
}

export function SelectField(
  props: Common & { value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[]; placeholder?: string },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
