import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { BLOOD_GROUPS, RELATIONS, SEXES } from '../../../shared/specialities';
import { useSession } from '../session/session';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { BirthFields, birthInput } from './BirthFields';

type Relation = (typeof RELATIONS)[number];

/**
 * A family member's record: a new one on an account (the patient's own, or the one the front desk names) or one
 * already there. Their contact is the account holder's.
 */
export function DependantForm({ existing, holderPatientId, onSaved, onCancel }: {
  existing?: PatientView;
  /** The front desk adds to this record's account. */
  holderPatientId?: number;
  onSaved: (p: PatientView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [form, setForm] = useState({
    fullName: existing?.fullName ?? '',
    relation: (existing?.relation ?? '') as '' | Relation,
    birth: { dateOfBirth: existing && !existing.dateOfBirthEstimated ? (existing.dateOfBirth ?? '') : '', ageYears: '' },
    sex: existing?.sex ?? '',
    bloodGroup: existing?.bloodGroup ?? '',
    allergies: existing?.allergies ?? '',
    medicalHistory: existing?.medicalHistory ?? '',
  });
  const add = useSubmit(invoke, 'family.add');
  const update = useSubmit(invoke, 'family.update');
  const { busy, error, fieldError } = existing ? update : add;
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const choose = t('patient.form.choose');

  async function save() {
    const fields = {
      fullName: form.fullName,
      relation: form.relation as Relation,
      sex: form.sex as (typeof SEXES)[number],
      ...birthInput(form.birth),
      ...(form.bloodGroup ? { bloodGroup: form.bloodGroup as (typeof BLOOD_GROUPS)[number] } : {}),
      allergies: form.allergies,
      medicalHistory: form.medicalHistory,
    };
    const r = existing ? await update.submit({ ...fields, patientId: existing.id }) : await add.submit({ ...fields, ...(holderPatientId ? { holderPatientId } : {}) });
    if (r) onSaved(r);
    else focusFirstInvalid();
  }

  const title = existing ? t('family.form.editTitle', { name: existing.fullName }) : t('family.form.addTitle');
  return (
    <Form onSubmit={() => void save()} label={title}>
      <h2 className="form__title">{title}</h2>
      {!existing && <p className="form__note">{t('family.form.intro')}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form__row">
        <TextField label={t('fields.fullName')} value={form.fullName} onChange={set('fullName')} autoComplete="off" required maxLength={100} error={fieldError('fullName')} />
        <SelectField
          label={t('family.form.relation')} value={form.relation} onChange={(v) => set('relation')(v as Relation)} placeholder={choose} required
          options={RELATIONS.map((r) => ({ value: r, label: t(`labels.relation.${r}`) }))} error={fieldError('relation')}
        />
      </div>
      <BirthFields value={form.birth} onChange={set('birth')} fieldError={fieldError} />
      <div className="form__row">
        <SelectField
          label={t('patient.form.sex')} value={form.sex} onChange={set('sex')} placeholder={choose} required
          options={SEXES.map((s) => ({ value: s, label: t(`labels.sex.${s}`) }))} error={fieldError('sex')}
        />
        <SelectField
          label={t('patient.form.bloodGroup')} value={form.bloodGroup} onChange={set('bloodGroup')} placeholder={t('patient.form.bloodGroupUnknown')}
          options={BLOOD_GROUPS.map((b) => ({ value: b, label: t(`labels.bloodGroup.${b}`) }))} error={fieldError('bloodGroup')}
        />
      </div>
      <TextArea label={t('patient.form.allergies')} value={form.allergies} onChange={set('allergies')} rows={2} maxLength={1000} error={fieldError('allergies')} />
      <TextArea label={t('patient.form.medicalHistory')} value={form.medicalHistory} onChange={set('medicalHistory')} rows={3} maxLength={4000} error={fieldError('medicalHistory')} />
      <div className="form__actions">
        <Button kind="secondary" onClick={onCancel}>{t('family.form.cancel')}</Button>
        <Button type="submit" busy={busy}>{existing ? t('family.form.save') : t('family.form.add')}</Button>
      </div>
    </Form>
  );
}
