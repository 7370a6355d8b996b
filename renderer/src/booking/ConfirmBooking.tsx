import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, DoctorProfile, SlotView } from '../../../shared/contract';
import { useFamily } from '../patient/useFamily';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { addDays, specialityLabel, useDates } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { useErrorCode } from './errorCode';
import type { Mode } from './labels';
import { ModeChoice } from './ModeChoice';
import { SlotPicker } from './SlotPicker';

export type BookingDoctor = Pick<DoctorProfile, 'id' | 'fullName' | 'hospital' | 'clinicAddress' | 'speciality' | 'specialityOther'>;

/** Refusals after which the patient picks another time from the ones still free. */
const PICK_AGAIN = ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'PATIENT_BUSY'] as const;
const ALTERNATIVES = 8;

/** The last step: the chosen doctor, day and time, the kind of visit, an optional reason, and Confirm. */
export function ConfirmBooking({ doctor, slot: chosen, onBack, onMyAppointments, onFindAnother }: {
  doctor: BookingDoctor;
  slot: SlotView;
  onBack: () => void;
  onMyAppointments: () => void;
  onFindAnother: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const dates = useDates();
  const tracked = useErrorCode(session.invoke);
  const { submit, busy, error, fieldError, setError } = useSubmit(tracked.invoke, 'appointments.book');
  const slotsCall = useSubmit(session.invoke, 'doctors.slots');
  const [slot, setSlot] = useState(chosen);
  const [mode, setMode] = useState<string>(chosen.modes.length === 1 ? chosen.modes[0]! : '');
  const [reason, setReason] = useState('');
  const [alternatives, setAlternatives] = useState<SlotView[] | null>(null);
  const [booked, setBooked] = useState<AppointmentView | null>(null);
  const people = useFamily();
  const [forId, setForId] = useState('');
  const patientId = forId ? Number(forId) : undefined;

  useEffect(() => {
    if (booked) document.getElementById('page-title')?.focus();
  }, [booked]);

  /** The free times from the refused one on, over the following week. */
  async function showAlternatives(refused: SlotView) {
    const free = await slotsCall.submit({ doctorId: doctor.id, fromDate: refused.date, toDate: addDays(refused.date, 7) });
    if (!free) return;
    const later = free.filter((s) => s.start > refused.start);
    setAlternatives((later.length ? later : free).slice(0, ALTERNATIVES));
  }

  async function confirm() {
    const r = await submit({ doctorId: doctor.id, start: slot.start, mode: mode as Mode, reason: reason.trim() || undefined, patientId });
    if (r) return setBooked(r);
    const code = tracked.lastCode();
    if (code === 'PATIENT_BUSY') setError(t('booking.youAreBusy'));
    if (code && (PICK_AGAIN as readonly string[]).includes(code)) await showAlternatives(slot);
  }

  function pickAgain(s: SlotView) {
    setSlot(s);
    if (!s.modes.includes(mode as Mode)) setMode(s.modes.length === 1 ? s.modes[0]! : '');
    setAlternatives(null);
    setError(null);
    document.getElementById('page-title')?.focus();
  }

  if (booked) {
    return (
      <Page title={t('booking.doneTitle')}>
        <Notice kind="success">
          <p className="booking-line">
            {booked.mode === 'online'
              ? t('booking.bookedOnline', { doctor: booked.doctorName, when: dates.when(booked.start) })
              : t('booking.bookedInPerson', { doctor: booked.doctorName, when: dates.when(booked.start), place: booked.hospital })}
          </p>
          {booked.contactName && <p className="booking-line">{t('booking.forLine', { name: booked.patientName })}</p>}
          <p className="booking-line">{t('booking.numberLine', { number: booked.number })}</p>
          {session.user.email && <p className="booking-line">{t('booking.emailOnItsWay', { email: session.user.email })}</p>}
        </Notice>
        <div className="card__actions">
          <Button onClick={onMyAppointments}>{t('booking.toMyAppointments')}</Button>
          <Button kind="secondary" onClick={onFindAnother}>{t('booking.findAnother')}</Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('booking.confirmTitle')} actions={<Button kind="secondary" onClick={onBack}>{t('booking.chooseAnotherTime')}</Button>}>
      <Form label={t('booking.confirmTitle')} onSubmit={() => void confirm()}>
        {error && (
          <Notice kind="error">
            <p className="booking-line">{error}</p>
            {fieldError('start') && <p className="booking-line">{fieldError('start')}</p>}
          </Notice>
        )}
        {alternatives && (
          <section className="booking-alternatives" aria-labelledby="alternatives-title">
            <h2 id="alternatives-title">{alternatives.length ? t('booking.nextFree') : t('booking.noAlternatives')}</h2>
            <SlotPicker slots={alternatives} onPick={pickAgain} />
          </section>
        )}
        {slotsCall.error && <Notice kind="error">{slotsCall.error}</Notice>}
        <dl className="details booking-summary">
          <dt>{t('booking.doctor')}</dt>
          <dd>
            {doctor.fullName} <span className="muted">· {specialityLabel(t, doctor)}</span>
          </dd>
          <dt>{t('booking.date')}</dt>
          <dd>{dates.longDay(slot.date)}</dd>
          <dt>{t('booking.time')}</dt>
          <dd>
            {dates.clock(slot.time)} <span className="muted">{t('booking.clinicTime')}</span>
            {alternatives && <span className="badge appt-status--cancelled booking-taken">{t('booking.taken')}</span>}
          </dd>
          <dt>{t('booking.hospital')}</dt>
          <dd>{doctor.hospital}</dd>
        </dl>
        {people && people.length > 1 && (
          <fieldset className="fieldset booking-for">
            <legend>{t('booking.forLegend')}</legend>
            <div className="desk-who__options">
              {people.map((p, i) => (
                <label key={p.id} className="desk-choice">
                  <input type="radio" name="booking-for" checked={(forId || String(people[0]!.id)) === String(p.id)} onChange={() => setForId(i === 0 ? '' : String(p.id))} />
                  {i === 0 ? t('booking.forMe', { name: p.fullName }) : p.fullName}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <ModeChoice modes={slot.modes} value={mode} onChange={setMode} error={fieldError('mode')} place={doctor.hospital} />
        <TextArea label={t('booking.reason')} hint={t('booking.reasonHint')} value={reason} onChange={setReason} maxLength={500} error={fieldError('reason')} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('booking.confirm')}</Button>
        </div>
      </Form>
    </Page>
  );
}
