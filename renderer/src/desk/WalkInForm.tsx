import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, PatientView } from '../../../shared/contract';
import { INDIAN_STATES, SEXES } from '../../../shared/specialities';
import { BirthFields, birthInput, type BirthForm } from '../patient/BirthFields';
import { useErrorCode } from '../booking/errorCode';
import { useSession } from '../session/session';
import { SelectField, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/**
 * Registers a walk-in: a patient record without a login, from a name and a mobile number (a date of birth or an
 * age, and sex, if given). When the person
 * is already registered (same name and number, or same email), `onDuplicate` gets what to search for.
 */
export function WalkInForm({ onRegistered, onDuplicate }: { onRegistered: (p: PatientView) => void; onDuplicate: (queries: string[]) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const [form, setForm] = useState({ fullName: '', phone: '', email: '', state: '', sex: '' });
  const [birth, setBirth] = useState<BirthForm>({ dateOfBirth: '', ageYears: '' });
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'patients.registerWalkIn');
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function register() {
    const input: Input<'patients.registerWalkIn'> = {
      fullName: form.fullName,
      phone: form.phone,
      ...(form.email.trim() ? { email: form.email } : {}),
      ...(form.state ? { state: form.state as (typeof INDIAN_STATES)[number] } : {}),
      ...(form.sex ? { sex: form.sex as (typeof SEXES)[number] } : {}),
      ...birthInput(birth),
    };
    const r = await submit(input);
    if (r) return onRegistered(r);
    if (lastCode() === 'CONFLICT') return onDuplicate([form.phone, form.email.trim()].filter(Boolean));
    focusFirstInvalid();
  }

  return (
    <Form onSubmit={register} label={t('board.walkInForm.title')}>
      <h2 className="form__title">{t('board.walkInForm.title')}</h2>
      <p className="form__note">{t('board.walkInForm.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form__row">
        <TextField label={t('fields.fullName')} value={form.fullName} onChange={set('fullName')} autoComplete="off" required maxLength={100} error={fieldError('fullName')} />
        <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={form.phone} onChange={set('phone')} autoComplete="off" required maxLength={20} error={fieldError('phone')} />
      </div>
      <div className="form__row">
        <TextField label={t('board.walkInForm.email')} type="email" value={form.email} onChange={set('email')} autoComplete="off" maxLength={254} error={fieldError('email')} />
        <SelectField
          label={t('board.walkInForm.state')} value={form.state} onChange={set('state')} placeholder={t('board.walkInForm.clinicState')}
          options={INDIAN_STATES.map((s) => ({ value: s, label: t(`labels.state.${s}`) }))} error={fieldError('state')} hint={t('board.walkInForm.stateHint')}
        />
      </div>
      <BirthFields value={birth} onChange={setBirth} fieldError={fieldError} />
      <SelectField
        label={t('patient.form.sex')} value={form.sex} onChange={set('sex')} placeholder={t('board.walkInForm.notGiven')}
        options={SEXES.map((s) => ({ value: s, label: t(`labels.sex.${s}`) }))} error={fieldError('sex')}
      />
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('board.walkInForm.submit')}</Button>
      </div>
    </Form>
  );
}
