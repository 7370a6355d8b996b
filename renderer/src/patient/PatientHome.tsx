import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DoctorDirectory } from './DoctorDirectory';
import { MyProfile } from './MyProfile';

const VIEWS = ['profile', 'doctors'] as const;
type View = (typeof VIEWS)[number];

/** The patient's window after sign-in: their profile and the clinic's doctors. */
export function PatientHome() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('profile');
  const switched = useRef(false);

  // After a change of section, focus its heading so a screen reader announces where the reader is.
  useEffect(() => {
    if (switched.current) document.getElementById('page-title')?.focus();
  }, [view]);

  const open = (v: View) => {
    switched.current = true;
    setView(v);
  };

  return (
    <div className="workspace">
      <nav className="sidenav" aria-label={t('patient.nav.label')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <button type="button" aria-current={view === v ? 'page' : undefined} onClick={() => open(v)}>
                {t(`patient.nav.${v}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main">{view === 'profile' ? <MyProfile /> : <DoctorDirectory />}</main>
    </div>
  );
}
