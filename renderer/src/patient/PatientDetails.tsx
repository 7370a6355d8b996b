import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { ageOn, useDates } from '../ui/format';

/** A date of birth with the age it gives today; an age given in years (the date not known) as about that age. */
export function BirthLine({ patient }: { patient: Pick<PatientView, 'dateOfBirth' | 'dateOfBirthEstimated'> }) {
  const { t } = useTranslation();
  const { day } = useDates();
  if (!patient.dateOfBirth) return <span className="not-given">{t('patient.details.notGiven')}</span>;
  const age = ageOn(patient.dateOfBirth);
  if (patient.dateOfBirthEstimated) return <>{t('patient.details.ageEstimated', { age })}</>;
  const born = day(patient.dateOfBirth, 'long');
  return <>{age === null ? born : t('patient.details.dateWithAge', { date: born, age })}</>;
}

/** A patient's record, read-only: the patient's own profile and the front desk's view of a patient. */
export function PatientDetails({ patient }: { patient: PatientView }) {
  const { t } = useTranslation();
  const notGiven = <span className="not-given">{t('patient.details.notGiven')}</span>;
  const orNotGiven = (v: string | undefined) => (v ? v : notGiven);
  const { address: a } = patient;
  // A walk-in may have given only the state: show what there is, and "Not given" when there is nothing else.
  const street = [a.line, a.city].filter(Boolean).join(', ');
  const place = [t(`labels.state.${a.state}`), a.pinCode].filter(Boolean).join(' ');
  const emergency = [patient.emergencyContactName, patient.emergencyContactPhone].filter(Boolean).join(', ');

  const rows: [string, ReactNode, string?][] = [
    [t('fields.fullName'), patient.fullName],
    [t('fields.email'), orNotGiven(patient.email)],
    [t('fields.phone'), patient.phone],
    ...(patient.holder
      ? [[t('patient.details.holder'), t('patient.details.holderValue', { name: patient.holder.fullName, relation: t(`labels.relation.${patient.relation}`), phone: patient.holder.phone })] as [string, string]]
      : []),
    [t('patient.form.dateOfBirth'), <BirthLine patient={patient} />],
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
