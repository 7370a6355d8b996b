import { z } from 'zod';
import * as f from '../fields';
import { SPECIALITIES } from '../specialities';
import { channel, none } from './channel';
import { invitationCode } from './invitation-code';
import { MODES } from './scheduling';

// The administrator's hold on the clinic's doctors: inviting one to sign up, suspending and reinstating one,
// and the appointments a suspension leaves for the front desk to re-arrange.

export const INVITATION_DAYS = 14;
export const INVITATION_STATUSES = ['open', 'used', 'expired'] as const;

const invitation = z.object({
  email: z.string(),
  fullName: z.string().nullable(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(INVITATION_STATUSES),
});
export type InvitationView = z.infer<typeof invitation>;

const doctorEntry = z.object({
  id: z.number(),
  fullName: z.string(),
  email: z.string(),
  speciality: z.enum(SPECIALITIES),
  specialityOther: z.string().optional(),
  suspendedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  /** Booked appointments still to come. */
  upcoming: z.number(),
});
export type AdminDoctorEntry = z.infer<typeof doctorEntry>;

const toRearrange = z.object({
  appointmentId: z.number(),
  doctorId: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  patientPhone: z.string(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(MODES),
});
export type AppointmentToRearrange = z.infer<typeof toRearrange>;

const reason = z.string({ error: 'reason_required' }).trim().min(5, 'reason_required').max(1000, 'too_long');

export const doctorAdminChannels = {
  /** The code is in this answer and in the email, and nowhere else: only its hash is kept. */
  'admin.inviteDoctor': channel({
    input: z.strictObject({ email: f.email, fullName: f.name.optional() }),
    output: z.object({ email: z.string(), fullName: z.string().nullable(), code: z.string(), expiresAt: z.string() }),
    roles: ['admin'],
  }),
  'admin.invitations': channel({ input: none, output: z.array(invitation), roles: ['admin'] }),
  /** Who an open invitation is for, to fill in the doctor sign-up. */
  'doctors.invitation': channel({
    input: z.strictObject({ code: invitationCode }),
    output: z.object({ email: z.string(), fullName: z.string().nullable(), expiresAt: z.string() }),
    roles: 'public',
  }),
  /** Verified doctors, suspended or not. */
  'admin.listDoctors': channel({ input: none, output: z.array(doctorEntry), roles: ['admin'] }),
  'admin.suspendDoctor': channel({ input: z.strictObject({ doctorId: f.id, reason }), output: doctorEntry, roles: ['admin'] }),
  'admin.reinstateDoctor': channel({ input: z.strictObject({ doctorId: f.id }), output: doctorEntry, roles: ['admin'] }),
  /** Suspended doctors' booked appointments still to come: each patient shown is recorded in the audit log. */
  'admin.suspendedAppointments': channel({ input: none, output: z.array(toRearrange), roles: ['admin', 'front_desk'] }),
} as const;
