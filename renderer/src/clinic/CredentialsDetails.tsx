import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';
import { useDates } from '../ui/format';

/** Everything a doctor submitted, read-only: for the doctor's own status page and the administrator's queue. */
export function CredentialsDetails({ doctor }: { doctor: DoctorView }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const speciality = doctor.speciality === 'other' && doctor.specialityOther
    ? `${t('labels.speciality.other')}: ${doctor.specialityOther}`
    : t(`labels.speciality.${doctor.speciality}`);

  return (
    <dl className="details">
      <dt>{t('fields.fullName')}</dt>
      <dd>{doctor.fullName}</dd>
      <dt>{t('fields.email')}</dt>
      <dd>{doctor.email}</dd>
      <dt>{t('fields.phone')}</dt>
      <dd>{doctor.phone}</dd>
      <dt>{t('doctor.fields.education')}</dt>
      <dd>
        <ul className="plain-list">
          {doctor.education.map((e, i) => (
            <li key={i}>{t('doctor.details.educationEntry', { degree: e.degree, institution: e.institution, year: e.year })}</li>
          ))}
        </ul>
      </dd>
      <dt>{t('doctor.fields.speciality')}</dt>
      <dd>{speciality}</dd>
      <dt>{t('doctor.fields.registrationNumber')}</dt>
      <dd>{doctor.registrationNumber}</dd>
      <dt>{t('doctor.fields.registrationCouncil')}</dt>
      <dd>{doctor.registrationCouncil}</dd>
      <dt>{t('doctor.details.hospital')}</dt>
      <dd>{doctor.hospital}</dd>
      <dt>{t('doctor.details.experience')}</dt>
      <dd>{t('doctor.details.years', { count: doctor.experienceYears })}</dd>
      <dt>{t('doctor.details.languages')}</dt>
      <dd>{doctor.languages.join(', ')}</dd>
      <dt>{t('doctor.details.bio')}</dt>
      <dd className="details__text">{doctor.bio ?? t('doctor.details.none')}</dd>
      <dt>{t('doctor.details.submittedAt')}</dt>
      <dd>{date(doctor.submittedAt)}</dd>
      {doctor.decidedAt && (
        <>
          <dt>{t('doctor.details.decidedAt')}</dt>
          <dd>{date(doctor.decidedAt)}</dd>
        </>
      )}
    </dl>
  );
}
