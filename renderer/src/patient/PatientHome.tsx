import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Assistant, type ChatEntry } from '../assistant/Assistant';
import { BookingFlow } from '../booking/BookingFlow';
import { MyAppointments } from '../booking/MyAppointments';
import { MyConsultations } from '../records/MyConsultations';
import { MyRecords } from '../records/MyRecords';
import { MyProfile } from './MyProfile';
import { FamilyMembers } from './FamilyMembers';

const VIEWS = ['profile', 'family', 'find', 'appointments', 'records', 'consultations', 'assistant'] as const;
type View = (typeof VIEWS)[number];
/** Sections whose names live in their own catalog part. */
const NAV_KEYS: Partial<Record<View, string>> = {
  find: 'find.title', appointments: 'appointments.title', family: 'family.title', records: 'records.title', consultations: 'consultations.title',
  assistant: 'assistant.nav',
};

/**
 * The patient's window after sign-in: their profile, their family members, the clinic's doctors to find and book,
 * their appointments, records, notes and prescriptions, the health assistant.
 */
export function PatientHome() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('profile');
  const switched = useRef(false);
  // Choosing a section again starts it afresh (the booking flow back at its search).
  const [visit, setVisit] = useState(0);
  // The booking flow opened for one doctor (from the assistant's answer).
  const [bookDoctor, setBookDoctor] = useState<number | undefined>();
  // The assistant's conversation outlives a visit to another section, and ends with the window (sign-out reloads it).
  const [conversation, setConversation] = useState<ChatEntry[]>([]);

  // After a change of section, focus its heading so a screen reader announces where the reader is.
  useEffect(() => {
    if (switched.current) document.getElementById('page-title')?.focus();
  }, [view, visit]);

  const open = (v: View, doctorId?: number) => {
    switched.current = true;
    setBookDoctor(doctorId);
    setView(v);
    setVisit((n) => n + 1);
  };

  return (
    <div className="workspace">
      <nav className="sidenav" aria-label={t('patient.nav.label')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <button type="button" aria-current={view === v ? 'page' : undefined} onClick={() => open(v)}>
                {t(NAV_KEYS[v] ?? `patient.nav.${v}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main">
        {view === 'profile' && <MyProfile onOpen={open} />}
        {view === 'family' && <FamilyMembers key={visit} asPage />}
        {view === 'find' && <BookingFlow key={visit} doctorId={bookDoctor} onMyAppointments={() => open('appointments')} />}
        {view === 'appointments' && <MyAppointments key={visit} onFindDoctor={() => open('find')} />}
        {view === 'records' && <MyRecords />}
        {view === 'consultations' && <MyConsultations />}
        {view === 'assistant' && (
          <Assistant
            conversation={conversation}
            onConversation={setConversation}
            actions={{ book: (id) => open('find', id), openAppointments: () => open('appointments'), findDoctor: () => open('find') }}
          />
        )}
      </main>
    </div>
  );
}
