import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPECIALITIES } from '../../../shared/specialities';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { Button, Fieldset } from '../ui/Layout';
import { emptyEducation, type CredentialsDraft, type EducationDraft } from './credentialsDraft';

const MAX_EDUCATION = 10;
const MAX_LANGUAGES = 12;

/**
 * A doctor's credentials, for sign-up, resubmission and first-run setup. `prefix` is where the credentials
 * sit in the channel's input ('credentials.', 'doctor.' or ''), so each field shows its own error.
 * Without `withContact` the name and mobile number are left out (setup takes them from the administrator).
 */
export function DoctorCredentialsFields({
  value, onChange, fieldError, prefix, withContact = true, autoFocus = false,
}: {
  value: CredentialsDraft;
  onChange: (next: CredentialsDraft) => void;
  fieldError: (path: string) => string | undefined;
  prefix: string;
  withContact?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  // The row just added takes the focus, so a keyboard user can type straight into it.
  const [addedRow, setAddedRow] = useState<number | null>(null);
  const err = (path: string) => fieldError(prefix + path);
  const set = <K extends keyof CredentialsDraft>(key: K) => (v: CredentialsDraft[K]) => onChange({ ...value, [key]: v });
  const setRow = (i: number, key: keyof EducationDraft) => (v: string) =>
    onChange({ ...value, education: value.education.map((row, j) => (j === i ? { ...row, [key]: v } : row)) });

  const addRow = () => {
    setAddedRow(value.education.length);
    onChange({ ...value, education: [...value.education, emptyEducation()] });
  };
  const removeRow = (i: number) => {
    setAddedRow(null);
    onChange({ ...value, education: value.education.filter((_, j) => j !== i) });
  };
  const languagesError =
    err('languages') ?? Array.from({ length: MAX_LANGUAGES }, (_, i) => err(`languages.${i}`)).find(Boolean);
  const specialities = SPECIALITIES.map((id) => ({ value: id, label: t(`labels.speciality.${id}`) }));

  return (
    <>
      {withContact && (
        <div className="form__row">
          <TextField label={t('fields.fullName')} value={value.fullName} onChange={set('fullName')} autoComplete="name" autoFocus={autoFocus} required maxLength={100} error={err('fullName')} hint={t('doctor.fields.fullNameHint')} />
          <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={value.phone} onChange={set('phone')} autoComplete="tel" required maxLength={20} error={err('phone')} />
        </div>
      )}

      <Fieldset legend={t('doctor.fields.education')}>
        {value.education.map((row, i) => (
          <div className="education-row" role="group" aria-label={t('doctor.fields.qualification', { n: i + 1 })} key={i}>
            <div className="form__row">
              <TextField label={t('doctor.fields.degree')} value={row.degree} onChange={setRow(i, 'degree')} autoFocus={addedRow === i || (autoFocus && !withContact && i === 0)} required maxLength={100} error={err(`education.${i}.degree`)} hint={i === 0 ? t('doctor.fields.degreeHint') : undefined} />
              <TextField label={t('doctor.fields.institution')} value={row.institution} onChange={setRow(i, 'institution')} required maxLength={150} error={err(`education.${i}.institution`)} />
              <TextField label={t('doctor.fields.year')} inputMode="numeric" value={row.year} onChange={setRow(i, 'year')} required maxLength={4} error={err(`education.${i}.year`)} />
            </div>
            {value.education.length > 1 && (
              <button type="button" className="btn btn--secondary education-row__remove" onClick={() => removeRow(i)} aria-label={t('doctor.fields.removeQualification', { n: i + 1 })}>
                {t('doctor.fields.remove')}
              </button>
            )}
          </div>
        ))}
        {err('education') && <p className="field__error">{err('education')}</p>}
        {value.education.length < MAX_EDUCATION && (
          <div>
            <Button kind="secondary" onClick={addRow}>{t('doctor.fields.addQualification')}</Button>
          </div>
        )}
      </Fieldset>

      <Fieldset legend={t('doctor.fields.practice')}>
        <div className="form__row">
          <SelectField label={t('doctor.fields.speciality')} value={value.speciality} onChange={(v) => set('speciality')(v as CredentialsDraft['speciality'])} options={specialities} placeholder={t('doctor.fields.chooseSpeciality')} required error={err('speciality')} />
          {value.speciality === 'other' && (
            <TextField label={t('doctor.fields.specialityOther')} value={value.specialityOther} onChange={set('specialityOther')} required maxLength={100} error={err('specialityOther')} />
          )}
        </div>
        <div className="form__row">
          <TextField label={t('doctor.fields.registrationNumber')} value={value.registrationNumber} onChange={set('registrationNumber')} autoComplete="off" required maxLength={30} error={err('registrationNumber')} hint={t('doctor.fields.registrationNumberHint')} />
          <TextField label={t('doctor.fields.registrationCouncil')} value={value.registrationCouncil} onChange={set('registrationCouncil')} required maxLength={150} error={err('registrationCouncil')} hint={t('doctor.fields.registrationCouncilHint')} />
        </div>
        <div className="form__row">
          <TextField label={t('doctor.fields.hospital')} value={value.hospital} onChange={set('hospital')} autoComplete="organization" required maxLength={150} error={err('hospital')} />
          <TextField label={t('doctor.fields.experienceYears')} inputMode="numeric" value={value.experienceYears} onChange={set('experienceYears')} required maxLength={2} error={err('experienceYears')} />
        </div>
        <TextField label={t('doctor.fields.languages')} value={value.languages} onChange={set('languages')} required maxLength={500} error={languagesError} hint={t('doctor.fields.languagesHint')} />
        <TextArea label={t('doctor.fields.bio')} value={value.bio} onChange={set('bio')} rows={4} maxLength={2000} error={err('bio')} hint={t('doctor.fields.bioHint')} />
      </Fieldset>
    </>
  );
}
