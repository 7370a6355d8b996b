import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { formatList, specialityLabel } from '../ui/format';

/** The clinic's verified doctors, as cards. */
export function DoctorDirectory() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error } = useLoad(invoke, 'doctors.directory', {});

  return (
    <Page title={t('patient.doctors.title')}>
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('patient.doctors.empty')}</Empty>}
      {data && data.length > 0 && (
        <>
          <p className="lead">{t('patient.doctors.intro')}</p>
          <ul className="doctor-list">
            {data.map((d) => (
              <li key={d.id}>
                <DoctorCard doctor={d} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function DoctorCard({ doctor: d }: { doctor: DirectoryEntry }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `doctor-${d.id}`;
  const qualifications = formatList(d.education.map((e) => t('patient.doctors.qualification', { degree: e.degree, year: e.year })), lang, 'unit');

  return (
    <article className="card doctor-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="doctor-card__name">{d.fullName}</h2>
      <p className="doctor-card__speciality">{specialityLabel(t, d)}</p>
      <dl className="details">
        <dt>{t('patient.doctors.qualifications')}</dt>
        <dd>{qualifications}</dd>
        <dt>{t('patient.doctors.hospital')}</dt>
        <dd>{d.hospital}</dd>
        <dt>{t('patient.doctors.experience')}</dt>
        <dd>{t('patient.doctors.experienceYears', { count: d.experienceYears })}</dd>
        <dt>{t('patient.doctors.languages')}</dt>
        <dd>{formatList(d.languages, lang, 'unit')}</dd>
      </dl>
      {d.bio && <p className="doctor-card__bio">{d.bio}</p>}
    </article>
  );
}
