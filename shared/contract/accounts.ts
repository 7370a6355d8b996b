import { z } from 'zod';
import * as f from '../fields';
import { PORTALS, ROLES } from '../roles';
import { DOCUMENT_KINDS, MAX_UPLOAD_LIMIT_MB, STORED_TYPES } from '../records';
import { RELATIONS, SPECIALITIES } from '../specialities';
import { channel, none, ok } from './channel';
import { invitationCode } from './invitation-code';

// Accounts, sign-in, patients' and doctors' profiles, verification, staff, audit log, clinic settings.

const sessionUser = z.object({
  id: z.number(),
  fullName: z.string(),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
  mustChangePassword: z.boolean(),
  language: z.string(),
});
export type SessionUser = z.infer<typeof sessionUser>;

const loginResult = z.object({
  token: z.string(),
  user: sessionUser,
  /** Minutes of inactivity after which the screen locks itself; the server enforces the same limit. */
  idleMinutes: z.number(),
});
export type LoginResult = z.infer<typeof loginResult>;

/** A code was mailed to the address (the same answer whether or not it has an account): a sign-up, a forgotten password. */
const codeSent = z.object({ email: z.string(), expiresAt: z.string() });
export type CodeSent = z.infer<typeof codeSent>;
const mailedCode = z.string({ error: 'code_required' }).trim().min(1, 'code_required').regex(/^\d{6}$/, 'code_wrong');

/**
 * A patient's record as the screens show it. A walk-in registered at the front desk may have given only a
 * name and a phone number, so what they did not give (email, date of birth, sex, address) is absent.
 */
export const patientView = f.patientProfile.extend({
  id: z.number(),
  hasAccount: z.boolean(),
  email: z.string().optional(),
  dateOfBirth: z.string().optional(),
  sex: f.patientProfile.shape.sex.optional(),
  address: z.object({ line: z.string().optional(), city: z.string().optional(), state: f.state, pinCode: z.string().optional() }),
  /** The date of birth was worked out from an age in years given at registration. */
  dateOfBirthEstimated: z.boolean().optional(),
  /** A family member on another patient's account: who they are to the holder, and the holder (their contact). */
  relation: z.enum(RELATIONS).optional(),
  holder: z.object({ id: z.number(), fullName: z.string(), phone: z.string(), email: z.string().nullable() }).optional(),
});
export type PatientView = z.infer<typeof patientView>;

const patientSummary = z.object({
  id: z.number(), fullName: z.string(), phone: z.string(), email: z.string().nullable(), dateOfBirth: z.string().nullable(),
  /** False for a walk-in registered at the front desk who has not signed up (or whose sign-up is not yet linked). */
  hasAccount: z.boolean(),
  /** A family member's holder, whose account books for them. */
  holderName: z.string().nullable(),
});

export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;

