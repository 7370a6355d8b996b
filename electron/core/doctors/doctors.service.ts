import type { DirectoryEntry, DoctorView, ParsedInput, CodeSent } from '../../../shared/contract';
import type { DoctorCredentials } from '../../../shared/fields';
import type { Speciality } from '../../../shared/specialities';
import { record } from '../audit/audit.service';
import { setUserContact } from '../auth/auth.repo';
import { createAccount } from '../auth/auth.service';
import { requestSignup, type PendingSignup } from '../auth/signup.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { verificationDecided } from '../mail/notify';
import { searchChanged } from '../search/changes';
import { documentView } from './documents.service';
import { documentsOf, type DocumentRow } from './documents.repo';
import { announce, doctorChange } from '../live/changes';
import * as repo from './doctors.repo';
import { openInvitation, settleOnSignup as settleInvitations } from './invitations.service';

function toView(r: repo.DoctorRow, education: repo.EducationRow[], documents: DocumentRow[]): DoctorView {
  return {
    id: r.id,
    email: r.email,
    fullName: r.full_name,
    phone: r.phone,
    education: education.map((e) => ({ degree: e.degree, institution: e.institution, year: e.year })),
    speciality: r.speciality as Speciality,
    specialityOther: r.speciality_other ?? undefined,
    registrationNumber: r.registration_number,
    registrationCouncil: r.registration_council,
    hospital: r.hospital,
    experienceYears: r.experience_years,
    languages: JSON.parse(r.languages) as string[],
    bio: r.bio ?? undefined,
    status: r.status as DoctorView['status'],
    decisionReason: r.decision_reason ?? undefined,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at ?? undefined,
    verifiedBefore: r.verified_before_at ?? undefined,
    documents: documents.map(documentView),
  };
}

async function views(ctx: Ctx, rows: repo.DoctorRow[]): Promise<DoctorView[]> {
  const ids = rows.map((r) => r.id);
  const [education, documents] = await Promise.all([repo.educationOf(ctx.db, ids), documentsOf(ctx.db, ids)]);
  return rows.map((r) => toView(r, education.get(r.id) ?? [], documents.get(r.id) ?? []));
}
const view = async (ctx: Ctx, row: repo.DoctorRow) => (await views(ctx, [row]))[0]!;

async function checkRegistrationFree(ctx: Ctx, c: DoctorCredentials, selfId?: number, at = '') {
  const holder = await repo.registrationHolder(ctx.db, c.registrationCouncil, c.registrationNumber);
  if (holder && holder.id !== selfId) {
    throw new DomainError('CONFLICT', 'Another doctor is already registered with this registration number and council.', {
      fields: { [`${at}registrationNumber`]: 'registration_taken' },
    });
  }
}

/**
 * Adds the doctor profile to an account; `selfVerified` for the solo-practice administrator. `at` is where the
 * credentials sit in the caller's input ('credentials.', 'doctor.'), so a refusal names the right field.
 */
export async function addDoctorProfile(ctx: Ctx, userId: number, c: DoctorCredentials, selfVerified: boolean, at: string): Promise<number> {
  await checkRegistrationFree(ctx, c, undefined, at);
  const nowIso = ctx.now.toISOString();
  const id = await repo.insertDoctor(ctx.db, userId, c, selfVerified ? 'verified' : 'pending', nowIso);
  if (selfVerified) {
    await repo.decide(ctx.db, id, { status: 'verified', reason: null, by: userId, nowIso });
    await record(ctx, { action: 'doctor.self_verified', actorId: userId, detail: { doctorId: id, registration: c.registrationNumber } });
  } else {
    await record(ctx, { action: 'doctor.signup', actorId: userId, detail: { doctorId: id } });
  }
  await searchChanged(ctx);
  announce(ctx, doctorChange(id, userId));
  return id;
}

/** Every check a sign-up can fail (the invitation, the registration number), then the code goes to the address. */
export async function signup(ctx: Ctx, input: ParsedInput<'doctors.signup'>, passwordHash: string): Promise<CodeSent> {
  const c = input.credentials;
  if (input.invitationCode) await openInvitation(ctx, input.invitationCode, 'invitationCode');
  await checkRegistrationFree(ctx, c, undefined, 'credentials.');
  return requestSignup(ctx, {
    door: 'clinic', email: input.email, name: c.fullName, language: 'en',
    pending: { kind: 'doctor', email: input.email, credentials: c, invitationCode: input.invitationCode, passwordHash },
  });
}

/** The account of a sign-up whose code was right: the invitation is used, the application joins the queue. */
export async function createFromSignup(ctx: Ctx, s: Extract<PendingSignup, { kind: 'doctor' }>): Promise<number> {
  await settleInvitations(ctx, s.email, s.invitationCode);
  const c = s.credentials;
  const userId = await createAccount(ctx, { email: s.email, fullName: c.fullName, phone: c.phone, passwordHash: s.passwordHash, roles: ['doctor'] });
  await addDoctorProfile(ctx, userId, c, false, 'credentials.');
  return userId;
}

