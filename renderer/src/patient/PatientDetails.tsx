import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { ageOn, useDates } from '../ui/format';

/** A patient's record, read-only: the patient's own profile and the front desk's view of a patient. */
export function PatientDetails({ patient }: { patient: PatientView }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const born = day(patient.dateOfBirth, 'long');
  const notGiven = <span className="not-given">{t('patient.details.notGiven')}</span>;
  const orNotGiven = (v: string | undefined) => (v ? v : notGiven);
  const age = ageOn(patient.dateOfBirth);
  const { address: a } = patient;
  const emergency = [patient.emergencyContactName, patient.emergencyContactPhone].filter(Boolean).join(', ');

  const rows: [string, ReactNode, string?][] = [
    [t('fields.fullName'), patient.fullName],
    [t('fields.email'), orNotGiven(patient.email)],
    [t('fields.phone'), patient.phone],
    [
      t('patient.form.dateOfBirth'),
      age === null ? born : t('patient.details.dateWithAge', { date: born, age }),
    ],
    [t('patient.form.sex'), t(`labels.sex.${patient.sex}`)],
    [t('patient.form.address'), `${a.line}, ${a.city}, ${t(`labels.state.${a.state}`)} ${a.pinCode}`],
    [t('patient.form.preferredLanguage'), t(`labels.language.${patient.preferredLanguage}`)],
    [t('patient.form.bloodGroup'), patient.bloodGroup ? t(`labels.bloodGroup.${patient.bloodGroup}`) : notGiven],
    [t('patient.form.allergies'), orNotGiven(patient.allergies), 'multiline'],
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
