import type { Speciality } from '../../../shared/specialities';
import { effectiveFees, readBillingSettings } from '../billing/billing-settings';
import { reminderHours } from '../clinic/clinic.service';
import type { Ctx } from '../context';
import { doctorById } from '../doctors/doctors.repo';
import type { IcsEvent } from '../mail/ics';
import { buildIcs } from '../mail/ics';
import { clinicInfo } from '../mail/notify';
import type { ClinicInfo, DoctorInfo, VisitInfo } from '../mail/templates';
import { cancelPendingLater, enqueueMail } from '../outbox/outbox.service';
import { contactOf, type Contact } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import { videoView } from '../video/video-links.service';
import type { DetailedRow } from './appointments.repo';

const HOUR = 3_600_000;

export type AppointmentEvent =
  | { kind: 'booked' }
  | { kind: 'rescheduled'; previousStart: Date }
  | { kind: 'cancelled'; reason: string }
  /** The video link came after the confirmation (made by Google, or Jitsi after Google failed), or replaced another. */
  | { kind: 'link'; replaced: boolean };

type DoctorRow = NonNullable<Awaited<ReturnType<typeof doctorById>>>;
type PatientRow = NonNullable<Awaited<ReturnType<typeof patientById>>>;

/** A doctor as patients' emails name them: name, qualifications, speciality. */
export const doctorMailInfo = (doctor: DoctorRow): DoctorInfo => ({
  name: doctor.full_name, qualifications: doctor.qualifications ?? '', speciality: doctor.speciality as Speciality, specialityOther: doctor.speciality_other,
});

/** Who an appointment's emails go to and what they say of the doctor: read once for one appointment or a series. */
export interface MailPeople {
  patient: PatientRow;
  doctor: DoctorRow;
  clinic: ClinicInfo;
  /** Where the patient's mail goes (a family member's: their account holder). */
  contact: Contact;
  doctorInfo: DoctorInfo;
  doctorLanguage: string;
}

/** What the caller has just read of these people (each read is a statement more inside the change). */
export interface KnownPeople {
  patient?: PatientRow;
  doctor?: DoctorRow;
  contact?: Contact;
}

export async function mailPeople(ctx: Ctx, patientId: number, doctorId: number, known: KnownPeople = {}): Promise<MailPeople | null> {
  const [patient, doctor, clinic] = await Promise.all([
    known.patient ?? patientById(ctx.db, patientId),
    known.doctor ?? doctorById(ctx.db, doctorId),
    clinicInfo(ctx),
  ]);
  if (!patient || !doctor) return null;
  const contact = known.contact ?? (await contactOf(ctx.db, patient));
  return { patient, doctor, clinic, contact, doctorInfo: doctorMailInfo(doctor), doctorLanguage: doctor.user_language };
}

export const visitOf = (a: DetailedRow): VisitInfo => {
  const video = videoView(a);
  return {
    start: new Date(a.start_at),
    end: new Date(a.end_at),
    mode: a.mode as VisitInfo['mode'],
    videoLink: video?.url,
    videoPending: video?.state === 'pending',
    moderatorSignIn: video?.moderatorSignIn,
  };
};

/** The calendar event of an appointment, for the patient's contact (one UID for its life; SEQUENCE rises with each change). */
export function icsEventOf(ctx: Ctx, a: DetailedRow, m: MailPeople, method: IcsEvent['method']): IcsEvent {
  const visit = visitOf(a);
  return {
    method,
    uid: a.ics_uid,
    sequence: a.ics_sequence,
    start: visit.start,
    end: visit.end,
    summary: `${m.doctor.full_name} · ${m.clinic.name}${m.contact.holder ? ` (${m.patient.full_name})` : ''}`,
    description: a.mode === 'online' ? 'Online consultation' : 'Consultation at the clinic',
    location: a.mode === 'online' ? (visit.videoLink ?? 'Online') : `${m.doctor.hospital}, ${m.clinic.address}`,
    organizer: { name: m.doctor.full_name, email: m.doctor.email },
    attendee: { name: m.contact.name, email: m.contact.email ?? '' },
    stamp: ctx.now,
  };
}

