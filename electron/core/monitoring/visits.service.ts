import type { Output, ParsedInput } from '../../../shared/contract';
import { zonedParts } from '../../../shared/clinic-time';
import { record } from '../audit/audit.service';
import { DomainError, type Ctx } from '../context';
import { announce, monitoringChange } from '../live/changes';
import { clinicInfo } from '../mail/notify';
import { patientById } from '../patients/patients.repo';
import { signedInDoctor } from '../records/access';
import * as repo from './monitoring.repo';
import { visitView } from './views';

// The home-care visit log: a doctor who monitors a patient notes each visit (at home, by phone, by video, at the
// clinic). The visits are read with the patient's monitoring (plans.service patient, readings.service mine), whose
// looks by a doctor are audited there.

export async function logVisit(ctx: Ctx, input: ParsedInput<'monitoring.logVisit'>): Promise<Output<'monitoring.logVisit'>> {
  const doctor = await signedInDoctor(ctx);
  const patient = await patientById(ctx.db, input.patientId);
  if (!patient || !(await repo.planOf(ctx.db, patient.id, doctor.id))) {
    throw new DomainError('FORBIDDEN', 'You can log visits only for patients you monitor. Enrol the patient first.');
  }
  if (input.visitedOn > zonedParts(ctx.now, (await clinicInfo(ctx)).timeZone).date) {
    throw new DomainError('VALIDATION', 'A visit cannot be in the future: log it once it has taken place.', { fields: { visitedOn: 'visit_date_future' } });
  }
  const id = await repo.insertVisit(ctx.db, {
    patient_id: patient.id, doctor_id: doctor.id, visited_on: input.visitedOn, kind: input.kind, notes: input.notes, created_at: ctx.now.toISOString(),
  });
  await record(ctx, { action: 'monitoring.visit_logged', actorId: doctor.user_id, patientId: patient.id, detail: { kind: input.kind, date: input.visitedOn } });
  announce(ctx, monitoringChange(patient.user_id, [doctor.user_id]));
  return visitView((await repo.visitsOf(ctx.db, patient.id, { id }))[0]!);
}
