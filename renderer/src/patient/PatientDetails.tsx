import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { ageOn, useDates } from '../ui/format';

/** A patient's record, read-only: the patient's own profile and the front desk's view of a patient. */
export function PatientDetails({ patient }: { patient: PatientView }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const notGiven = <span className="not-given">{t('patient.details.notGiven')}</span>;
  const orNotGiven = (v: string | undefined) => (v ? v : notGiven);
  const born = patient.dateOfBirth ? day(patient.dateOfBirth, 'long') : null;
  const age = patient.dateOfBirth ? ageOn(patient.dateOfBirth) : null;
  const { address: a } = patient;
  // A walk-in may have given only the state: show what there is, and "Not given" when there is nothing else.
  const street = [a.line, a.city].filter(Boolean).join(', ');
  const place = [t(`labels.state.${a.state}`), a.pinCode].filter(Boolean).join(' ');
  const emergency = [patient.emergencyContactName, patient.emergencyContactPhone].filter(Boolean).join(', ');

  const rows: [string, ReactNode, string?][] = [
    [t('fields.fullName'), patient.fullName],
    [t('fields.email'), orNotGiven(patient.email)],
    [t('fields.phone'), patient.phone],
    [
      t('patient.form.dateOfBirth'),
      born === null ? notGiven : age === null ? born : t('patient.details.dateWithAge', { date: born, age }),
    ],
    [t('patient.form.sex'), patient.sex ? t(`labels.sex.${patient.sex}`) : notGiven],
    [t('patient.form.address'), street ? `${street}, ${place}` : <>{notGiven} ({place})</>],
    [t('patient.form.preferredLanguage'), t(`labels.language.${patient.preferredLanguage}`)],
    [t('patient.form.bloodGroup'), patient.bloodGroup ? t(`labels.bloodGroup.${patient.bloodGroup}`) : notGiven],
    [t('patient.form.allergies'), orNotGiven(patient.allergies), 'multiline'],
    [t('patient.form.chronicConditions'), orNotGiven(patient.chronicConditions), 'multiline'],
    [t('patient.form.currentMedications'), orNotGiven(patient.currentMedications), 'multiline'],
    [t('patient.form.medicalHistory'), orNotGiven(patient.medicalHistory), 'multiline'],
    [t('patient.form.emergency'), orNotGiven(emergency)],
  ];

  return (
    <dl className="details">
      {rows.map(([label, value, className]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd className={className}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
