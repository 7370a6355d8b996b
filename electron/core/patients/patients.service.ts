import type { ParsedInput, PatientView, CodeSent } from '../../../shared/contract';
import type { PatientProfile } from '../../../shared/fields';
import { record, recordView } from '../audit/audit.service';
import { setUserContact } from '../auth/auth.repo';
import { createAccount } from '../auth/auth.service';
import { requestSignup, type PendingSignup } from '../auth/signup.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { invitationCodeHash, openOrRefuse } from '../auth/invitation-codes';
import { actingFor, mayActFor } from './acting-for';
import * as repo from './patients.repo';
import * as invitations from './record-invitations.repo';

/** A record as the screens show it; a dependant's with their holder, whose contact they are reached through. */
export function toView(r: repo.PatientRow, holder?: repo.PatientRow | null): PatientView {
  return {
    id: r.id,
    hasAccount: r.user_id !== null,
    fullName: r.full_name,
    // A walk-in may not have given these: absent, never an empty string.
    email: r.email ?? undefined,
    phone: r.phone,
    dateOfBirth: r.date_of_birth ?? undefined,
    sex: (r.sex ?? undefined) as PatientView['sex'],
    address: {
      line: r.address_line ?? undefined,
      city: r.city ?? undefined,
      state: r.state as PatientView['address']['state'],
      pinCode: r.pin_code ?? undefined,
    },
    bloodGroup: (r.blood_group ?? undefined) as PatientView['bloodGroup'],
    allergies: r.allergies ?? undefined,
    medicalHistory: r.medical_history ?? undefined,
    chronicConditions: r.chronic_conditions ?? undefined,
    currentMedications: r.current_medications ?? undefined,
    emergencyContactName: r.emergency_contact_name ?? undefined,
    emergencyContactPhone: r.emergency_contact_phone ?? undefined,
    preferredLanguage: r.preferred_language as PatientView['preferredLanguage'],
    // Absent rather than undefined when they do not apply: a profile read and sent back as it is stays a valid update.
    ...(r.birth_estimated === 1 ? { dateOfBirthEstimated: true } : {}),
    ...(r.relation ? { relation: r.relation as NonNullable<PatientView['relation']> } : {}),
    ...(holder ? { holder: { id: holder.id, fullName: holder.full_name, phone: holder.phone, email: holder.email } } : {}),
  };
}

/** toView with the holder read when the record is a dependant's. */
export async function viewOf(ctx: Ctx, r: repo.PatientRow): Promise<PatientView> {
  return toView(r, r.holder_patient_id === null ? null : await repo.patientById(ctx.db, r.holder_patient_id));
}

/**
 * The date of birth to store: as given, or worked out from an age in years so that the age is right today and
 * rises on this day each year (marked as estimated); neither given, none.
 */
export function birthColumns(ctx: Ctx, b: { dateOfBirth?: string; ageYears?: number }, field = 'dateOfBirth') {
  const today = ctx.now.toISOString().slice(0, 10);
  if (b.dateOfBirth) {
    checkBirthDate(ctx, b.dateOfBirth, field);
    return { date_of_birth: b.dateOfBirth, birth_estimated: 0 };
  }
  if (b.ageYears === undefined) return { date_of_birth: null, birth_estimated: 0 };
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return { date_of_birth: `${Number(today.slice(0, 4)) - b.ageYears}-${monthDay}`, birth_estimated: 1 };
}

function checkBirthDate(ctx: Ctx, dateOfBirth: string, field = 'dateOfBirth'): void {
  const today = ctx.now.toISOString().slice(0, 10);
  if (dateOfBirth > today || dateOfBirth < '1900-01-01') {
    throw new DomainError('VALIDATION', 'The date of birth must be a real date in the past.', { fields: { [field]: 'dob_range' } });
  }
}

/**
 * A grown-up family member's invitation, open and sent to the address they sign up with, for a record that is
 * still a dependant's; refused otherwise, naming the field.
 */
async function recordInvitation(ctx: Ctx, code: string, email: string) {
  const field = 'invitationCode';
  const invitation = openOrRefuse(await invitations.invitationByHash(ctx.db, invitationCodeHash(code)), ctx.now.toISOString(), field);
  if (invitation.email !== email) {
    throw new DomainError('VALIDATION', 'This invitation was sent to another email address. Sign up with the address it was sent to.', {
      fields: { [field]: 'code_other_email' },
    });
  }
  const kept = await repo.patientById(ctx.db, invitation.patient_id);
  if (!kept || kept.holder_patient_id === null || kept.user_id !== null || kept.merged_into !== null) {
    throw new DomainError('VALIDATION', 'This record already has an account of its own. Sign in instead.', { fields: { [field]: 'code_used' } });
  }
  return { invitation, kept };
}

