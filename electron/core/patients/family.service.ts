import { INVITATION_DAYS, type Output, type ParsedInput, type PatientView } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { emailTaken } from '../auth/auth.repo';
import { invitationCodeHash, newInvitationCode } from '../auth/invitation-codes';
import { DomainError, isDesk, requireSession, type Ctx } from '../context';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import { actingFor, actingPatients, familyChanged } from './acting-for';
import * as repo from './patients.repo';
import { birthColumns, toView } from './patients.service';
import * as invitations from './record-invitations.repo';

// Family members on a patient's account (dependants): each a record of its own (name, birth, sex, relation,
// allergies) held by the account holder's record, whose account books for them and gets their mail.

const DAY = 86_400_000;

/** The signed-in patient's family members, or (for the front desk, each look recorded) those of the record it names. */
export async function list(ctx: Ctx, holderPatientId: number | undefined): Promise<PatientView[]> {
  if (!isDesk(ctx)) {
    const own = await actingFor(ctx);
    return (await actingPatients(ctx)).filter((p) => p.holder_patient_id === own.id).map((p) => toView(p, own));
  }
  const holder = await holderFor(ctx, holderPatientId);
  const rows = await repo.dependantsOf(ctx.db, holder.id);
  await recordView(ctx, { action: 'patient.viewed', actorId: requireSession(ctx).userId }, rows.map((r) => r.id));
  return rows.map((r) => toView(r, holder));
}

/** Whose account a new family member goes on: the patient's own, or the record the front desk names. */
async function holderFor(ctx: Ctx, holderPatientId: number | undefined): Promise<repo.PatientRow> {
  if (!isDesk(ctx)) return actingFor(ctx);
  if (!holderPatientId) throw new DomainError('VALIDATION', 'Choose whose family member this is.', { fields: { holderPatientId: 'patient_required' } });
  const holder = await repo.patientById(ctx.db, holderPatientId);
  if (!holder || holder.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  if (holder.holder_patient_id !== null) {
    throw new DomainError('CONFLICT', `${holder.full_name} is a family member on another account: add them to the account holder instead.`, {
      fields: { holderPatientId: 'holder_is_dependant' },
    });
  }
  return holder;
}

/** A family member the caller may change: one on the patient's own account, or any for the front desk. */
async function dependantFor(ctx: Ctx, patientId: number): Promise<{ row: repo.PatientRow; holder: repo.PatientRow }> {
  const row = isDesk(ctx) ? await repo.patientById(ctx.db, patientId) : await actingFor(ctx, patientId);
  if (!row || row.holder_patient_id === null || row.merged_into !== null) throw new DomainError('NOT_FOUND', 'No family member has this number.');
  return { row, holder: (await repo.patientById(ctx.db, row.holder_patient_id))! };
}

const columns = (input: ParsedInput<'family.update'>) => ({
  full_name: input.fullName.replace(/\s+/g, ' '),
  relation: input.relation,
  sex: input.sex,
  blood_group: input.bloodGroup ?? null,
  allergies: input.allergies ?? null,
  medical_history: input.medicalHistory ?? null,
});

export async function add(ctx: Ctx, input: ParsedInput<'family.add'>): Promise<PatientView> {
  const holder = await holderFor(ctx, input.holderPatientId);
  const nowIso = ctx.now.toISOString();
  const id = await repo.insertRecord(ctx.db, {
    ...columns({ ...input, patientId: 0 }),
    ...birthColumns(ctx, input),
    user_id: null,
    holder_patient_id: holder.id,
    email: null,
    // Reached through the holder: their phone and state until the person has an account of their own.
    phone: holder.phone,
    state: holder.state,
    preferred_language: holder.preferred_language,
    created_at: nowIso,
    updated_at: nowIso,
  });
  familyChanged(ctx);
  await record(ctx, { action: 'patient.family_added', actorId: requireSession(ctx).userId, patientId: id, detail: { holderPatientId: holder.id } });
  return toView((await repo.patientById(ctx.db, id))!, holder);
}

export async function update(ctx: Ctx, input: ParsedInput<'family.update'>): Promise<PatientView> {
  const { row, holder } = await dependantFor(ctx, input.patientId);
  const set = { ...columns(input), ...birthColumns(ctx, input) };
  const before = toView(row);
  await repo.updateRecord(ctx.db, row.id, { ...set, updated_at: ctx.now.toISOString() });
  const after = toView({ ...row, ...set });
  const changed = (['fullName', 'relation', 'dateOfBirth', 'sex', 'bloodGroup', 'allergies', 'medicalHistory'] as const).filter(
    (k) => before[k] !== after[k],
  );
  await record(ctx, { action: 'patient.profile_updated', actorId: requireSession(ctx).userId, patientId: row.id, detail: { changed } });
  return toView({ ...row, ...set }, holder);
}

/**
 * A grown-up family member is invited to an account of their own: a code mailed to their address, with which they
 * sign up (patients.signup) and take over this record; until then nothing changes.
 */
export async function invite(ctx: Ctx, input: ParsedInput<'family.invite'>): Promise<Output<'family.invite'>> {
  const { row, holder } = await dependantFor(ctx, input.patientId);
  if (await emailTaken(ctx.db, input.email)) {
    throw new DomainError('CONFLICT', 'This email address already has a MedLink account. Invite them with an address of their own.', {
      fields: { email: 'email_taken' },
    });
  }
  const code = newInvitationCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * DAY);
  await invitations.dropUnused(ctx.db, row.id);
  await invitations.insertInvitation(ctx.db, {
    code_hash: invitationCodeHash(code), patient_id: row.id, email: input.email, invited_by: requireSession(ctx).userId,
    created_at: ctx.now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null,
  });
  await enqueueMail(ctx, 'record_invitation', {
    to: input.email,
    // They have no account yet, so no language of their own: the family's.
    language: holder.preferred_language,
    data: { clinic: await clinicInfo(ctx), name: row.full_name, holderName: holder.full_name, code, expiresAt },
  });
  await record(ctx, { action: 'patient.invited', actorId: requireSession(ctx).userId, patientId: row.id, detail: { email: input.email } });
  return { email: input.email, expiresAt: expiresAt.toISOString() };
}