/** A credential document attached to a doctor's verification request. */
export const doctorDocument = z.object({
  id: z.number(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  mime: z.enum(STORED_TYPES),
  size: z.number(),
  fileName: z.string(),
  uploadedAt: z.string(),
});
export type DoctorDocument = z.infer<typeof doctorDocument>;

const doctorView = z.object({
  id: z.number(),
  email: z.string(),
  fullName: z.string(),
  phone: z.string(),
  education: z.array(z.object({ degree: z.string(), institution: z.string(), year: z.number() })),
  speciality: z.enum(SPECIALITIES),
  specialityOther: z.string().optional(),
  registrationNumber: z.string(),
  registrationCouncil: z.string(),
  hospital: z.string(),
  experienceYears: z.number(),
  languages: z.array(z.string()),
  bio: z.string().optional(),
  status: z.enum(VERIFICATION_STATUSES),
  decisionReason: z.string().optional(),
  submittedAt: z.string(),
  decidedAt: z.string().optional(),
  /** Set while a doctor verified before waits for changed credentials to be checked: when they were verified. */
  verifiedBefore: z.string().optional(),
  documents: z.array(doctorDocument),
});
export type DoctorView = z.infer<typeof doctorView>;

const directoryEntry = doctorView.pick({
  id: true, fullName: true, speciality: true, specialityOther: true, education: true, hospital: true,
  experienceYears: true, languages: true, bio: true,
});
export type DirectoryEntry = z.infer<typeof directoryEntry>;

const clinicSettings = f.clinic.safeExtend({
  sessionIdleMinutes: z.number({ error: 'idle_invalid' }).int('idle_invalid').min(1, 'idle_invalid').max(240, 'idle_invalid'),
  /** Until how long before a visit a patient may change or cancel it themselves. */
  cancelCutoffMinutes: z.number({ error: 'cutoff_invalid' }).int('cutoff_invalid').min(0, 'cutoff_invalid').max(2880, 'cutoff_invalid'),
  /** How long before a visit the reminder email goes out. */
  reminderHours: z.number({ error: 'reminder_invalid' }).int('reminder_invalid').min(1, 'reminder_invalid').max(168, 'reminder_invalid'),
  /** How long before a visit a patient may be checked in. */
  checkInOpensMinutes: z.number({ error: 'check_in_invalid' }).int('check_in_invalid').min(0, 'check_in_invalid').max(720, 'check_in_invalid'),
  /** The largest file a patient or doctor may upload, in MB. */
  uploadLimitMb: z.number({ error: 'upload_limit_invalid' }).int('upload_limit_invalid').min(1, 'upload_limit_invalid').max(MAX_UPLOAD_LIMIT_MB, 'upload_limit_invalid'),
  /** The number the health assistant tells a patient with a red flag to call (112, India's emergency number, unless set). */
  emergencyNumber: z.string({ error: 'emergency_number_invalid' }).trim().regex(/^\d{3,15}$/, 'emergency_number_invalid'),
  /** Seconds without a touch before a kiosk clears itself for the next patient. */
  kioskIdleSeconds: z.number({ error: 'kiosk_idle_invalid' }).int('kiosk_idle_invalid').min(30, 'kiosk_idle_invalid').max(600, 'kiosk_idle_invalid'),
  /** How long a time offered to someone on a waitlist is held for them before it goes to the next. */
  waitlistHoldMinutes: z.number({ error: 'hold_invalid' }).int('hold_invalid').min(5, 'hold_invalid').max(1440, 'hold_invalid'),
});
export type ClinicSettings = z.infer<typeof clinicSettings>;

const staffMember = z.object({ id: z.number(), fullName: z.string(), email: z.string(), phone: z.string(), createdAt: z.string() });

export const AUDIT_ACTIONS = [
  'setup.completed', 'auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout', 'auth.password_changed',
  'auth.password_reset', 'patient.signup', 'patient.profile_updated', 'patient.viewed', 'patient.searched',
  'doctor.signup', 'doctor.resubmitted', 'doctor.approved', 'doctor.rejected', 'doctor.self_verified',
  'staff.created', 'settings.updated', 'appointment.booked', 'appointment.rescheduled', 'appointment.cancelled',
  'appointment.schedule_viewed', 'appointment.history_viewed', 'patient.registered', 'patient.account_linked',
  'appointment.board_viewed', 'doctor.invited', 'doctor.suspended', 'doctor.reinstated', 'doctor.profile_updated',
  'appointment.rearrange_viewed', 'seat.enrolled', 'clinic_key.shown', 'appointment.checked_in', 'appointment.completed',
  'appointment.no_show', 'auth.unlocked', 'auth.signup_requested', 'auth.reset_requested', 'auth.password_reset_by_code', 'availability.hours_saved', 'availability.exception_set', 'availability.exception_removed',
  'availability.time_blocked', 'availability.time_unblocked', 'holiday.set', 'holiday.removed',
  'file.altered', 'record.uploaded', 'record.deleted', 'record.restored', 'record.purged', 'record.shared', 'record.unshared', 'record.opened',
  'records.viewed', 'records.patients_listed', 'records.emergency_access', 'consultation.viewed', 'consultation.saved', 'consultation.family_viewed', 'prescription.printed',
  'doctor.credentials_changed', 'doctor.document_added', 'doctor.document_removed', 'doctor.document_viewed',
  'google.connected', 'google.disconnected', 'google.broken', 'video.link_replaced',
  'alert.viewed', 'alert.handled', 'kiosk.checked_in', 'kiosk.check_in_refused', 'kiosk.configured', 'kiosk.left',
  'patient.family_added', 'patient.invited', 'patient.record_taken_over',
  'appointment.series_viewed', 'appointment.day_list_printed', 'appointment.slip_printed', 'appointment.schedule_printed',
  'waitlist.joined', 'waitlist.left', 'waitlist.viewed', 'waitlist.offered', 'waitlist.offer_taken', 'waitlist.offer_declined', 'waitlist.offer_expired',
  'bill.viewed', 'bill.list_viewed', 'bill.issued', 'bill.paid', 'bill.credit_note_issued', 'bill.document_viewed', 'bill.exported',
  'service_order.placed', 'service_order.confirmed', 'service_order.done', 'service_order.cancelled', 'service_order.list_viewed',
  'health_service.saved',
  'reading.added', 'readings.viewed', 'readings.imported', 'monitoring.enrolled', 'monitoring.alert_acknowledged', 'monitoring.visit_logged',
  'monitoring.summary_printed',
  'backup.made', 'backup.failed', 'backup.restored',
  'patient.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  patientId: z.number().nullable(),
  patientName: z.string().nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditProblem = z.object({ id: z.number().nullable(), problem: z.enum(['edited', 'missing', 'tail_missing', 'head_mismatch', 'head_unsealed']) });

const newPassword = z.strictObject({ currentPassword: z.string().max(200, 'too_long'), newPassword: f.password });
const temporaryPassword = z.object({ temporaryPassword: z.string() });

export const accountChannels = {
  'setup.status': channel({
    input: none,
    output: z.object({
      needsSetup: z.boolean(),
      clinicName: z.string().nullable(),
      timeZone: z.string().nullable(),
      /** False until an administrator enrols this computer with the clinic's recovery code. */
      enrolled: z.boolean(),
      /** How to reach the clinic, shown at the foot of every window (public, like the clinic's name). */
      contact: z.object({ address: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
    }),
    roles: 'public',
  }),
  'setup.complete': channel({
    input: z.strictObject({
      clinic: f.clinic,
      admin: z.strictObject({ fullName: f.name, email: f.email, phone: f.phone, password: f.password }),
      /** A solo practice: the administrator is also the clinic's doctor. */
      doctor: f.doctorCredentials.optional(),
    }),
    output: loginResult,
    roles: 'public',
  }),
  'auth.login': channel({
    input: z.strictObject({
      email: z.string({ error: 'email_required' }).trim().toLowerCase().min(1, 'email_required').max(254, 'too_long'),
      password: z.string({ error: 'password_required' }).min(1, 'password_required').max(200, 'too_long'),
      portal: z.enum(PORTALS),
    }),
    output: loginResult,
    roles: 'public',
  }),
  'auth.session': channel({ input: none, output: sessionUser, roles: 'any' }),
  'auth.logout': channel({ input: none, output: ok, roles: 'any' }),
  'auth.changePassword': channel({ input: newPassword, output: sessionUser, roles: 'any' }),
  'patients.signup': channel({
    input: z.strictObject({
      profile: f.patientProfile,
      password: f.password,
      /** Mailed to a grown-up family member: the sign-up takes over the record the family kept for them. */
      invitationCode: invitationCode.optional(),
    }),
    output: codeSent,
    roles: 'public',
  }),
  'auth.confirmSignup': channel({
    input: z.strictObject({
      email: f.email,
      code: mailedCode,
      portal: z.enum(PORTALS),
    }),
    output: loginResult,
    roles: 'public',
  }),
  'auth.forgotPassword': channel({ input: z.strictObject({ email: f.email, portal: z.enum(PORTALS) }), output: codeSent, roles: 'public' }),
  'auth.resetWithCode': channel({
    input: z.strictObject({ email: f.email, code: mailedCode, newPassword: f.password, portal: z.enum(PORTALS) }),
    output: loginResult,
    roles: 'public',
  }),
  'patients.me': channel({ input: none, output: patientView, roles: ['patient'] }),
  'patients.updateMe': channel({ input: f.patientProfile, output: patientView, roles: ['patient'] }),
  'patients.search': channel({
    input: z.strictObject({ query: z.string({ error: 'query_required' }).trim().min(2, 'query_short').max(100, 'too_long') }),
    output: z.array(patientSummary),
    roles: ['front_desk'],
  }),
  'patients.get': channel({ input: z.strictObject({ patientId: f.id }), output: patientView, roles: ['patient', 'front_desk'] }),
  'doctors.signup': channel({
    input: z.strictObject({
      email: f.email, password: f.password, credentials: f.doctorCredentials,
      /** From the administrator's invitation, when the doctor has one: checked, and the invitation marked used. */
      invitationCode: invitationCode.optional(),
    }),
    output: codeSent,
    roles: 'public',
  }),
  'doctors.me': channel({ input: none, output: doctorView, roles: ['doctor'] }),
  /**
   * A doctor's credentials: a pending or refused application corrected, or a verified doctor's changed. A change of
   * education, registration or speciality sends a verified doctor back to the queue (their appointments stay).
   */
  'doctors.resubmit': channel({ input: f.doctorCredentials, output: doctorView, roles: ['doctor'] }),
  'doctors.directory': channel({ input: none, output: z.array(directoryEntry), roles: ['patient', 'front_desk', 'doctor', 'admin'] }),
  'admin.pendingDoctors': channel({ input: none, output: z.array(doctorView), roles: ['admin'] }),
  'admin.decideDoctor': channel({
    input: z.discriminatedUnion('decision', [
      z.strictObject({ doctorId: f.id, decision: z.literal('approve') }),
      z.strictObject({ doctorId: f.id, decision: z.literal('reject'), reason: z.string({ error: 'reason_required' }).trim().min(5, 'reason_required').max(1000, 'too_long') }),
    ], { error: 'decision_required' }),
    output: doctorView,
    roles: ['admin'],
  }),
  'admin.listStaff': channel({ input: none, output: z.array(staffMember), roles: ['admin'] }),
  'admin.createStaff': channel({
    input: z.strictObject({ fullName: f.name, email: f.email, phone: f.phone }),
    output: staffMember.extend(temporaryPassword.shape),
    roles: ['admin'],
  }),
  'admin.resetPassword': channel({ input: z.strictObject({ email: f.email }), output: temporaryPassword, roles: ['admin'] }),
  'admin.unlockAccount': channel({ input: z.strictObject({ email: f.email }), output: ok, roles: ['admin'] }),
  'admin.auditLog': channel({
    input: z.strictObject({
      action: z.enum(AUDIT_ACTIONS).optional(),
      actorEmail: z.string().trim().max(254, 'too_long').optional(),
      patientId: f.id.optional(),
      from: f.isoDate.optional(),
      to: f.isoDate.optional(),
      beforeId: f.id.optional(),
    }),
    /** `refs`: the names behind the ids in the entries' details, keyed `user:5`, `doctor:2`, `patient:9`, `appointment:15` (its booking number). */
    output: z.object({ entries: z.array(auditEntry), more: z.boolean(), refs: z.record(z.string(), z.string()) }),
    roles: ['admin'],
  }),
  'admin.verifyAudit': channel({
    input: none,
    /** `intact`: nothing wrong up to `anchoredUpTo` (the sealed head); `unanchored` rows after it cannot be proved complete. */
    output: z.object({ intact: z.boolean(), rows: z.number(), anchoredUpTo: z.number().nullable(), unanchored: z.number(), problems: z.array(auditProblem) }),
    roles: ['admin'],
  }),
  'settings.get': channel({ input: none, output: clinicSettings, roles: ['admin'] }),
  'settings.update': channel({ input: clinicSettings.strict(), output: clinicSettings, roles: ['admin'] }),
} as const;
