import { useTranslation } from 'react-i18next';
import { BLOOD_GROUPS, INDIAN_STATES, LANGUAGES, SEXES } from '../../../shared/specialities';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { Fieldset } from '../ui/Layout';
import { intlLocale } from '../ui/format';
import type { ProfileForm } from './profileForm';
import { DateField } from '../ui/DateField';

interface Props {
  value: ProfileForm;
  onChange: (next: ProfileForm) => void;
  /** The translated error for a field path, e.g. "profile.address.pinCode". */
  fieldError: (path: string) => string | undefined;
  /** Where the profile sits in the channel's input: 'profile.' for sign-up, '' for an update. */
  pathPrefix: string;
  /** The email address is the sign-in name: editable at sign-up only. */
  emailReadOnly?: boolean;
}

/** The patient's profile inputs, shared by sign-up and profile editing. */
export function PatientProfileFields({ value, onChange, fieldError, pathPrefix, emailReadOnly }: Props) {
  const { t, i18n } = useTranslation();
  const err = (path: string) => fieldError(pathPrefix + path);
  const set = <K extends keyof ProfileForm>(key: K) => (v: ProfileForm[K]) => onChange({ ...value, [key]: v });
  const setAddress = <K extends keyof ProfileForm['address']>(key: K) => (v: ProfileForm['address'][K]) =>
    onChange({ ...value, address: { ...value.address, [key]: v } });

  const collator = new Intl.Collator(intlLocale(i18n.language));
  const states = INDIAN_STATES.map((s) => ({ value: s, label: t(`labels.state.${s}`) })).sort((a, b) => collator.compare(a.label, b.label));
  const choose = t('patient.form.choose');

  return (
    <>
      <p className="form__note">{t('patient.form.requiredNote')}</p>
      <Fieldset legend={t('patient.form.about')}>
        <TextField label={t('fields.fullName')} value={value.fullName} onChange={set('fullName')} autoComplete="name" autoFocus required maxLength={100} error={err('fullName')} />
        <div className="form__row">
          <DateField label={t('patient.form.dateOfBirth')} value={value.dateOfBirth} onChange={set('dateOfBirth')} autoComplete="bday" required error={err('dateOfBirth')} />
          <SelectField
            label={t('patient.form.sex')}
            value={value.sex}
            onChange={(v) => set('sex')(v as ProfileForm['sex'])}
            options={SEXES.map((s) => ({ value: s, label: t(`labels.sex.${s}`) }))}
            placeholder={choose}
            required
            error={err('sex')}
          />
        </div>
        <SelectField
          label={t('patient.form.preferredLanguage')}
          value={value.preferredLanguage}
          onChange={(v) => set('preferredLanguage')(v as ProfileForm['preferredLanguage'])}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`labels.language.${l}`) }))}
          hint={t('patient.form.preferredLanguageHint')}
          error={err('preferredLanguage')}
        />
      </Fieldset>

      <Fieldset legend={t('patient.form.contact')}>
        <div className="form__row">
          <TextField
            label={t('fields.email')}
            type="email"
            value={value.email}
            onChange={set('email')}
            autoComplete="email"
            readOnly={emailReadOnly}
            required={!emailReadOnly}
            maxLength={254}
            hint={emailReadOnly ? t('validation.email_fixed') : undefined}
            error={err('email')}
          />
          <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={value.phone} onChange={set('phone')} autoComplete="tel" required maxLength={20} hint={t('patient.form.phoneHint')} error={err('phone')} />
        </div>
      </Fieldset>

      <Fieldset legend={t('patient.form.address')}>
        <TextField label={t('patient.form.addressLine')} value={value.address.line} onChange={setAddress('line')} autoComplete="street-address" required maxLength={200} error={err('address.line')} />
        <div className="form__row">
          <TextField label={t('patient.form.city')} value={value.address.city} onChange={setAddress('city')} autoComplete="address-level2" required maxLength={80} error={err('address.city')} />
          <SelectField
            label={t('patient.form.state')}
            value={value.address.state}
            onChange={(v) => setAddress('state')(v as ProfileForm['address']['state'])}
            options={states}
            placeholder={choose}
            required
            error={err('address.state')}
          />
          <TextField label={t('patient.form.pinCode')} value={value.address.pinCode} onChange={setAddress('pinCode')} autoComplete="postal-code" inputMode="numeric" maxLength={6} required error={err('address.pinCode')} />
        </div>
      </Fieldset>

      <Fieldset legend={t('patient.form.health')}>
        <SelectField
          label={t('patient.form.bloodGroup')}
          value={value.bloodGroup}
          onChange={(v) => set('bloodGroup')(v as ProfileForm['bloodGroup'])}
          options={BLOOD_GROUPS.map((b) => ({ value: b, label: t(`labels.bloodGroup.${b}`) }))}
          placeholder={t('patient.form.bloodGroupUnknown')}
          error={err('bloodGroup')}
        />
        <TextArea label={t('patient.form.allergies')} value={value.allergies} onChange={set('allergies')} rows={2} maxLength={1000} hint={t('patient.form.allergiesHint')} error={err('allergies')} />
        <TextArea label={t('patient.form.chronicConditions')} value={value.chronicConditions} onChange={set('chronicConditions')} rows={2} maxLength={2000} hint={t('patient.form.chronicConditionsHint')} error={err('chronicConditions')} />
        <TextArea label={t('patient.form.currentMedications')} value={value.currentMedications} onChange={set('currentMedications')} rows={2} maxLength={2000} hint={t('patient.form.currentMedicationsHint')} error={err('currentMedications')} />
        <TextArea label={t('patient.form.medicalHistory')} value={value.medicalHistory} onChange={set('medicalHistory')} rows={4} maxLength={4000} hint={t('patient.form.medicalHistoryHint')} error={err('medicalHistory')} />
      </Fieldset>

      <Fieldset legend={t('patient.form.emergency')}>
        <p className="form__note">{t('patient.form.emergencyHint')}</p>
        <div className="form__row">
          <TextField label={t('patient.form.emergencyName')} value={value.emergencyContactName} onChange={set('emergencyContactName')} autoComplete="off" maxLength={100} error={err('emergencyContactName')} />
          <TextField label={t('patient.form.emergencyPhone')} type="tel" inputMode="tel" value={value.emergencyContactPhone} onChange={set('emergencyContactPhone')} autoComplete="off" maxLength={20} error={err('emergencyContactPhone')} />
        </div>
      </Fieldset>
    </>
  );
}
