import { useEffect, useRef, useState } from 'react';
import type { SlotView } from '../../../shared/contract';
import { ConfirmBooking, type BookingDoctor } from './ConfirmBooking';
import { DoctorProfile } from './DoctorProfile';
import { EMPTY_SEARCH, FindDoctor, type SearchForm } from './FindDoctor';

type Step =
  | { name: 'search' }
  | { name: 'profile'; doctorId: number }
  | { name: 'confirm'; doctor: BookingDoctor; slot: SlotView };

/**
 * Find a doctor → profile → confirm, as state of this window: no history entries are pushed, so after
 * signing out there is nothing one step back. The search is kept while the patient looks at profiles.
 */
export function BookingFlow({ onMyAppointments, doctorId }: { onMyAppointments: () => void; doctorId?: number }) {
  // Opened for one doctor (from the health assistant's answer), it starts at that doctor's profile.
  const [step, setStep] = useState<Step>(doctorId ? { name: 'profile', doctorId } : { name: 'search' });
  const [search, setSearch] = useState<SearchForm>(EMPTY_SEARCH);
  const moved = useRef(false);

  // Each step is a new page: focus its heading so keyboard and screen-reader users start at the top.
  useEffect(() => {
    if (!moved.current) return;
    window.scrollTo(0, 0);
    document.getElementById('page-title')?.focus();
  }, [step]);

  const go = (s: Step) => {
    moved.current = true;
    setStep(s);
  };

  switch (step.name) {
    case 'search':
      return <FindDoctor form={search} onForm={setSearch} onOpen={(doctorId) => go({ name: 'profile', doctorId })} />;
    case 'profile':
      return (
        <DoctorProfile
          doctorId={step.doctorId}
          onBack={() => go({ name: 'search' })}
          onPick={(doctor, slot) => go({ name: 'confirm', doctor, slot })}
          onMyAppointments={onMyAppointments}
        />
      );
    case 'confirm':
      return (
        <ConfirmBooking
          doctor={step.doctor}
          slot={step.slot}
          onBack={() => go({ name: 'profile', doctorId: step.doctor.id })}
          onMyAppointments={onMyAppointments}
          onFindAnother={() => go({ name: 'search' })}
        />
      );
  }
}
