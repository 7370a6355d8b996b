import type { AdminDoctorEntry, AppointmentToRearrange, ParsedInput } from '../../../shared/contract';
import type { Speciality } from '../../../shared/specialities';
import { record, recordView } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { serialize } from '../db/dialects';
import type { Mode } from '../availability/slots';
import { announce, doctorChange } from '../live/changes';
import { searchChanged } from '../search/changes';
import { doctorById } from './doctors.repo';
import * as repo from './suspension.repo';

// Suspending a doctor: hidden from search and the directory, not bookable, unable to practise, until
// reinstated. Their appointments stay; the front desk re-arranges them from the list below.

type Row = Awaited<ReturnType<typeof repo.verifiedDoctors>>[number];

const toEntry = (r: Row): AdminDoctorEntry => ({
  id: r.id,
  fullName: r.full_name,
  email: r.email,
  speciality: r.speciality as Speciality,
  ...(r.speciality_other ? { specialityOther: r.speciality_other } : {}),
  suspendedAt: r.suspended_at,
  suspendedReason: r.suspended_reason,
  upcoming: Number(r.upcoming ?? 0),
});

export async function doctors(ctx: Ctx): Promise<AdminDoctorEntry[]> {
  return (await repo.verifiedDoctors(ctx.db, ctx.now.toISOString())).map(toEntry);
}

async function entry(ctx: Ctx, id: number): Promise<AdminDoctorEntry> {
  return toEntry((await repo.verifiedDoctors(ctx.db, ctx.now.toISOString(), id))[0]!);
}

/** The doctor, with their diary locked: a booking that raced the change waits for it, then sees it. */
async function verifiedDoctor(ctx: Ctx, doctorId: number) {
  const row = await doctorById(ctx.db, doctorId);
  if (!row) throw new DomainError('NOT_FOUND', 'No doctor has this number.');
  if (row.status !== 'verified') {
    throw new DomainError('CONFLICT', 'Only a verified doctor can be suspended or reinstated. An application still waiting is decided in the verification queue.');
  }
  await serialize(ctx.db, ctx.deps.dialect, `doctor:${row.id}`);
  return (await doctorById(ctx.db, row.id))!;
}

export async function suspend(ctx: Ctx, input: ParsedInput<'admin.suspendDoctor'>): Promise<AdminDoctorEntry> {
  const admin = requireSession(ctx);
  const row = await verifiedDoctor(ctx, input.doctorId);
  if (row.user_id === admin.userId) throw new DomainError('CONFLICT', 'You cannot suspend yourself.');
  if (row.suspended_at) throw new DomainError('CONFLICT', 'This doctor is already suspended.');
  const nowIso = ctx.now.toISOString();
  await repo.setSuspension(ctx.db, row.id, { at: nowIso, reason: input.reason, nowIso });
  await record(ctx, { action: 'doctor.suspended', actorId: admin.userId, detail: { doctorId: row.id, reason: input.reason } });
  await searchChanged(ctx);
  announce(ctx, doctorChange(row.id, row.user_id));
  return entry(ctx, row.id);
}

export async function reinstate(ctx: Ctx, doctorId: number): Promise<AdminDoctorEntry> {
  const admin = requireSession(ctx);
  const row = await verifiedDoctor(ctx, doctorId);
  if (!row.suspended_at) throw new DomainError('CONFLICT', 'This doctor is not suspended.');
  const nowIso = ctx.now.toISOString();
  await repo.setSuspension(ctx.db, row.id, { at: null, reason: null, nowIso });
  await record(ctx, { action: 'doctor.reinstated', actorId: admin.userId, detail: { doctorId: row.id } });
  await searchChanged(ctx);
  announce(ctx, doctorChange(row.id, row.user_id));
  return entry(ctx, row.id);
}

/** What the front desk must re-arrange: each patient it shows is an access to their data, and recorded. */
export async function appointmentsToRearrange(ctx: Ctx): Promise<AppointmentToRearrange[]> {
  const session = requireSession(ctx);
  const rows = await repo.bookedOfSuspended(ctx.db, ctx.now.toISOString());
  const doctorIds = [...new Set(rows.map((r) => r.doctor_id))].sort((a, b) => a - b);
  await recordView(ctx, { action: 'appointment.rearrange_viewed', actorId: session.userId, detail: { doctorIds } }, rows.map((r) => r.patient_id));
  return rows.map((r) => ({
    appointmentId: r.id,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    patientId: r.patient_id,
    patientName: r.patient_name,
    patientPhone: r.patient_phone,
    start: r.start_at,
    end: r.end_at,
    mode: r.mode as Mode,
  }));
}
