import { DomainError, requireSession, type Ctx } from '../context';
import { doctorByUser, type DoctorRow } from '../doctors/doctors.repo';
import { hasPractised } from '../doctors/doctors.service';
import * as repo from './records.repo';

/**
 * Why the signed-in doctor may see a patient's records, or why not. A patient who has or had an appointment with
 * them (not cancelled): everything. Emergency access: everything, until it ends. Records shared with them: those.
 */
export type DoctorAccess =
  | { via: 'appointment'; until: null }
  | { via: 'emergency'; until: string }
  | { via: 'shared'; until: null; recordIds: number[] };

/**
 * The signed-in doctor, if they may see patients' records: verified (or verified before and waiting for changed
 * credentials to be checked again, which keeps their patients) and not suspended.
 */
export const signedInDoctor = async (ctx: Ctx): Promise<DoctorRow> => asSignedInDoctor(await doctorByUser(ctx.db, requireSession(ctx).userId));

/** The signed-in doctor's row as read, refused as signedInDoctor refuses. */
export function asSignedInDoctor(doctor: DoctorRow | undefined): DoctorRow {
  if (!doctor) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  if (!hasPractised(doctor) || doctor.suspended_at) {
    throw new DomainError('FORBIDDEN', "Only a verified doctor can see patients' records. Your credentials are still being checked, or your account is suspended.");
  }
  return doctor;
}

/** The signed-in doctor's way to a patient's records, or null when they have none. */
export async function accessOf(ctx: Ctx, doctorId: number, patientId: number): Promise<DoctorAccess | null> {
  if (await repo.hasAppointment(ctx.db, doctorId, patientId)) return { via: 'appointment', until: null };
  const emergency = await repo.activeEmergency(ctx.db, doctorId, patientId, ctx.now.toISOString());
  if (emergency) return { via: 'emergency', until: emergency.expires_at };
  const recordIds = await repo.sharedRecordIds(ctx.db, doctorId, patientId);
  return recordIds.length > 0 ? { via: 'shared', until: null, recordIds } : null;
}

/** Refused (nothing of the patient is shown) unless the doctor has access; the refusal names the way in. */
export async function requireAccess(ctx: Ctx, doctorId: number, patientId: number): Promise<DoctorAccess> {
  const access = await accessOf(ctx, doctorId, patientId);
  if (!access) {
    throw new DomainError(
      'FORBIDDEN',
      "You can see the records of patients who have or had an appointment with you, or who shared records with you. For anyone else, use emergency access.",
    );
  }
  return access;
}

/** What an access by a doctor adds to its audit row: the way in, and a flag for emergency access. */
export const accessDetail = (access: DoctorAccess) => ({ via: access.via, ...(access.via === 'emergency' ? { emergency: true } : {}) });
