import { useTranslation } from 'react-i18next';
import { formatList, specialityLabel } from '../ui/format';
import { feeLines, initials, modesLabel } from './labels';
import type { SearchResult } from '../../../shared/contract';

/** A doctor's photo, or their initials in a circle when there is none (decorative: the name is beside it). */
export function Avatar({ name, photo, size = 'small' }: { name: string; photo?: string; size?: 'small' | 'large' }) {
  return photo ? (
    <img className={`doctor-photo doctor-photo--${size}`} src={photo} alt="" />
  ) : (
    <span className={`doctor-photo doctor-photo--${size} doctor-photo--initials`} aria-hidden="true">{initials(name)}</span>
  );
}

/** A doctor's fee for each kind of visit, a line each. */
export function FeeList({ lines }: { lines: string[] }) {
  return (
    <ul className="plain-list">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** Name, speciality and the facts a patient compares doctors by; used by the result cards. */
export function DoctorSummary({ doctor: d, headingId }: { doctor: SearchResult; headingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <div className="doctor-card__head">
        <Avatar name={d.fullName} />
        <div>
          <h2 id={headingId} className="doctor-card__name">{d.fullName}</h2>
          <p className="doctor-card__speciality">{specialityLabel(t, d)}</p>
        </div>
      </div>
      <dl className="details">
        <dt>{t('booking.qualifications')}</dt>
        <dd>{formatList(d.qualifications.map((q) => q.degree), lang, 'unit')}</dd>
        <dt>{t('booking.hospital')}</dt>
        <dd>{d.hospital}</dd>
        <dt>{t('booking.experience')}</dt>
        <dd>{t('booking.experienceYears', { count: d.experienceYears })}</dd>
        <dt>{t('booking.languages')}</dt>
        <dd>{formatList(d.languages, lang, 'unit')}</dd>
        <dt>{t('booking.modes')}</dt>
        <dd>{d.modes.length ? modesLabel(t, d.modes, lang) : t('booking.noModes')}</dd>
        <dt>{t('booking.fee')}</dt>
        <dd><FeeList lines={feeLines(t, d)} /></dd>
      </dl>
    </>
  );
}
