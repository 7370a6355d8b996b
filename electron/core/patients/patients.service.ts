import type { ParsedInput, PatientView, CodeSent } from '../../../shared/contract';
import type { PatientProfile } from '../../../shared/fields';
import { record, recordView } from '../audit/audit.service';
import { setUserContact } from '../auth/auth.repo';
import { createAccount } from '../auth/auth.service';
import { requestSignup, type PendingSignup } from '../auth/signup.service';
import { DomainError, requireSession, type Ctx } from '../context';
import * as repo from './patients.repo';

export function toView(r: repo.PatientRow): PatientView {
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
  };
}

function checkBirthDate(ctx: Ctx, p: PatientProfile, field = 'dateOfBirth'): void {
  const today = ctx.now.toISOString().slice(0, 10);
  if (p.dateOfBirth > today || p.dateOfBirth < '1900-01-01') {
    throw new DomainError('VALIDATION', 'The date of birth must be a real date in the past.', { fields: { [field]: 'dob_range' } });
  }
}

/** Every check a sign-up can fail, then the code goes to the address (auth/signup.service.ts). */
export async function signup(ctx: Ctx, input: ParsedInput<'patients.signup'>, passwordHash: string): Promise<CodeSent> {
  const { profile } = input;
  checkBirthDate(ctx, profile, 'profile.dateOfBirth');
  return requestSignup(ctx, {
    door: 'patient', email: profile.email, name: profile.fullName, language: profile.preferredLanguage,
    pending: { kind: 'patient', profile, passwordHash },
  });
}

/** The account of a sign-up whose code was right. */
export async function createFromSignup(ctx: Ctx, s: Extract<PendingSignup, { kind: 'patient' }>): Promise<number> {
  const { profile } = s;
  const userId = await createAccount(ctx, {
    email: profile.email, fullName: profile.fullName, phone: profile.phone, passwordHash: s.passwordHash,
    language: profile.preferredLanguage, roles: ['patient'], emailField: 'profile.email',
  });
  const patientId = await repo.insertPatient(ctx.db, userId, profile, ctx.now.toISOString());
  await record(ctx, { action: 'patient.signup', actorId: userId, patientId });
  return userId;
}

async function own(ctx: Ctx): Promise<repo.PatientRow> {
  const row = await repo.patientByUser(ctx.db, requireSession(ctx).userId);
  if (!row) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  return row;
}

export const me = async (ctx: Ctx) => toView(await own(ctx));

export async function updateMe(ctx: Ctx, profile: PatientProfile): Promise<PatientView> {
  const s = requireSession(ctx);
  const row = await own(ctx);
  checkBirthDate(ctx, profile);
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

/** A patient sees only their own record; staff see any, and each look is audited. */
export async function get(ctx: Ctx, patientId: number): Promise<PatientView> {
  const s = requireSession(ctx);
  const row = await repo.patientById(ctx.db, patientId);
  const isSelf = !!row && row.user_id === s.userId;
  if (!isSelf && !s.roles.includes('front_desk')) {
    throw new DomainError('FORBIDDEN', 'You can only see your own record.');
  }
  if (!row) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  if (!isSelf) await record(ctx, { action: 'patient.viewed', actorId: s.userId, patientId: row.id });
  return toView(row);
}

export async function search(ctx: Ctx, query: string) {
  const s = requireSession(ctx);
  const rows = await repo.searchPatients(ctx.db, query, 50);
  // Search results show names and contacts: every patient shown is an access to be recorded.
  await recordView(ctx, { action: 'patient.searched', actorId: s.userId, detail: { query } }, rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, phone: r.phone, email: r.email, dateOfBirth: r.date_of_birth, hasAccount: r.user_id !== null }));
}
