import { z } from 'zod';
import * as f from '../fields';
import { RECORD_CATEGORIES, STORED_TYPES } from '../records';
import { channel, none, ok } from './channel';
import { uploadId } from './uploads';

// A patient's medical records: uploaded, filtered, previewed, shared with doctors, deleted into a trash; who
// opened them; a doctor's view of the patients they may see, and emergency access to anyone else's.

const title = z.string({ error: 'title_required' }).trim().min(1, 'title_required').max(150, 'too_long');
const category = z.enum(RECORD_CATEGORIES, { error: 'category_required' });
const recordId = z.strictObject({ recordId: f.id });

export const recordView = z.object({
  id: z.number(),
  title: z.string(),
  category,
  recordDate: z.string(),
  mime: z.enum(STORED_TYPES),
  size: z.number(),
  /** As the patient's computer named it. */
  fileName: z.string(),
  createdAt: z.string(),
  /** The doctors it is shared with (shown to the patient only; empty for anyone else). */
  sharedWith: z.array(z.object({ doctorId: z.number(), doctorName: z.string() })),
});
export type RecordView = z.infer<typeof recordView>;

const trashedRecord = recordView.pick({ id: true, title: true, category: true, recordDate: true }).extend({
  deletedAt: z.string(),
  /** When it is removed for good. */
  removedAt: z.string(),
});
export type TrashedRecord = z.infer<typeof trashedRecord>;

/** A file's bytes for a preview or a saved copy; its type was told by its content when it was kept. */
export const fileContent = z.object({ mime: z.enum(STORED_TYPES), base64: z.string(), fileName: z.string() });
export type FileContent = z.infer<typeof fileContent>;

/** Why a doctor may see a patient's records: an appointment, records shared with them, or emergency access. */
export const ACCESS_VIA = ['appointment', 'shared', 'emergency'] as const;
export type AccessVia = (typeof ACCESS_VIA)[number];

/** What a record access in the audit log was, as the patient's access list names it. */
export const RECORD_ACCESS_ACTIONS = ['patient.viewed', 'records.viewed', 'record.opened', 'records.emergency_access', 'consultation.viewed', 'patient.exported'] as const;

const accessEntry = z.object({
  /** The audit log row it comes from. */
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  /** The role in which they could see it. */
  actorRole: z.enum(['doctor', 'front_desk']),
  action: z.enum(RECORD_ACCESS_ACTIONS),
  /** Opened under emergency access. */
  emergency: z.boolean(),
});
export type AccessEntry = z.infer<typeof accessEntry>;

export const prescriptionItem = z.strictObject({
  medicine: z.string({ error: 'medicine_required' }).trim().min(1, 'medicine_required').max(150, 'too_long'),
  strength: z.string({ error: 'strength_required' }).trim().min(1, 'strength_required').max(60, 'too_long'),
  dose: z.string({ error: 'dose_required' }).trim().min(1, 'dose_required').max(60, 'too_long'),
  frequency: z.string({ error: 'frequency_required' }).trim().min(1, 'frequency_required').max(80, 'too_long'),
  duration: z.string({ error: 'duration_required' }).trim().min(1, 'duration_required').max(60, 'too_long'),
  instructions: z.string({ error: 'invalid' }).trim().max(300, 'too_long').optional().transform((v) => (v ? v : undefined)),
});
export type PrescriptionItem = z.output<typeof prescriptionItem>;

export const consultationView = z.object({
  appointmentId: z.number(),
  appointmentNumber: z.number(),
  start: z.string(),
  doctorId: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  notes: z.string(),
  items: z.array(prescriptionItem),
  /** Null until the doctor first saves. */
  updatedAt: z.string().nullable(),
  /** The appointment's doctor, once it has begun. */
  canEdit: z.boolean(),
});
export type ConsultationView = z.infer<typeof consultationView>;

