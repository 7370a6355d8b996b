import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult, Output } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { Portal } from '../../shared/roles';
import { ChangePassword } from './session/ChangePassword';
import { ForgotPassword } from './session/ForgotPassword';
import { Login } from './session/Login';
import { PortalChooser } from './session/PortalChooser';
import { Unreachable } from './setup/Unreachable';
import { publicInvoke, SessionProvider } from './session/session';
import { Shell } from './session/Shell';
import { ClinicContext } from './ui/clinic';
import { ClinicZone } from './ui/format';
import { Loading, Notice } from './ui/Layout';

// Each window loads only its own screens: the patient window never downloads the clinic's, nor the other way round.
const ClinicHome = lazy(() => import('./clinic/ClinicHome').then((m) => ({ default: m.ClinicHome })));
const DoctorSignup = lazy(() => import('./clinic/DoctorSignup').then((m) => ({ default: m.DoctorSignup })));
const PatientHome = lazy(() => import('./patient/PatientHome').then((m) => ({ default: m.PatientHome })));
const PatientSignup = lazy(() => import('./patient/PatientSignup').then((m) => ({ default: m.PatientSignup })));
const EnrolSeat = lazy(() => import('./setup/EnrolSeat').then((m) => ({ default: m.EnrolSeat })));
const FirstRun = lazy(() => import('./setup/FirstRun').then((m) => ({ default: m.FirstRun })));
const Kiosk = lazy(() => import('./kiosk/Kiosk').then((m) => ({ default: m.Kiosk })));

function portalFromUrl(): Portal | null {
  const p = new URLSearchParams(window.location.search).get('portal');
  return p === 'patient' || p === 'clinic' ? p : null;
}

/** A doctor's invitation code (?portal=clinic&invite=CODE): the clinic window opens on the sign-up, filled in from it. */
const inviteFromUrl = (): string | undefined => new URLSearchParams(window.location.search).get('invite')?.slice(0, 40) || undefined;

type ClinicContact = NonNullable<Output<'setup.status'>['contact']>;

type Phase =
  | { name: 'loading' }
  | { name: 'unreachable'; error: AppError }
  | { name: 'setup' }
  | { name: 'not_set_up' }
  | { name: 'enrol' }
  | { name: 'signed_out'; view: 'login' | 'signup' | 'forgot' }
  /** This seat is a kiosk: its patient window is the kiosk (with its own sign-in for booking). */
  | { name: 'kiosk'; idleSeconds: number }
  | { name: 'signed_in'; login: LoginResult };

/** A window that cannot be used yet says why, in the middle of the page. */
const WindowNotice = ({ text }: { text: string }) => (
  <main className="main main--narrow">
    <Notice kind="info">{text}</Notice>
  </main>
);

export function App() {
  const { t } = useTranslation();
  const portal = portalFromUrl();
  const invite = portal === 'clinic' ? inviteFromUrl() : undefined;
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [clinicName, setClinicName] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState<string>();
  const [contact, setContact] = useState<ClinicContact | null>(null);

  /**
   * Asked when the window opens and after this computer connects to the clinic's server; `quietly` by the
   * unreachable screen's retries, which stays up until one is answered. True when answered.
   */
  async function checkSetup(quietly = false): Promise<boolean> {
    if (!quietly) setPhase({ name: 'loading' });
    const r = await publicInvoke('setup.status', {});
    if (!r.ok) {
      setPhase({ name: 'unreachable', error: r.error });
      return false;
    }
    setClinicName(r.data.clinicName);
    setTimeZone(r.data.timeZone ?? undefined);
    setContact(r.data.contact);
    // A computer joining a clinic's database server: enrolled before anything else (setup included) can run.
    if (!r.data.enrolled) setPhase({ name: 'enrol' });
    else if (r.data.needsSetup) setPhase(portal === 'clinic' ? { name: 'setup' } : { name: 'not_set_up' });
    else if (portal === 'patient' && (await asKiosk())) return true;
    else setPhase({ name: 'signed_out', view: invite ? 'signup' : 'login' });
    return true;
  }

  /** True (and the kiosk shown) when this seat is a kiosk. */
  async function asKiosk(): Promise<boolean> {
    const r = await publicInvoke('kiosk.status', {});
    if (r.ok && r.data.active) setPhase({ name: 'kiosk', idleSeconds: r.data.idleSeconds });
    return r.ok && r.data.active;
  }

  useEffect(() => {
    if (portal) void checkSetup();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.title = clinicName ? `MedLink · ${clinicName}` : 'MedLink';
  }, [clinicName]);

  if (!portal) return <PortalChooser />;
  if (phase.name === 'kiosk') {
    return (
      <ClinicZone.Provider value={timeZone}>
        <Suspense fallback={<Loading />}>
          <Kiosk clinicName={clinicName} idleSeconds={phase.idleSeconds} />
        </Suspense>
      </ClinicZone.Provider>
    );
  }
  const signedIn = (login: LoginResult) => setPhase({ name: 'signed_in', login });

  if (phase.name === 'signed_in') {
    const { login } = phase;
    return (
      <ClinicZone.Provider value={timeZone}>
        <ClinicContext.Provider value={clinicName && contact ? { name: clinicName, ...contact } : null}>
        <SessionProvider portal={portal} login={login}>
          <Shell clinicName={clinicName} contact={contact}>
            <Suspense fallback={<Loading />}>
            {login.user.mustChangePassword ? (
              <ChangePassword forced onChanged={(user) => signedIn({ ...login, user })} />
            ) : portal === 'patient' ? (
              <PatientHome />
            ) : (
              <ClinicHome />
            )}
            </Suspense>
          </Shell>
        </SessionProvider>
        </ClinicContext.Provider>
      </ClinicZone.Provider>
    );
  }

  return (
    <Shell clinicName={clinicName} contact={contact}>
      <Suspense fallback={<Loading />}>
      {phase.name === 'loading' && <Loading />}
      {phase.name === 'unreachable' && <Unreachable error={phase.error} retry={() => checkSetup(true)} />}
      {phase.name === 'not_set_up' && <WindowNotice text={t('app.notSetUp')} />}
      {phase.name === 'enrol' &&
        (portal === 'clinic' ? <EnrolSeat onEnrolled={() => void checkSetup()} /> : <WindowNotice text={t('clinicKey.enrol.patientWindow')} />)}
      {phase.name === 'setup' && (
        <FirstRun
          onDone={(login, clinic) => {
            setClinicName(clinic.name);
            setTimeZone(clinic.timeZone);
            signedIn(login);
          }}
          onConnected={() => void checkSetup()}
        />
      )}
      {phase.name === 'signed_out' && phase.view === 'login' && (
        <Login
          portal={portal} onSignedIn={signedIn}
          onSignup={() => setPhase({ name: 'signed_out', view: 'signup' })} onForgot={() => setPhase({ name: 'signed_out', view: 'forgot' })}
        />
      )}
      {phase.name === 'signed_out' && phase.view === 'forgot' && (
        <ForgotPassword portal={portal} onSignedIn={signedIn} onBack={() => setPhase({ name: 'signed_out', view: 'login' })} />
      )}
      {phase.name === 'signed_out' && phase.view === 'signup' &&
        (portal === 'patient' ? (
          <PatientSignup onSignedIn={signedIn} onCancel={() => setPhase({ name: 'signed_out', view: 'login' })} />
        ) : (
          <DoctorSignup onSignedIn={signedIn} onCancel={() => setPhase({ name: 'signed_out', view: 'login' })} invitationCode={invite} />
        ))}
      </Suspense>
    </Shell>
  );
}
