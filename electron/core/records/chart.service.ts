import type { MyPatient, Output, ParsedInput } from '../../../shared/contract';
import { EMERGENCY_MINUTES } from '../../../shared/records';
import { record, recordView } from '../audit/audit.service';
import { consultationsOfPatients } from '../consultations/consultations.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { patientById } from '../patients/patients.repo';
import { accessDetail, accessOf, requireAccess, signedInDoctor } from './access';
import * as repo from './records.repo';
import { recordViews } from './records.service';

// A doctor's side of patients' records: the patients they may see, one patient's chart, and emergency access to
// anyone else's (a typed reason, an hour, flagged in the audit log and on the administrator's screen).

export async function myPatients(ctx: Ctx): Promise<MyPatient[]> {
  const doctor = await signedInDoctor(ctx);
  const nowIso = ctx.now.toISOString();
  const { visits, shared, emergency } = await repo.patientsOfDoctor(ctx.db, doctor.id, nowIso);
  const byId = new Map<number, MyPatient>();
  const add = (p: { id: number; full_name: string; date_of_birth: string | null }, via: MyPatient['via']) => {
    const known = byId.get(p.id);
    if (!known) byId.set(p.id, { patientId: p.id, fullName: p.full_name, dateOfBirth: p.date_of_birth, via, lastVisit: null, nextVisit: null });
    // An appointment is the strongest way in; emergency access is shown over a share.
    else if (via === 'appointment' || (via === 'emergency' && known.via === 'shared')) known.via = via;
  };
  for (const v of visits) {
    add(v, 'appointment');
    const p = byId.get(v.id)!;
    if (v.start_at <= nowIso) p.lastVisit = p.lastVisit && p.lastVisit > v.start_at ? p.lastVisit : v.start_at;
    else p.nextVisit = p.nextVisit && p.nextVisit < v.start_at ? p.nextVisit : v.start_at;
  }
  for (const s of shared) add(s, 'shared');
  for (const e of emergency) add(e, 'emergency');
  await record(ctx, { action: 'records.patients_listed', actorId: doctor.user_id, detail: { count: byId.size } });
  return [...byId.values()].sort((a, b) => a.fullName.localeCompare(b.fullName) || a.patientId - b.patientId);
}

export async function patientChart(ctx: Ctx, patientId: number): Promise<Output<'records.patientChart'>> {
  const doctor = await signedInDoctor(ctx);
  const access = await requireAccess(ctx, doctor.id, patientId);
  const p = (await patientById(ctx.db, patientId))!;
  const rows = await repo.recordsOfPatient(ctx.db, patientId, access.via === 'shared' ? { ids: access.recordIds } : {});
  await record(ctx, { action: 'records.viewed', actorId: doctor.user_id, patientId, detail: accessDetail(access) });
  return {
    patient: {
      id: p.id, fullName: p.full_name, dateOfBirth: p.date_of_birth, sex: p.sex, bloodGroup: p.blood_group, allergies: p.allergies,
      chronicConditions: p.chronic_conditions, currentMedications: p.current_medications,
    },
    via: access.via,
    until: access.until,
    records: await recordViews(ctx, rows, false),
    // A share opens the shared records only; an appointment or emergency access, the clinic's notes too.
    consultations: access.via === 'shared' ? [] : await consultationsOfPatients(ctx, [patientId]),
  };
}

export async function findPatient(ctx: Ctx, phone: string) {
  const doctor = await signedInDoctor(ctx);
  const rows = await repo.patientsByPhone(ctx.db, phone);
  // Names found are an access: one row naming every patient shown, as the front desk's searches are.
  await recordView(ctx, { action: 'patient.searched', actorId: doctor.user_id, detail: { phone } }, rows.map((r) => r.id));
  return rows.map((r) => ({ patientId: r.id, fullName: r.full_name, dateOfBirth: r.date_of_birth }));
}

export async function emergencyAccess(ctx: Ctx, input: ParsedInput<'records.emergencyAccess'>) {
  const doctor = await signedInDoctor(ctx);
  const patient = await patientById(ctx.db, input.patientId);
  if (!patient || patient.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  if ((await accessOf(ctx, doctor.id, patient.id))?.via === 'appointment') {
    throw new DomainError('CONFLICT', 'This patient has an appointment with you, so you can already see their records.');
  }
  const until = new Date(ctx.now.getTime() + EMERGENCY_MINUTES * 60_000).toISOString();
  await repo.insertEmergency(ctx.db, { doctor_id: doctor.id, patient_id: patient.id, reason: input.reason, granted_at: ctx.now.toISOString(), expires_at: until });
  await record(ctx, {
    action: 'records.emergency_access',
    actorId: requireSession(ctx).userId,
    patientId: patient.id,
    detail: { doctorId: doctor.id, reason: input.reason, until, emergency: true },
  });
  return { until };
}

export async function emergencyGrants(ctx: Ctx): Promise<Output<'admin.emergencyAccesses'>> {
  const nowIso = ctx.now.toISOString();
  return (await repo.emergencyGrants(ctx.db)).map((g) => ({
    id: g.id,
    doctorName: g.doctor_name,
    patientId: g.patient_id,
    patientName: g.patient_name,
    reason: g.reason,
    grantedAt: g.granted_at,
    expiresAt: g.expires_at,
    active: g.expires_at > nowIso,
  }));
}
