import type { Speciality } from '../../../shared/specialities';
import { userById } from '../auth/auth.repo';
import { feesOf } from '../billing/fees.service';
import { reminderHours } from '../clinic/clinic.service';
import type { Ctx } from '../context';
import { doctorById, educationOf } from '../doctors/doctors.repo';
import { buildIcs } from '../mail/ics';
import { clinicInfo } from '../mail/notify';
import { qrPng } from '../mail/qr-image';
import { CHECK_IN_QR_CID, type VisitInfo } from '../mail/templates';
import { cancelPending, enqueueMail } from '../outbox/outbox.service';
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

/**
 * Queues what an appointment's change tells people, inside the change's own transaction: the patient (with a
 * calendar invitation that keeps one UID and raises SEQUENCE), the doctor, and the reminder, which a
 * cancellation, a move or a new video link withdraws (it is written anew, with the link it then has). `a` is the
 * appointment as the change left it, its video link included; `known` holds the patient's and doctor's rows when
 * the caller has just read them (each read is a statement more inside the booking).
 */
export async function appointmentMail(
  ctx: Ctx,
  a: DetailedRow,
  event: AppointmentEvent,
  known: { patient?: PatientRow; doctor?: DoctorRow } = {},
): Promise<void> {
  const [patient, doctor, clinic] = await Promise.all([
    known.patient ?? patientById(ctx.db, a.patient_id),
    known.doctor ?? doctorById(ctx.db, a.doctor_id),
    clinicInfo(ctx),
  ]);
  if (!patient || !doctor) return;
  const doctorUser = await userById(ctx.db, doctor.user_id);
  const education = (await educationOf(ctx.db, [doctor.id])).get(doctor.id) ?? [];
  const video = videoView(a);
  const visit: VisitInfo = {
    start: new Date(a.start_at),
    end: new Date(a.end_at),
    mode: a.mode as VisitInfo['mode'],
    videoLink: video?.url,
    videoPending: video?.state === 'pending',
    moderatorSignIn: video?.moderatorSignIn,
  };
  const doctorInfo = {
    name: doctor.full_name,
    qualifications: education.map((e) => e.degree).join(', '),
    speciality: doctor.speciality as Speciality,
    specialityOther: doctor.speciality_other,
  };

  if (event.kind !== 'booked') await cancelPending(ctx, a.id, 'appointment_reminder');

  if (patient.email) {
    const ics = event.kind === 'link' ? null : buildIcs({
      method: event.kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
      uid: a.ics_uid,
      sequence: a.ics_sequence,
      start: visit.start,
      end: visit.end,
      summary: `${doctor.full_name} · ${clinic.name}`,
      description: a.mode === 'online' ? 'Online consultation' : 'Consultation at the clinic',
      location: a.mode === 'online' ? (visit.videoLink ?? 'Online') : `${doctor.hospital}, ${clinic.address}`,
      organizer: { name: doctor.full_name, email: doctor.email },
      attendee: { name: patient.full_name, email: patient.email },
      stamp: ctx.now,
    });
    // A visit in person is checked in at the kiosk: its code goes with every email that still expects the patient.
    const checkInCode = event.kind !== 'cancelled' && a.mode === 'in_person' ? a.check_in_code : null;
    const inlineImages = checkInCode ? [{ cid: CHECK_IN_QR_CID, filename: 'check-in-code.png', contentType: 'image/png' as const, content: qrPng(checkInCode) }] : [];
    const to = { to: patient.email, language: patient.preferred_language, ics, appointmentId: a.id, inlineImages };
    const base = { clinic, patientName: patient.full_name, bookingNumber: a.number, doctor: doctorInfo, visit, checkInCode };
    if (event.kind === 'booked') {
      const fees = await feesOf(ctx, doctor.id);
      const fee = a.mode === 'online' ? fees.consultation_online : fees.consultation_in_person;
      await enqueueMail(ctx, 'booking_confirmation', { ...to, data: { ...base, fee } });
    }
    if (event.kind === 'rescheduled') await enqueueMail(ctx, 'appointment_rescheduled', { ...to, data: { ...base, previousStart: event.previousStart } });
    if (event.kind === 'cancelled') await enqueueMail(ctx, 'appointment_cancelled', { ...to, data: { ...base, reason: event.reason } });
    if (event.kind === 'link') await enqueueMail(ctx, 'video_link', { ...to, data: { ...base, replaced: event.replaced } });

    const remindAt = new Date(visit.start.getTime() - (await reminderHours(ctx)) * HOUR);
    if (event.kind !== 'cancelled' && remindAt > ctx.now) {
      await enqueueMail(ctx, 'appointment_reminder', { to: patient.email, language: patient.preferred_language, appointmentId: a.id, dueAt: remindAt, data: base, inlineImages });
    }
  }

  const toDoctor = { to: doctor.email, language: doctorUser?.language ?? 'en', appointmentId: a.id };
  const forDoctor = { clinic, doctorName: doctor.full_name, patientName: patient.full_name, visit, visitReason: a.reason };
  if (event.kind === 'booked') await enqueueMail(ctx, 'doctor_new_booking', { ...toDoctor, data: forDoctor });
  if (event.kind === 'rescheduled') await enqueueMail(ctx, 'doctor_rescheduled', { ...toDoctor, data: { ...forDoctor, previousStart: event.previousStart } });
  if (event.kind === 'cancelled') await enqueueMail(ctx, 'doctor_cancelled', { ...toDoctor, data: { ...forDoctor, reason: event.reason } });
  if (event.kind === 'link') await enqueueMail(ctx, 'doctor_video_link', { ...toDoctor, data: { ...forDoctor, replaced: event.replaced } });
}
