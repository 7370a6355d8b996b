import { useTranslation } from 'react-i18next';
import { DateField } from '../ui/DateField';
import { TextField } from '../ui/Field';

/** A date of birth, or when it is not known an age in years: what the inputs hold, '' for not given. */
export interface BirthForm {
  dateOfBirth: string;
  ageYears: string;
}

/** The input's birth fields from the form: the date if given, else the age (a number, so a wrong one is named). */
export const birthInput = (b: BirthForm) => ({
  ...(b.dateOfBirth.trim() ? { dateOfBirth: b.dateOfBirth } : {}),
  ...(b.ageYears.trim() ? { ageYears: /^\d+$/.test(b.ageYears.trim()) ? Number(b.ageYears.trim()) : Number.NaN } : {}),
});

/** The date of birth and, for when it is not known, the age: MedLink keeps an age as an estimated birth date, so it keeps rising. */
export function BirthFields({ value, onChange, fieldError }: { value: BirthForm; onChange: (b: BirthForm) => void; fieldError: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="form__row">
      <DateField label={t('family.form.dateOfBirth')} value={value.dateOfBirth} onChange={(v) => onChange({ ...value, dateOfBirth: v })} error={fieldError('dateOfBirth')} />
      <TextField
        label={t('family.form.ageYears')} inputMode="numeric" maxLength={3} value={value.ageYears} hint={t('family.form.ageHint')}
        onChange={(v) => onChange({ ...value, ageYears: v })} error={fieldError('ageYears')}
      />
    </div>
  );
}