/** Verified, or verified before and back in the queue after a change of credentials (their appointments stay theirs). */
export const hasPractised = (doctor: Pick<repo.DoctorRow, 'status' | 'verified_before_at'>) => doctor.status === 'verified' || doctor.verified_before_at !== null;

async function own(ctx: Ctx): Promise<repo.DoctorRow> {
  const row = await repo.doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!row) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  return row;
}

export const me = async (ctx: Ctx) => view(ctx, await own(ctx));

/** What the administrator checked: a change to any of these sends a verified doctor back to the queue. */
const checkedCredentials = (c: Pick<DoctorCredentials, 'education' | 'registrationNumber' | 'registrationCouncil' | 'speciality' | 'specialityOther'>) =>
  JSON.stringify([
    c.education.map((e) => [e.degree, e.institution, e.year]), c.registrationNumber, c.registrationCouncil, c.speciality,
    c.speciality === 'other' ? (c.specialityOther ?? null) : null,
  ]);

/**
 * A doctor's credentials. A pending or refused application, corrected, goes back into the queue. A verified doctor's
 * change of education, registration or speciality does too: their appointments stay, but until the administrator
 * verifies them again no patient sees or books them. Other details (name, phone, hospital, experience, languages,
 * introduction) change at once.
 */
export async function resubmit(ctx: Ctx, c: DoctorCredentials): Promise<DoctorView> {
  const row = await own(ctx);
  await checkRegistrationFree(ctx, c, row.id);
  const nowIso = ctx.now.toISOString();
  const education = (await repo.educationOf(ctx.db, [row.id])).get(row.id) ?? [];
  const before = checkedCredentials({
    education, registrationNumber: row.registration_number, registrationCouncil: row.registration_council,
    speciality: row.speciality as Speciality, specialityOther: row.speciality_other ?? undefined,
  });
  if (row.status === 'verified' && before === checkedCredentials(c)) {
    const was = toView(row, education, []);
    const changed = (['fullName', 'phone', 'hospital', 'experienceYears', 'languages', 'bio'] as const).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(c[k]));
    await repo.updateDetails(ctx.db, row.id, c, nowIso);
    if (changed.length > 0) await record(ctx, { action: 'doctor.profile_updated', actorId: row.user_id, detail: { doctorId: row.id, changed } });
  } else {
    // Verified before: kept while the change is checked, so their own appointments stay theirs to see and write up.
    const verifiedBefore = row.status === 'verified' ? (row.decided_at ?? nowIso) : row.verified_before_at;
    await repo.resubmitDoctor(ctx.db, row.id, c, nowIso, verifiedBefore);
    await record(ctx, {
      action: row.status === 'verified' ? 'doctor.credentials_changed' : 'doctor.resubmitted',
      actorId: row.user_id,
      detail: { doctorId: row.id },
    });
  }
  await setUserContact(ctx.db, row.user_id, { fullName: c.fullName, phone: c.phone }, nowIso);
  await searchChanged(ctx);
  announce(ctx, doctorChange(row.id, row.user_id));
  return view(ctx, (await repo.doctorById(ctx.db, row.id))!);
}

export async function pending(ctx: Ctx): Promise<DoctorView[]> {
  return views(ctx, await repo.doctorsWithStatus(ctx.db, 'pending'));
}

export async function decide(ctx: Ctx, input: ParsedInput<'admin.decideDoctor'>): Promise<DoctorView> {
  const admin = requireSession(ctx);
  const row = await repo.doctorById(ctx.db, input.doctorId);
  if (!row) throw new DomainError('NOT_FOUND', 'No doctor has this number.');
  if (row.status !== 'pending') {
    throw new DomainError('CONFLICT', 'This application was already decided; it is no longer in the queue.');
  }
  const approve = input.decision === 'approve';
  const reason = input.decision === 'reject' ? input.reason : null;
  await repo.decide(ctx.db, row.id, { status: approve ? 'verified' : 'rejected', reason, by: admin.userId, nowIso: ctx.now.toISOString() });
  await record(ctx, {
    action: approve ? 'doctor.approved' : 'doctor.rejected',
    actorId: admin.userId,
    detail: { doctorId: row.id, ...(reason ? { reason } : {}) },
  });
  await searchChanged(ctx);
  announce(ctx, doctorChange(row.id, row.user_id));
  await verificationDecided(ctx, { userId: row.user_id, email: row.email, fullName: row.full_name }, reason === null ? { approved: true } : { approved: false, reason });
  return view(ctx, (await repo.doctorById(ctx.db, row.id))!);
}

/** Only verified doctors, not suspended, ever reach a list patients can see. */
export async function directory(ctx: Ctx): Promise<DirectoryEntry[]> {
  // A suspended doctor is hidden as well.
  const all = await views(ctx, (await repo.doctorsWithStatus(ctx.db, 'verified')).filter((r) => r.suspended_at === null));
  return all
    .map(({ id, fullName, speciality, specialityOther, education, hospital, experienceYears, languages, bio }) => ({
      id, fullName, speciality, specialityOther, education, hospital, experienceYears, languages, bio,
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}
