import type { ConsultationView } from '../../../shared/contract';
import { clinicSettings } from '../clinic/clinic.service';
import type { Ctx } from '../context';
import { doctorById, educationOf } from '../doctors/doctors.repo';
import { newDocument } from '../pdf/document';
import { specialityName } from '../pdf/wording';
import { patientById } from '../patients/patients.repo';
import type { DetailedRow } from '../scheduling/appointments.repo';

// The prescription as the patient takes it to a pharmacy: the clinic, the doctor with their registration, the
// patient, the date, and the medicines as a table. English, as the pharmacy reads it; the same prescription
// always prints to the same bytes (dated by its last change, not by when it is printed).

const COLUMNS = [
  { header: 'Medicine', width: 0.22 },
  { header: 'Strength', width: 0.12 },
  { header: 'Dose', width: 0.12 },
  { header: 'How often', width: 0.16 },
  { header: 'For how long', width: 0.14 },
  { header: 'Instructions', width: 0.24 },
];

/** Age in whole years on `on` (both ISO dates). */
function age(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

export async function prescriptionPdf(ctx: Ctx, appointment: DetailedRow, view: ConsultationView): Promise<Buffer> {
  const clinic = (await clinicSettings(ctx))!;
  const doctor = (await doctorById(ctx.db, appointment.doctor_id))!;
  const degrees = ((await educationOf(ctx.db, [doctor.id])).get(doctor.id) ?? []).map((e) => e.degree).join(', ');
  const patient = (await patientById(ctx.db, appointment.patient_id))!;
  const speciality = specialityName(doctor);
  const date = new Intl.DateTimeFormat('en-IN', { timeZone: clinic.timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const visitDate = new Intl.DateTimeFormat('en-CA', { timeZone: clinic.timeZone }).format(new Date(appointment.start_at));
  const issued = new Date(view.updatedAt!);
  // The spellings used on documents, where given (the fonts draw Latin script; see billing/names.ts).
  const patientName = patient.latin_name ?? patient.full_name;
  const doctorName = doctor.latin_name ?? doctor.full_name;

  const doc = await newDocument({
    title: `Prescription ${appointment.number}`,
    author: doctorName,
    subject: `Prescription for ${patientName}`,
    createdAt: issued,
    footer: `${clinic.name} · Prescription for booking ${appointment.number} · issued ${date.format(issued)}`,
  });
  doc.row([
    { text: clinic.name, width: 0.6, bold: true, size: 15 },
    { text: 'Prescription', width: 0.4, bold: true, size: 15, align: 'right' },
  ]);
  doc.text(clinic.address, { muted: true });
  doc.space(6);
  doc.row([
    { text: doctorName, width: 0.6, bold: true, size: 11 },
    { text: `Booking ${appointment.number}`, width: 0.4, align: 'right' },
  ]);
  doc.row([
    { text: [degrees, speciality].filter(Boolean).join(' · '), width: 0.6 },
    { text: date.format(new Date(appointment.start_at)), width: 0.4, align: 'right' },
  ]);
  doc.text(`Registration ${doctor.registration_number}, ${doctor.registration_council}`, { muted: true });
  doc.rule();
  const about = [
    patient.date_of_birth ? `${age(patient.date_of_birth, visitDate)} years` : null,
    patient.sex,
  ].filter(Boolean).join(', ');
  doc.fields([
    ['Patient', about ? `${patientName} (${about})` : patientName],
    ...(patient.allergies ? ([['Allergies', patient.allergies]] as [string, string][]) : []),
  ], 0.2);
  doc.space(10);
  doc.table(COLUMNS, view.items.map((i) => [i.medicine, i.strength, i.dose, i.frequency, i.duration, i.instructions ?? '']));
  doc.space(24);
  doc.text(`Issued electronically by ${doctorName} through MedLink on ${date.format(issued)}.`, { muted: true });
  return Buffer.from(await doc.finish());
}