const patientSummary = z.object({
  id: z.number(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  sex: z.string().nullable(),
  bloodGroup: z.string().nullable(),
  allergies: z.string().nullable(),
  chronicConditions: z.string().nullable(),
  currentMedications: z.string().nullable(),
});

const myPatient = z.object({
  patientId: z.number(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  via: z.enum(ACCESS_VIA),
  /** The latest appointment with this doctor that has begun, and the next one to come. */
  lastVisit: z.string().nullable(),
  nextVisit: z.string().nullable(),
});
export type MyPatient = z.infer<typeof myPatient>;

export const emergencyGrant = z.object({
  id: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
});

export const recordChannels = {
  /** Keeps a finished upload as the patient's record, typed by its content; optionally shared at once. */
  'records.add': channel({
    input: z.strictObject({
      uploadId,
      title,
      category,
      recordDate: f.isoDate,
      shareWith: z.array(f.id, { error: 'invalid' }).max(20, 'too_many').default([]),
    }),
    output: recordView,
    roles: ['patient'],
  }),
  'records.mine': channel({
    input: z.strictObject({ category: category.optional(), from: f.isoDate.optional(), to: f.isoDate.optional(), doctorId: f.id.optional() }),
    output: z.array(recordView),
    roles: ['patient'],
  }),
  'records.trash': channel({ input: none, output: z.array(trashedRecord), roles: ['patient'] }),
  'records.delete': channel({ input: recordId, output: ok, roles: ['patient'] }),
  'records.restore': channel({ input: recordId, output: recordView, roles: ['patient'] }),
  'records.share': channel({ input: z.strictObject({ recordId: f.id, doctorId: f.id }), output: recordView, roles: ['patient'] }),
  'records.unshare': channel({ input: z.strictObject({ recordId: f.id, doctorId: f.id }), output: recordView, roles: ['patient'] }),
  /** The record's file: the patient's own, or a doctor's who may see it (each time in the audit log). */
  'records.file': channel({ input: recordId, output: fileContent, roles: ['patient', 'doctor'] }),
  /** Who opened the patient's records and when, from the audit log. */
  'records.accessLog': channel({ input: none, output: z.array(accessEntry), roles: ['patient'] }),

  'records.myPatients': channel({ input: none, output: z.array(myPatient), roles: ['doctor'] }),
  /** One patient as a doctor may see them: profile, records, consultations; refused without a relationship or emergency access. */
  'records.patientChart': channel({
    input: z.strictObject({ patientId: f.id }),
    output: z.object({
      patient: patientSummary,
      via: z.enum(ACCESS_VIA),
      /** When emergency access ends. */
      until: z.string().nullable(),
      records: z.array(recordView),
      consultations: z.array(consultationView),
    }),
    roles: ['doctor'],
  }),
  /** For emergency access: a patient found by their exact mobile number. */
  'records.findPatient': channel({
    input: z.strictObject({ phone: f.phone }),
    output: z.array(z.object({ patientId: z.number(), fullName: z.string(), dateOfBirth: z.string().nullable() })),
    roles: ['doctor'],
  }),
  'records.emergencyAccess': channel({
    input: z.strictObject({
      patientId: f.id,
      reason: z.string({ error: 'reason_required' }).trim().min(10, 'emergency_reason_short').max(1000, 'too_long'),
    }),
    output: z.object({ until: z.string() }),
    roles: ['doctor'],
  }),
  'admin.emergencyAccesses': channel({ input: none, output: z.array(emergencyGrant), roles: ['admin'] }),

  'consultations.get': channel({ input: z.strictObject({ appointmentId: f.id }), output: consultationView, roles: ['doctor', 'patient'] }),
  'consultations.save': channel({
    input: z.strictObject({
      appointmentId: f.id,
      notes: z.string({ error: 'notes_required' }).trim().min(1, 'notes_required').max(20_000, 'too_long'),
      items: z.array(prescriptionItem, { error: 'invalid' }).max(30, 'too_many'),
    }),
    output: consultationView,
    roles: ['doctor'],
  }),
  /** The patient's consultations with notes or a prescription, newest first. */
  'consultations.mine': channel({ input: none, output: z.array(consultationView), roles: ['patient'] }),
  /** The prescription as a PDF, for the appointment's patient and doctor. */
  'prescriptions.pdf': channel({ input: z.strictObject({ appointmentId: f.id }), output: fileContent, roles: ['doctor', 'patient'] }),
} as const;
