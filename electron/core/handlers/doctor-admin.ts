import type { doctorAdminChannels } from '../../../shared/contract/doctor-admin';
import type { doctorProfileChannels } from '../../../shared/contract/doctor-profile';
import * as profile from '../doctors/doctor-profile.service';
import * as documents from '../doctors/documents.service';
import * as invitations from '../doctors/invitations.service';
import * as suspension from '../doctors/suspension.service';
import { takeUpload } from '../uploads/uploads.service';
import { withPrepared, type HandlersOf } from './index';

export const doctorAdminHandlers = {
  'doctors.myProfile': (_, ctx) => profile.myProfile(ctx),
  'doctors.updateProfile': (input, ctx) => profile.updateProfile(ctx, input),
  'doctors.uploadPhoto': (input, ctx) => profile.uploadPhoto(ctx, input),
  'doctors.removePhoto': (_, ctx) => profile.removePhoto(ctx),
  'doctors.addDocument': withPrepared(
    (input, deps, token) => takeUpload(deps, token, input.uploadId, 'credential'),
    (input, ctx, taken) => documents.add(ctx, input, taken),
  ),
  'doctors.removeDocument': (input, ctx) => documents.remove(ctx, input.documentId),
  'doctors.document': (input, ctx) => documents.open(ctx, input.documentId),
  'admin.inviteDoctor': (input, ctx) => invitations.invite(ctx, input),
  'admin.invitations': (_, ctx) => invitations.list(ctx),
  'doctors.invitation': (input, ctx) => invitations.lookup(ctx, input.code),
  'admin.listDoctors': (_, ctx) => suspension.doctors(ctx),
  'admin.suspendDoctor': (input, ctx) => suspension.suspend(ctx, input),
  'admin.reinstateDoctor': (input, ctx) => suspension.reinstate(ctx, input.doctorId),
  'admin.suspendedAppointments': (_, ctx) => suspension.appointmentsToRearrange(ctx),
} satisfies HandlersOf<keyof typeof doctorAdminChannels | keyof typeof doctorProfileChannels>;
