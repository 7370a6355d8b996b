import type { LoginResult, ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { anyAdmin } from '../auth/auth.repo';
import { createAccount, openSession } from '../auth/auth.service';
import { DomainError, type Ctx } from '../context';
import { addDoctorProfile } from '../doctors/doctors.service';
import { clinicSettings, DEFAULTS, saveClinicSettings } from './clinic.service';

export async function status(ctx: Ctx) {
  const needsSetup = !(await anyAdmin(ctx.db));
  const clinic = await clinicSettings(ctx);
  // Public: the name for the title bar and the zone every time on screen is shown in.
  return {
    needsSetup,
    clinicName: clinic?.name ?? null,
    timeZone: clinic?.timeZone ?? null,
    enrolled: ctx.deps.keyring.enrolled,
    contact: clinic ? { address: clinic.address, phone: clinic.phone ?? null, email: clinic.email ?? null } : null,
  };
}

/** First run: the clinic and its administrator, who may also be its (self-verified) doctor. */
export async function complete(ctx: Ctx, input: ParsedInput<'setup.complete'>, passwordHash: string): Promise<LoginResult> {
  if (await anyAdmin(ctx.db)) throw new DomainError('SETUP_DONE', 'MedLink is already set up. Sign in instead.');
  await saveClinicSettings(ctx, { ...input.clinic, ...DEFAULTS });
  const { admin, doctor } = input;
  const userId = await createAccount(ctx, {
    email: admin.email,
    fullName: admin.fullName,
    phone: admin.phone,
    passwordHash,
    roles: doctor ? ['admin', 'doctor'] : ['admin'],
    emailField: 'admin.email',
  });
  await record(ctx, { action: 'setup.completed', actorId: userId, detail: { clinic: input.clinic.name, adminIsDoctor: !!doctor } });
  if (doctor) await addDoctorProfile(ctx, userId, { ...doctor, fullName: admin.fullName, phone: admin.phone }, true, 'doctor.');
  return openSession(ctx, userId, 'clinic');
}
