import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorProfile as Profile, SlotView, WaitlistEntry } from '../../../shared/contract';
import { useFamily } from '../patient/useFamily';
import { JoinWaitlist } from '../waitlist/JoinWaitlist';
import { useSession } from '../session/session';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { formatList, specialityLabel, useDates } from '../ui/format';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { Avatar } from './DoctorSummary';
import { modesLabel } from './labels';
import { SlotPicker } from './SlotPicker';
import { DateField } from '../ui/DateField';

/** A doctor's public profile and their free times of the next 7 days, each one click from booking. */
export function DoctorProfile({ doctorId, onBack, onPick, onMyAppointments }: {
  doctorId: number;
  onBack: () => void;
  onPick: (doctor: Profile, slot: SlotView) => void;
  onMyAppointments: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { invoke } = useSession();
  const { data: doctor, error } = useLoad(invoke, 'doctors.profile', { doctorId });
  const lang = i18n.language;

  return (
    <Page title={doctor?.fullName ?? t('booking.profileTitle')} actions={<Button kind="secondary" onClick={onBack}>{t('booking.backToResults')}</Button>}>
      {error && <Notice kind="error">{error}</Notice>}
      {!doctor && !error && <Loading />}
      {doctor && (
        <>
          <div className="card doctor-profile">
            <div className="doctor-profile__head">
              <Avatar name={doctor.fullName} photo={doctor.photo} size="large" />
              <p className="doctor-card__speciality">{specialityLabel(t, doctor)}</p>
            </div>
            <dl className="details">
              <dt>{t('booking.qualifications')}</dt>
              <dd>
                <ul className="plain-list">
                  {doctor.qualifications.map((q) => (
                    <li key={`${q.degree}-${q.year}`}>{t('booking.qualification', { degree: q.degree, institution: q.institution, year: q.year })}</li>
                  ))}
                </ul>
              </dd>
              <dt>{t('booking.registration')}</dt>
              <dd>{t('booking.registrationValue', { number: doctor.registrationNumber, council: doctor.registrationCouncil })}</dd>
              <dt>{t('booking.experience')}</dt>
              <dd>{t('booking.experienceYears', { count: doctor.experienceYears })}</dd>
              <dt>{t('booking.hospital')}</dt>
              <dd>{doctor.hospital}</dd>
              <dt>{t('booking.address')}</dt>
              <dd className="multiline">{doctor.clinicAddress}</dd>
              {doctor.email && (
                <>
                  <dt>{t('booking.email')}</dt>
                  <dd>{doctor.email}</dd>
                </>
              )}
              {doctor.phone && (
                <>
                  <dt>{t('booking.phone')}</dt>
                  <dd>{doctor.phone}</dd>
                </>
              )}
              <dt>{t('booking.languages')}</dt>
              <dd>{formatList(doctor.languages, lang, 'unit')}</dd>
              <dt>{t('booking.modes')}</dt>
              <dd>{doctor.modes.length ? modesLabel(t, doctor.modes, lang) : t('booking.noModes')}</dd>
            </dl>
            {doctor.bio && (
              <>
                <h2>{t('booking.about')}</h2>
                <p className="details__text">{doctor.bio}</p>
              </>
            )}
          </div>

          <section aria-labelledby="week-slots" className="card booking-slots">
            <h2 id="week-slots">{t('booking.weekSlots')}</h2>
            <p className="form__note">{t('booking.slotsHint')}</p>
            {doctor.slots.length ? (
              <SlotPicker slots={doctor.slots} onPick={(s) => onPick(doctor, s)} />
            ) : (
              <Empty>{t('booking.noWeekSlots')}</Empty>
            )}
            <OtherDay doctorId={doctor.id} onPick={(s) => onPick(doctor, s)} />
          </section>
          <Waitlist doctor={doctor} onMyAppointments={onMyAppointments} />
        </>
      )}
    </Page>
  );
}

/** The free times of one later date, for a patient who cannot come this week. */
function OtherDay({ doctorId, onPick }: { doctorId: number; onPick: (slot: SlotView) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'doctors.slots');
  const [date, setDate] = useState('');
  const [shown, setShown] = useState<{ date: string; slots: SlotView[] } | null>(null);

  const look = async () => {
    setShown(null);
    const slots = await submit({ doctorId, fromDate: date, toDate: date });
    if (slots) setShown({ date, slots });
  };

  return (
    <div className="booking-other-day">
      <h3>{t('booking.otherDay')}</h3>
      <Form label={t('booking.otherDay')} onSubmit={() => void look()}>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="search-row">
          <DateField label={t('booking.date')} value={date} onChange={setDate} error={fieldError('fromDate') ?? fieldError('toDate')} />
          <Button type="submit" kind="secondary" busy={busy}>{t('booking.showTimes')}</Button>
        </div>
      </Form>
      {shown &&
        (shown.slots.length ? (
          <SlotPicker slots={shown.slots} onPick={onPick} headingLevel={3} />
        ) : (
          <Empty>{t(shown.date < dates.today() ? 'booking.datePassed' : 'booking.noSlotsOn', { day: dates.longDay(shown.date) })}</Empty>
        ))}
    </div>
  );
}

/** No time that suits: wait for one (the patient or a family member), offered by email and in My appointments. */
function Waitlist({ doctor, onMyAppointments }: { doctor: Profile; onMyAppointments: () => void }) {
  const { t } = useTranslation();
  const { when } = useDates();
  const people = useFamily();
  const [open, setOpen] = useState(false);
  const [joined, setJoined] = useState<WaitlistEntry | null>(null);
  return (
    <section aria-labelledby="waitlist-title" className="card booking-waitlist">
      <h2 id="waitlist-title">{t('waitlist.join.heading')}</h2>
      {joined ? (
        <Notice kind="success">
          <p className="booking-line">
            {joined.offer
              ? t('waitlist.join.offeredNow', { name: joined.patientName, when: when(joined.offer.start) })
              : t('waitlist.join.done', { name: joined.patientName, doctor: joined.doctorName })}
          </p>
          <p className="booking-line"><Button kind="link" onClick={onMyAppointments}>{t('booking.toMyAppointments')}</Button></p>
        </Notice>
      ) : open && people ? (
        <JoinWaitlist doctor={doctor} people={people} onJoined={setJoined} onCancel={() => setOpen(false)} />
      ) : (
        <>
          <p className="form__note">{t('waitlist.join.pitch')}</p>
          <div className="card__actions">
            <Button kind="secondary" onClick={() => setOpen(true)}>{t('waitlist.join.open')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
