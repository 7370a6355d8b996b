import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { BackupWarning } from '../admin/BackupWarning';
import { Backups } from '../admin/Backups';
import { ClinicKey } from '../admin/ClinicKey';
import { DoctorsAdmin } from '../admin/DoctorsAdmin';
import { EmergencyAccesses } from '../admin/EmergencyAccesses';
import { Holidays } from '../admin/Holidays';
import { InviteDoctor } from '../admin/InviteDoctor';
import { MailQueue } from '../admin/MailQueue';
import { MailSettings } from '../admin/MailSettings';
import { Rearrange } from '../admin/Rearrange';
import { VideoSettings } from '../admin/VideoSettings';
import { AccountsExport } from '../billing/AccountsExport';
import { Bills } from '../billing/Bills';
import { BillingSettings } from '../billing/BillingSettings';
import { Collections } from '../billing/Collections';
import { FeeSchedule } from '../billing/FeeSchedule';
import { OpenBill, type BillTarget } from '../billing/openBill';
import { BookForPatient } from '../desk/BookForPatient';
import { DayBoard } from '../desk/DayBoard';
import { Waitlists } from '../desk/Waitlists';
import { Availability } from '../doctor/Availability';
import { MyGoogleCalendar } from '../doctor/MyGoogleCalendar';
import { MyProfile } from '../doctor/MyProfile';
import { Schedule } from '../doctor/Schedule';
import { Monitoring } from '../monitoring/Monitoring';
import { MyPatients } from '../records/MyPatients';
import { ServiceOrders } from '../services/ServiceOrders';
import { ServicesCatalogue } from '../services/ServicesCatalogue';
import { useSession } from '../session/session';
import { AlertList } from './AlertList';
import { useLive } from '../ui/live';
import { AuditLog } from './AuditLog';
import { ClinicSettings } from './ClinicSettings';
import { DoctorStatus } from './DoctorStatus';
import { FrontDesk } from './FrontDesk';
import { StaffAccounts } from './StaffAccounts';
import { VerificationQueue } from './VerificationQueue';

type Section = 'verification' | 'schedule' | 'myPatients' | 'availability' | 'holidays' | 'patients' | 'board' | 'book' | 'waitlist' | 'queue' | 'staff' | 'audit'
  | 'settings' | 'profile' | 'doctors' | 'invite' | 'rearrange' | 'mailSettings' | 'mailQueue' | 'clinicKey' | 'backups' | 'emergency' | 'video' | 'googleCalendar'
  | 'alerts' | 'fees' | 'bills' | 'orders' | 'collections' | 'billingSettings' | 'services' | 'export' | 'monitoring';

/** Which sections each role sees, in order; a person with several roles sees each role's group. */
const GROUPS: { role: Exclude<Role, 'patient'>; sections: Section[] }[] = [
  { role: 'doctor', sections: ['verification', 'profile', 'schedule', 'myPatients', 'monitoring', 'availability', 'googleCalendar', 'alerts', 'bills', 'fees'] },
  { role: 'front_desk', sections: ['patients', 'board', 'book', 'waitlist', 'rearrange', 'bills', 'orders', 'collections'] },
  {
    role: 'admin',
    sections: [
      'queue', 'alerts', 'doctors', 'invite', 'rearrange', 'staff', 'audit', 'emergency', 'settings', 'billingSettings', 'services', 'bills', 'export',
      'mailSettings', 'mailQueue', 'video', 'holidays', 'clinicKey', 'backups',
    ],
  },
];

/** A doctor's sections shown only once verified (or verified before and waiting for changed credentials to be checked): before that the server refuses them anyway. */
const PRACTICE: readonly Section[] = ['schedule', 'myPatients', 'monitoring', 'availability', 'googleCalendar', 'alerts', 'bills', 'fees'];
/** Sections whose names live in their own catalog part. */
const NAV_KEYS: Partial<Record<Section, string>> = {
  schedule: 'schedule.nav', availability: 'availability.nav', holidays: 'holidays.nav',
  profile: 'profile.nav', doctors: 'suspend.nav', invite: 'invite.nav', rearrange: 'suspend.rearrange.nav',
  mailSettings: 'mailAdmin.settings.nav', mailQueue: 'mailAdmin.queue.nav', clinicKey: 'clinicKey.nav', backups: 'backup.nav',
  myPatients: 'patients.nav', emergency: 'emergencyAdmin.nav', video: 'video.settings.nav', googleCalendar: 'video.google.mineNav', alerts: 'alerts.nav',
  waitlist: 'waitlist.desk.nav', monitoring: 'monitoring.doctor.title',
  fees: 'billing.fees.nav', bills: 'billing.list.nav', orders: 'services.desk.nav', collections: 'billing.collections.nav',
  billingSettings: 'billing.settings.nav', services: 'services.admin.nav', export: 'billing.export.nav',
};