/**
 * What the patient's emails about one visit say. A visit in person is checked in at the kiosk: its code goes with
 * every email that still expects the patient (`expected`: not a cancellation).
 */
const patientVisit = (a: DetailedRow, m: MailPeople, expected = true) => ({
  clinic: m.clinic, patientName: m.patient.full_name, holderName: m.contact.holder?.full_name, bookingNumber: a.number, doctor: m.doctorInfo, visit: visitOf(a),
  checkInCode: expected && a.mode === 'in_person' ? a.check_in_code : null,
});

/** The reminder of a visit (set hours before it), written anew by every change that keeps the visit. */
export async function queueReminder(ctx: Ctx, a: DetailedRow, m: MailPeople): Promise<void> {
  const remindAt = new Date(Date.parse(a.start_at) - (await reminderHours(ctx)) * HOUR);
  if (!m.contact.email || remindAt <= ctx.now) return;
  await enqueueMail(ctx, 'appointment_reminder', { to: m.contact.email, language: m.contact.language, appointmentId: a.id, dueAt: remindAt, data: patientVisit(a, m) });
}

/**
 * Queues what an appointment's change tells people, inside the change's own transaction: the patient (with a
 * calendar invitation that keeps one UID and raises SEQUENCE), the doctor, and the reminder, which a
 * cancellation, a move or a new video link withdraws (it is written anew, with the link it then has). `a` is the
 * appointment as the change left it, its video link included; `known`: what the caller has just read of its people.
 */
export async function appointmentMail(ctx: Ctx, a: DetailedRow, event: AppointmentEvent, known: KnownPeople = {}): Promise<void> {
  const m = await mailPeople(ctx, a.patient_id, a.doctor_id, known);
  if (!m) return;
  const visit = visitOf(a);

  if (event.kind !== 'booked') await cancelPendingLater(ctx, a.id, 'appointment_reminder');

  if (m.contact.email) {
    const ics = event.kind === 'link' ? null : buildIcs(icsEventOf(ctx, a, m, event.kind === 'cancelled' ? 'CANCEL' : 'REQUEST'));
    const base = patientVisit(a, m, event.kind !== 'cancelled');
    const to = { to: m.contact.email, language: m.contact.language, ics, appointmentId: a.id };
    if (event.kind === 'booked') {
      const fees = effectiveFees(m.doctor, (await readBillingSettings(ctx)).fees);
      await enqueueMail(ctx, 'booking_confirmation', { ...to, data: { ...base, fee: a.mode === 'online' ? fees.consultation_online : fees.consultation_in_person } });
    }
    if (event.kind === 'rescheduled') await enqueueMail(ctx, 'appointment_rescheduled', { ...to, data: { ...base, previousStart: event.previousStart } });
    if (event.kind === 'cancelled') await enqueueMail(ctx, 'appointment_cancelled', { ...to, data: { ...base, reason: event.reason } });
    if (event.kind === 'link') await enqueueMail(ctx, 'video_link', { ...to, data: { ...base, replaced: event.replaced } });
    if (event.kind !== 'cancelled') await queueReminder(ctx, a, m);
  }

  const toDoctor = { to: m.doctor.email, language: m.doctorLanguage, appointmentId: a.id };
  const forDoctor = { clinic: m.clinic, doctorName: m.doctor.full_name, patientName: m.patient.full_name, visit, visitReason: a.reason };
  if (event.kind === 'booked') await enqueueMail(ctx, 'doctor_new_booking', { ...toDoctor, data: forDoctor });
  if (event.kind === 'rescheduled') await enqueueMail(ctx, 'doctor_rescheduled', { ...toDoctor, data: { ...forDoctor, previousStart: event.previousStart } });
  if (event.kind === 'cancelled') await enqueueMail(ctx, 'doctor_cancelled', { ...toDoctor, data: { ...forDoctor, reason: event.reason } });
  if (event.kind === 'link') await enqueueMail(ctx, 'doctor_video_link', { ...toDoctor, data: { ...forDoctor, replaced: event.replaced } });
}
