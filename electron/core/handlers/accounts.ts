import type { ParsedInput } from '../../../shared/contract';
import type { accountChannels } from '../../../shared/contract/accounts';
import { browse, verify } from '../audit/audit.service';
import * as auth from '../auth/auth.service';
import { checkOwnPassword, checkSignIn, hashNewPassword } from '../auth/password-checks';
import { hashPassword, temporaryPassword } from '../auth/passwords';
import { forgotPassword, resetWithCode } from '../auth/password-reset.service';
import { confirmSignup } from '../auth/signup.service';
import * as clinic from '../clinic/clinic.service';
import * as setup from '../clinic/setup.service';
import { requireSession } from '../context';
import * as doctors from '../doctors/doctors.service';
import * as patients from '../patients/patients.service';
import * as staff from '../staff/staff.service';
import type { Deps } from '../context';
import { withPrepared, type HandlersOf } from './index';

/** A one-time password for staff, and its hash, made before the transaction. */
async function newTemporaryPassword(_: unknown, deps: Deps) {
  const password = temporaryPassword();
  return { password, hash: await hashPassword(password, deps.bcryptCost) };
}

export const accountHandlers = {
  'setup.status': (_, ctx) => setup.status(ctx),
  'setup.complete': withPrepared(
    (input: ParsedInput<'setup.complete'>, deps) => hashNewPassword(deps, input.admin.password, 'admin.password'),
    (input, ctx, hash) => setup.complete(ctx, input, hash),
  ),
  'auth.login': withPrepared(
    (input: ParsedInput<'auth.login'>, deps) => checkSignIn(deps, input.email, input.password, input.portal),
    (input, ctx, check) => auth.login(ctx, input, check),
  ),
  'auth.session': async (_, ctx) => requireSession(ctx).user,
  'auth.logout': (_, ctx) => auth.logout(ctx),
  'auth.changePassword': withPrepared(
    async (input: ParsedInput<'auth.changePassword'>, deps, token) => {
      const check = await checkOwnPassword(deps, token, input.currentPassword);
      const same = input.newPassword === input.currentPassword;
      return { check, newHash: check.matches && !same ? await hashNewPassword(deps, input.newPassword, 'newPassword') : null };
    },
    (input, ctx, change) => auth.changePassword(ctx, input, change),
  ),
  'patients.signup': withPrepared(
    (input: ParsedInput<'patients.signup'>, deps) => hashNewPassword(deps, input.password),
    (input, ctx, hash) => patients.signup(ctx, input, hash),
  ),
  'auth.confirmSignup': (input, ctx) => confirmSignup(ctx, input, { patient: patients.createFromSignup, doctor: doctors.createFromSignup }),
  'auth.forgotPassword': (input, ctx) => forgotPassword(ctx, input),
  'auth.resetWithCode': withPrepared(
    (input: ParsedInput<'auth.resetWithCode'>, deps) => hashNewPassword(deps, input.newPassword, 'newPassword'),
    (input, ctx, hash) => resetWithCode(ctx, input, hash),
  ),
  'patients.me': (_, ctx) => patients.me(ctx),
  'patients.updateMe': (input, ctx) => patients.updateMe(ctx, input),
  'patients.search': (input, ctx) => patients.search(ctx, input.query),
  'patients.get': (input, ctx) => patients.get(ctx, input.patientId),
  'doctors.signup': withPrepared(
    (input: ParsedInput<'doctors.signup'>, deps) => hashNewPassword(deps, input.password),
    (input, ctx, hash) => doctors.signup(ctx, input, hash),
  ),
  'doctors.me': (_, ctx) => doctors.me(ctx),
  'doctors.resubmit': (input, ctx) => doctors.resubmit(ctx, input),
  'doctors.directory': (_, ctx) => doctors.directory(ctx),
  'admin.pendingDoctors': (_, ctx) => doctors.pending(ctx),
  'admin.decideDoctor': (input, ctx) => doctors.decide(ctx, input),
  'admin.listStaff': (_, ctx) => staff.list(ctx),
  'admin.createStaff': withPrepared(newTemporaryPassword, (input: ParsedInput<'admin.createStaff'>, ctx, temp) => staff.create(ctx, input, temp)),
  'admin.resetPassword': withPrepared(newTemporaryPassword, (input: ParsedInput<'admin.resetPassword'>, ctx, temp) => auth.resetPassword(ctx, input, temp)),
  'admin.unlockAccount': (input, ctx) => auth.unlock(ctx, input.email),
  'admin.auditLog': (input, ctx) =>
    browse(ctx, {
      action: input.action,
      actorEmail: input.actorEmail,
      patientId: input.patientId,
      fromIso: input.from ? `${input.from}T00:00:00.000Z` : undefined,
      toIso: input.to ? new Date(Date.parse(`${input.to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
      beforeId: input.beforeId,
    }),
  'admin.verifyAudit': (_, ctx) => verify(ctx.db, ctx.deps.audit, ctx.deps.keyring.auditKey()),
  'settings.get': async (_, ctx) => (await clinic.clinicSettings(ctx))!,
  'settings.update': (input, ctx) => clinic.updateSettings(ctx, input),
} satisfies HandlersOf<keyof typeof accountChannels>;
