import type { ConsultationView, FileContent, ParsedInput, PrescriptionItem } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { actingFor, actingPatients, mayActFor } from '../patients/acting-for';
import { accessDetail, accessOf, signedInDoctor } from '../records/access';
import { appointmentById, type DetailedRow } from '../scheduling/appointments.repo';
import * as repo from './consultations.repo';
import { prescriptionPdf } from './prescription-pdf';

// After an appointment its doctor writes the consultation's notes and the prescription's lines; the patient (and the
// account holder of a family member) reads both and prints the prescription. Other doctors who may see the patient
// read them in the patient's chart.

const toItem = (i: repo.ItemRow): PrescriptionItem => ({
  medicine: i.medicine, strength: i.strength, dose: i.dose, frequency: i.frequency, duration: i.duration, instructions: i.instructions ?? undefined,
});

/** The doctor may write once the appointment has begun, or the patient has checked in for it; never for a cancelled one. */
const writable = (ctx: Ctx, a: Pick<DetailedRow, 'status' | 'start_at'>) =>
  a.status !== 'cancelled' && (Date.parse(a.start_at) <= ctx.now.getTime() || a.status === 'checked_in' || a.status === 'completed');

/**
 * The appointment and who the caller is to it: its doctor, or the patient's account (their own, or a family member's
 * holder, who reads them without changing anything). Anyone else is told there is none.
 */
async function appointmentFor(ctx: Ctx, appointmentId: number): Promise<{ appointment: DetailedRow; asDoctor: boolean }> {
  const session = requireSession(ctx);
  const appointment = await appointmentById(ctx.db, appointmentId);
  const asDoctor = appointment?.doctor_user_id === session.userId && session.roles.includes('doctor');
  if (!appointment || (!asDoctor && !(await mayActFor(ctx, appointment.patient_id)))) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  return { appointment, asDoctor };
}

/** A family member's notes read by their account holder: someone else reading a patient's data, so recorded. */
const familyViewed = (ctx: Ctx, patientIds: number[], detail: Record<string, unknown> = {}) =>
  recordView(ctx, { action: 'consultation.family_viewed', actorId: requireSession(ctx).userId, detail }, patientIds);

async function viewOf(ctx: Ctx, a: DetailedRow, asDoctor: boolean): Promise<ConsultationView> {
  const c = await repo.consultationOf(ctx.db, a.id);
  const items = c ? await repo.itemsOf(ctx.db, [c.id]) : [];
  return {
    appointmentId: a.id, appointmentNumber: a.number, start: a.start_at, doctorId: a.doctor_id, doctorName: a.doctor_name,
    patientId: a.patient_id, patientName: a.patient_name, notes: c?.notes ?? '', items: items.map(toItem), updatedAt: c?.updated_at ?? null,
    canEdit: asDoctor && writable(ctx, a),
  };
}

export async function get(ctx: Ctx, appointmentId: number): Promise<ConsultationView> {
  const { appointment, asDoctor } = await appointmentFor(ctx, appointmentId);
  if (asDoctor) {
    await record(ctx, { action: 'consultation.viewed', actorId: requireSession(ctx).userId, patientId: appointment.patient_id, detail: { appointmentId } });
  } else if (appointment.patient_user_id !== requireSession(ctx).userId) {
    await familyViewed(ctx, [appointment.patient_id], { appointmentId });
  }
  return viewOf(ctx, appointment, asDoctor);
}

export async function save(ctx: Ctx, input: ParsedInput<'consultations.save'>): Promise<ConsultationView> {
  const { appointment, asDoctor } = await appointmentFor(ctx, input.appointmentId);
  if (!asDoctor) throw new DomainError('FORBIDDEN', 'Only the appointment\'s doctor writes its notes and prescription.');
  await signedInDoctor(ctx);
  if (appointment.status === 'cancelled') throw new DomainError('CONFLICT', 'This appointment was cancelled, so it has no notes or prescription.');
  if (!writable(ctx, appointment)) throw new DomainError('CONFLICT', 'Notes and a prescription can be written once the appointment has begun or the patient has checked in.');
  const nowIso = ctx.now.toISOString();
  const id = await repo.saveNotes(ctx.db, { appointment_id: appointment.id, doctor_id: appointment.doctor_id, patient_id: appointment.patient_id, notes: input.notes, updated_at: nowIso }, nowIso);
  await repo.replaceItems(ctx.db, id, input.items);
  await record(ctx, {
    action: 'consultation.saved',
    actorId: requireSession(ctx).userId,
    patientId: appointment.patient_id,
    detail: { appointmentId: appointment.id, medicines: input.items.length },
  });
  return viewOf(ctx, appointment, true);
}

/** Patients' consultations (all doctors'), newest first: for the patient and their family, and for a doctor's view of their chart. */
export async function consultationsOfPatients(ctx: Ctx, patientIds: number[]): Promise<ConsultationView[]> {
  const rows = await repo.consultationsOfPatients(ctx.db, patientIds);
  const items = await repo.itemsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    appointmentId: r.appointment_id, appointmentNumber: r.number, start: r.start_at, doctorId: r.doctor_id, doctorName: r.doctor_name,
    patientId: r.patient_id, patientName: r.patient_name, notes: r.notes, items: items.filter((i) => i.consultation_id === r.id).map(toItem),
    updatedAt: r.updated_at, canEdit: false,
  }));
}

/** The account's own consultations and its family members', each naming its patient. */
export async function mine(ctx: Ctx): Promise<ConsultationView[]> {
  const own = await actingFor(ctx);
  const views = await consultationsOfPatients(ctx, (await actingPatients(ctx)).map((p) => p.id));
  await familyViewed(ctx, views.map((v) => v.patientId).filter((id) => id !== own.id));
  return views;
}

/**
 * The prescription as a PDF: for the appointment's patient and doctor, and for a doctor who sees the patient's
 * notes in their chart (another doctor of theirs, or under emergency access). Printed by anyone but the patient: audited.
 */
export async function pdf(ctx: Ctx, appointmentId: number): Promise<FileContent> {
  const session = requireSession(ctx);
  const appointment = await appointmentById(ctx.db, appointmentId);
  const notFound = () => new DomainError('NOT_FOUND', 'No appointment has this number.');
  if (!appointment) throw notFound();
  const asDoctor = appointment.doctor_user_id === session.userId && session.roles.includes('doctor');
  let detail: Record<string, unknown> = { appointmentId };
  if (!asDoctor && !(await mayActFor(ctx, appointment.patient_id))) {
    if (!session.roles.includes('doctor')) throw notFound();
    const access = await accessOf(ctx, (await signedInDoctor(ctx)).id, appointment.patient_id);
    if (!access || access.via === 'shared') throw notFound();
    detail = { ...detail, ...accessDetail(access) };
  }
  const view = await viewOf(ctx, appointment, asDoctor);
  if (view.items.length === 0) throw new DomainError('NOT_FOUND', 'No prescription has been written for this appointment.');
  if (appointment.patient_user_id !== session.userId) {
    await record(ctx, { action: 'prescription.printed', actorId: session.userId, patientId: appointment.patient_id, detail });
  }
  const bytes = await prescriptionPdf(ctx, appointment, view);
  return { mime: 'application/pdf', base64: bytes.toString('base64'), fileName: `prescription-${appointment.number}.pdf` };
}
