import { useTranslation } from 'react-i18next';
import { INDIAN_STATES } from '../../../shared/specialities';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { INDIA_TIME_ZONE, timeZoneChoices, type ClinicDraft } from './clinicDraft';

/** The clinic's name, address, contact, state, time zone and GSTIN; `prefix` is where they sit in the input ('clinic.' or ''). */
export function ClinicFields({
  value, onChange, fieldError, prefix, autoFocus = false,
}: {
  value: ClinicDraft;
  onChange: (next: ClinicDraft) => void;
  fieldError: (path: string) => string | undefined;
  prefix: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const err = (path: string) => fieldError(prefix + path);
  const set = <K extends keyof ClinicDraft>(key: K) => (v: string) => onChange({ ...value, [key]: v });
  const zones = timeZoneChoices(value.timeZone).map((z) => ({
    value: z,
    label: z === INDIA_TIME_ZONE ? t('clinic.fields.timeZoneIndia') : z.replaceAll('_', ' '),
  }));

  return (
    <>
      <TextField label={t('clinic.fields.name')} value={value.name} onChange={set('name')} autoComplete="organization" autoFocus={autoFocus} required maxLength={150} error={err('name')} />
      <TextArea label={t('clinic.fields.address')} value={value.address} onChange={set('address')} rows={2} maxLength={300} required error={err('address')} />
      <div className="form__row">
        <SelectField label={t('clinic.fields.state')} value={value.state} onChange={set('state')} options={INDIAN_STATES.map((s) => ({ value: s, label: t(`labels.state.${s}`) }))} placeholder={t('clinic.fields.chooseState')} required error={err('state')} />
        <SelectField label={t('clinic.fields.timeZone')} value={value.timeZone} onChange={set('timeZone')} options={zones} required error={err('timeZone')} />
      </div>
      <div className="form__row">
        <TextField label={t('clinic.fields.phone')} type="tel" value={value.phone} onChange={set('phone')} autoComplete="tel" maxLength={20} error={err('phone')} hint={t('clinic.fields.contactHint')} />
        <TextField label={t('clinic.fields.email')} type="email" value={value.email} onChange={set('email')} autoComplete="email" maxLength={254} error={err('email')} />
      </div>
      <TextField label={t('clinic.fields.gstin')} value={value.gstin} onChange={(v) => set('gstin')(v.toUpperCase())} autoComplete="off" maxLength={15} error={err('gstin')} hint={t('clinic.fields.gstinHint')} />
    </>
  );
}
