import type { accountChannels } from '../../../shared/contract/accounts';
import { browse, verify } from '../audit/audit.service';
import * as auth from '../auth/auth.service';
import * as clinic from '../clinic/clinic.service';
import * as setup from '../clinic/setup.service';
import { requireSession } from '../context';
import * as doctors from '../doctors/doctors.service';
import * as patients from '../patients/patients.service';
import * as staff from '../staff/staff.service';
import type { HandlersOf } from './index';

export const accountHandlers = {
  'setup.status': (_, ctx) => setup.status(ctx),
  'setup.complete': (input, ctx) => setup.complete(ctx, input),
  'auth.login': (input, ctx) => auth.login(ctx, input),
  'auth.session': (_, ctx) => auth.sessionUser(ctx, requireSession(ctx).userId),
  'auth.logout': (_, ctx) => auth.logout(ctx),
  'auth.changePassword': (input, ctx) => auth.changePassword(ctx, input),
  'patients.signup': (input, ctx) => patients.signup(ctx, input),
  'patients.me': (_, ctx) => patients.me(ctx),
  'patients.updateMe': (input, ctx) => patients.updateMe(ctx, input),
  'patients.search': (input, ctx) => patients.search(ctx, input.query),
  'patients.get': (input, ctx) => patients.get(ctx, input.patientId),
  'doctors.signup': (input, ctx) => doctors.signup(ctx, input),
  'doctors.me': (_, ctx) => doctors.me(ctx),
  'doctors.resubmit': (input, ctx) => doctors.resubmit(ctx, input),
  'doctors.directory': (_, ctx) => doctors.directory(ctx),
  'admin.pendingDoctors': (_, ctx) => doctors.pending(ctx),
  'admin.decideDoctor': (input, ctx) => doctors.decide(ctx, input),
  'admin.listStaff': (_, ctx) => staff.list(ctx),
  'admin.createStaff': (input, ctx) => staff.create(ctx, input),
  'admin.resetPassword': (input, ctx) => auth.resetPassword(ctx, input),
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