/** Every check a sign-up can fail, then the code goes to the address (auth/signup.service.ts). */
export async function signup(ctx: Ctx, input: ParsedInput<'patients.signup'>, passwordHash: string): Promise<CodeSent> {
  const { profile } = input;
  checkBirthDate(ctx, profile.dateOfBirth, 'profile.dateOfBirth');
  if (input.invitationCode) await recordInvitation(ctx, input.invitationCode, profile.email);
  return requestSignup(ctx, {
    door: 'patient', email: profile.email, name: profile.fullName, language: profile.preferredLanguage,
    pending: { kind: 'patient', profile, passwordHash, invitationCode: input.invitationCode },
  });
}

/**
 * The account of a sign-up whose code was right: a new record, or with an invitation the record the family kept,
 * which moves to the new account with everything keyed by it (appointments, bills, records) and is no longer
 * anyone's dependant.
 */
export async function createFromSignup(ctx: Ctx, s: Extract<PendingSignup, { kind: 'patient' }>): Promise<number> {
  const { profile } = s;
  const takeover = s.invitationCode ? await recordInvitation(ctx, s.invitationCode, profile.email) : null;
  const userId = await createAccount(ctx, {
    email: profile.email, fullName: profile.fullName, phone: profile.phone, passwordHash: s.passwordHash,
    language: profile.preferredLanguage, roles: ['patient'], emailField: 'profile.email',
  });
  const nowIso = ctx.now.toISOString();
  if (!takeover) {
    const patientId = await repo.insertPatient(ctx.db, userId, profile, nowIso);
    await record(ctx, { action: 'patient.signup', actorId: userId, patientId });
    return userId;
  }
  const { invitation, kept } = takeover;
  await repo.updatePatient(ctx.db, kept.id, profile, nowIso);
  await repo.updateRecord(ctx.db, kept.id, { user_id: userId, holder_patient_id: null, relation: null });
  await invitations.markUsed(ctx.db, invitation.code_hash, nowIso);
  await record(ctx, { action: 'patient.record_taken_over', actorId: userId, patientId: kept.id, detail: { holderPatientId: kept.holder_patient_id } });
  return userId;
}

export const me = async (ctx: Ctx) => toView(await actingFor(ctx));

export async function updateMe(ctx: Ctx, profile: PatientProfile): Promise<PatientView> {
  const s = requireSession(ctx);
  const row = await actingFor(ctx);
  checkBirthDate(ctx, profile.dateOfBirth);
  if (profile.email !== row.email) {
    throw new DomainError('VALIDATION', 'Your email address is your sign-in name and cannot be changed here.', {
      fields: { email: 'email_fixed' },
    });
  }
  const nowIso = ctx.now.toISOString();
  await repo.updatePatient(ctx.db, row.id, profile, nowIso);
  await setUserContact(ctx.db, s.userId, { fullName: profile.fullName, phone: profile.phone, language: profile.preferredLanguage }, nowIso);
  const before = toView(row);
  const changed = (Object.keys(profile) as (keyof PatientProfile)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(profile[k]),
  );
  await record(ctx, { action: 'patient.profile_updated', actorId: s.userId, patientId: row.id, detail: { changed } });
  return toView((await repo.patientById(ctx.db, row.id))!);
}

/** A patient sees only the records they act for (their own, their family's); staff see any, and each look is audited. */
export async function get(ctx: Ctx, patientId: number): Promise<PatientView> {
  const s = requireSession(ctx);
  const isOwn = await mayActFor(ctx, patientId);
  if (!isOwn && !s.roles.includes('front_desk')) {
    throw new DomainError('FORBIDDEN', 'You can only see your own record and your family members\'.');
  }
  const row = await repo.patientById(ctx.db, patientId);
  if (!row) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  if (!isOwn) await record(ctx, { action: 'patient.viewed', actorId: s.userId, patientId: row.id });
  return viewOf(ctx, row);
}

export async function search(ctx: Ctx, query: string) {
  const s = requireSession(ctx);
  const rows = await repo.searchPatients(ctx.db, query, 50);
  // Search results show names and contacts: every patient shown is an access to be recorded.
  await recordView(ctx, { action: 'patient.searched', actorId: s.userId, detail: { query } }, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, fullName: r.full_name, phone: r.phone, email: r.email, dateOfBirth: r.date_of_birth, hasAccount: r.user_id !== null, holderName: r.holder_name,
  }));
}
