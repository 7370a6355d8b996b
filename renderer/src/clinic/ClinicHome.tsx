import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { useSession } from '../session/session';
import { AuditLog } from './AuditLog';
import { ClinicSettings } from './ClinicSettings';
import { DoctorStatus } from './DoctorStatus';
import { FrontDesk } from './FrontDesk';
import { StaffAccounts } from './StaffAccounts';
import { VerificationQueue } from './VerificationQueue';

type Section = 'verification' | 'patients' | 'queue' | 'staff' | 'audit' | 'settings';

/** Which sections each role sees, in order; a person with several roles sees each role's group. */
const GROUPS: { role: Exclude<Role, 'patient'>; sections: Section[] }[] = [
  { role: 'doctor', sections: ['verification'] },
  { role: 'front_desk', sections: ['patients'] },
  { role: 'admin', sections: ['queue', 'staff', 'audit', 'settings'] },
];

/** The clinic window after sign-in: a side navigation by role and the chosen section. */
export function ClinicHome() {
  const { t } = useTranslation();
  const { user, invoke } = useSession();
  const groups = GROUPS.filter((g) => user.roles.includes(g.role));
  const [section, setSection] = useState<Section | undefined>(groups[0]?.sections[0]);
  const [pending, setPending] = useState<number | null>(null);
  const isAdmin = user.roles.includes('admin');

  useEffect(() => {
    if (!isAdmin) return;
    void invoke('admin.pendingDoctors', {}).then((r) => r.ok && setPending(r.data.length));
  }, [isAdmin, invoke]);
  const onCount = useCallback((n: number) => setPending(n), []);

  const screens: Record<Section, () => ReactNode> = {
    verification: () => <DoctorStatus />,
    patients: () => <FrontDesk />,
    queue: () => <VerificationQueue onCount={onCount} />,
    staff: () => <StaffAccounts />,
    audit: () => <AuditLog />,
    settings: () => <ClinicSettings />,
  };

  return (
    <div className="workspace">
      <nav className="sidenav" aria-label={t('clinic.nav.label')}>
        {groups.map((g) => (
          <div key={g.role} className="sidenav__group">
            {groups.length > 1 && <h2 className="sidenav__heading" id={`nav-${g.role}`}>{t(`clinic.nav.groups.${g.role}`)}</h2>}
            <ul aria-labelledby={groups.length > 1 ? `nav-${g.role}` : undefined}>
              {g.sections.map((s) => (
                <li key={s}>
                  <button type="button" aria-current={section === s ? 'page' : undefined} onClick={() => setSection(s)}>
                    {t(`clinic.nav.${s}`)}
                    {s === 'queue' && pending !== null && pending > 0 && (
                      <span className="sidenav__badge">
                        <span aria-hidden="true">{pending}</span>
                        <span className="visually-hidden">{t('clinic.nav.pending', { count: pending })}</span>
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="main">{section ? screens[section]() : <p>{t('clinic.nav.nothing')}</p>}</main>
    </div>
  );
}