/** The clinic window after sign-in: a side navigation by role and the chosen section. */
export function ClinicHome() {
  const { t } = useTranslation();
  const { user, invoke } = useSession();
  const groups = GROUPS.filter((g) => user.roles.includes(g.role));
  /** A section two of the person's roles share is listed once, in the first of their groups. */
  const firstGroup = new Map<Section, string>();
  for (const g of groups) for (const s of g.sections) if (!firstGroup.has(s)) firstGroup.set(s, g.role);
  const [section, setSection] = useState<Section | undefined>(groups[0]?.sections[0]);
  // Each time a section is chosen (again) it loads afresh, and the queue's count is asked again.
  const [visit, setVisit] = useState(0);
  // The bill the Bills section shows (from a day-board card, the schedule or an order), or its list.
  const [billTarget, setBillTarget] = useState<BillTarget | null>(null);
  const open = (s: Section) => {
    setSection(s);
    setBillTarget(null);
    setVisit((v) => v + 1);
  };
  const openBill = useCallback((target: BillTarget) => {
    setBillTarget(target);
    setSection('bills');
    setVisit((v) => v + 1);
  }, []);
  const [pending, setPending] = useState<number | null>(null);
  const isAdmin = user.roles.includes('admin');
  const isDoctor = user.roles.includes('doctor');
  const [verified, setVerified] = useState(false);
  const [alerts, setAlerts] = useState<number | null>(null);
  const seesAlerts = isAdmin || verified;

  useEffect(() => {
    if (!isDoctor) return;
    void invoke('doctors.me', {}).then((r) => r.ok && setVerified(r.data.status === 'verified' || r.data.verifiedBefore !== undefined));
  }, [isDoctor, invoke]);

  const countPending = useCallback(() => {
    if (isAdmin) void invoke('admin.pendingDoctors', {}).then((r) => r.ok && setPending(r.data.length));
  }, [isAdmin, invoke]);
  // Counted again whenever a section is chosen, and whenever a doctor's standing changes anywhere.
  useEffect(countPending, [countPending, visit]);
  useLive(['doctors'], countPending);
  const onCount = useCallback((n: number) => setPending(n), []);

  // Open alerts are counted when the window opens, each time a section is chosen, and whenever one is raised or handled anywhere.
  const countAlerts = useCallback(() => {
    if (seesAlerts) void invoke('alerts.count', {}).then((r) => r.ok && setAlerts(r.data.open));
  }, [seesAlerts, invoke]);
  useEffect(countAlerts, [countAlerts, visit]);
  useLive(['alerts'], countAlerts);
  const onAlerts = useCallback((n: number) => setAlerts(n), []);

  const screens: Record<Section, () => ReactNode> = {
    verification: () => <DoctorStatus />,
    schedule: () => <Schedule />,
    myPatients: () => <MyPatients />,
    monitoring: () => <Monitoring />,
    emergency: () => <EmergencyAccesses />,
    availability: () => <Availability />,
    holidays: () => <Holidays />,
    profile: () => <MyProfile />,
    doctors: () => <DoctorsAdmin />,
    invite: () => <InviteDoctor />,
    rearrange: () => <Rearrange />,
    patients: () => <FrontDesk />,
    board: () => <DayBoard />,
    book: () => <BookForPatient />,
    waitlist: () => <Waitlists />,
    queue: () => <VerificationQueue onCount={onCount} />,
    staff: () => <StaffAccounts />,
    audit: () => <AuditLog />,
    settings: () => <ClinicSettings />,
    mailSettings: () => <MailSettings onOpenQueue={() => open('mailQueue')} />,
    mailQueue: () => <MailQueue onSetUp={() => open('mailSettings')} />,
    clinicKey: () => <ClinicKey />,
    backups: () => <Backups />,
    video: () => <VideoSettings />,
    googleCalendar: () => <MyGoogleCalendar />,
    alerts: () => <AlertList onCount={onAlerts} />,
    fees: () => <FeeSchedule />,
    bills: () => <Bills target={billTarget} onTarget={setBillTarget} />,
    orders: () => <ServiceOrders />,
    collections: () => <Collections />,
    billingSettings: () => <BillingSettings />,
    services: () => <ServicesCatalogue />,
    export: () => <AccountsExport />,
  };

  return (
    <div className="workspace">
      <nav className="sidenav" aria-label={t('clinic.nav.label')}>
        {groups.map((g) => (
          <div key={g.role} className="sidenav__group">
            {groups.length > 1 && <h2 className="sidenav__heading" id={`nav-${g.role}`}>{t(`clinic.nav.groups.${g.role}`)}</h2>}
            <ul aria-labelledby={groups.length > 1 ? `nav-${g.role}` : undefined}>
              {g.sections.filter((s) => (g.role !== 'doctor' || verified || !PRACTICE.includes(s)) && firstGroup.get(s) === g.role).map((s) => (
                <li key={s}>
                  <button type="button" aria-current={section === s ? 'page' : undefined} onClick={() => open(s)}>
                    {t(NAV_KEYS[s] ?? `clinic.nav.${s}`)}
                    {s === 'queue' && <Badge count={pending} label={t('clinic.nav.pending', { count: pending ?? 0 })} />}
                    {s === 'alerts' && <Badge count={alerts} label={t('alerts.open', { count: alerts ?? 0 })} urgent />}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="main" key={visit}>
        <BackupWarning />
        <OpenBill.Provider value={openBill}>{section ? screens[section]() : <p>{t('clinic.nav.nothing')}</p>}</OpenBill.Provider>
      </main>
    </div>
  );
}

/** A count beside a section's name, read out in words. */
function Badge({ count, label, urgent }: { count: number | null; label: string; urgent?: boolean }) {
  if (!count) return null;
  return (
    <span className={`sidenav__badge${urgent ? ' sidenav__badge--urgent' : ''}`}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
