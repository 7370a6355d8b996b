import { z } from 'zod';
import * as f from '../fields';
import { billSummary, billView } from './billing';
import { alertView, planView, readingView, visitView } from './monitoring';
import { consultationView, recordView } from './records';
import { appointmentView } from './scheduling';
import { channel } from './channel';

// A patient's own data, as one ZIP: medlink-export.json in the shape below (published as JSON Schema in
// resources/export/patient-export.schema.json, made from this one definition), the files it names, and summary.pdf.

/** Where a file sits inside the ZIP, e.g. "records/3-blood-count.pdf". */
const zipPath = z.string().describe('A path inside the ZIP, listed in files');

const historyEntry = z.object({
  at: z.string(),
  /** Who made the change; null for MedLink itself (an expired hold, a job). */
  by: z.string().nullable(),
  /** booked, rescheduled, cancelled, checked_in, completed, no_show, … */
  change: z.string(),
  from: z.unknown().describe('What it was (a time, a status), as MedLink kept it'),
  to: z.unknown().describe('What it became'),
});

export const patientExport = z.object({
  format: z.literal('medlink-patient-export'),
  version: z.literal(1),
  exportedAt: z.string(),
  exportedBy: z.string().describe('Who asked for it: the patient, their account holder, or the front desk'),
  clinic: z.object({ name: z.string(), address: z.string(), timeZone: z.string() }),
  patient: z.object({
    id: z.number(),
    fullName: z.string(),
    latinName: z.string().nullable().describe('The Latin-script spelling printed on documents'),
    email: z.string().nullable(),
    phone: z.string(),
    dateOfBirth: z.string().nullable(),
    birthEstimated: z.boolean().describe('The date of birth was worked out from an age in years'),
    sex: z.string().nullable(),
    addressLine: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string(),
    pinCode: z.string().nullable(),
    bloodGroup: z.string().nullable(),
    allergies: z.string().nullable(),
    medicalHistory: z.string().nullable(),
    chronicConditions: z.string().nullable(),
    currentMedications: z.string().nullable(),
    emergencyContactName: z.string().nullable(),
    emergencyContactPhone: z.string().nullable(),
    preferredLanguage: z.string(),
    accountHolder: z.string().nullable().describe("A family member's account holder, who books for them"),
    relation: z.string().nullable().describe('Who a family member is to their account holder'),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  appointments: z.array(
    appointmentView.pick({ id: true, number: true, doctorName: true, start: true, end: true, mode: true, status: true, reason: true, cancelReason: true, queueNumber: true }).extend({
      bookedAt: z.string(),
      history: z.array(historyEntry).describe('Every change since it was booked, oldest first: reschedules, cancellation, check-in, completion'),
    }),
  ),
  consultations: z.array(
    consultationView.omit({ canEdit: true, patientId: true, patientName: true, items: true }).extend({
      // As written (the contract's item trims and drops an empty instruction on the way in, which JSON Schema cannot say).
      items: z.array(z.object({ medicine: z.string(), strength: z.string(), dose: z.string(), frequency: z.string(), duration: z.string(), instructions: z.string().optional() })),
      prescriptionFile: zipPath.nullable(),
    }),
  ).describe("A doctor's notes and prescription for a visit; the prescription's PDF when it has medicines"),
  records: z
    .array(recordView.extend({ deletedAt: z.string().nullable(), file: zipPath.nullable() }))
    .describe('Uploaded records (those in the trash too, until removed for good); file is null when the stored file is gone or was altered'),
  bills: z.array(
    billSummary.omit({ patientId: true, patientName: true }).extend({
      ...billView.pick({ lines: true, payments: true, creditNote: true }).shape,
      receiptFile: zipPath.nullable(),
      creditNoteFile: zipPath.nullable(),
    }),
  ).describe('Issued (and cancelled) bills with their lines, payments and credit note, amounts in paise; the receipt and credit note PDFs'),
  monitoring: z
    .object({ plans: z.array(planView), readings: z.array(readingView), alerts: z.array(alertView), visits: z.array(visitView) })
    .describe("Monitoring plans (a doctor's targets), the readings entered, the alerts they raised, and the home-care visits logged"),
  auditLog: z
    .array(
      z.object({
        id: z.number(),
        at: z.string(),
        by: z.string().nullable().describe('Who; null when nobody was signed in (MedLink itself)'),
        action: z.string(),
        description: z.string().describe('The action in words (English)'),
      }),
    )
    .describe("Every entry of the clinic's audit log about this patient, newest first: who looked at or changed what, and when"),
  files: z
    .array(z.object({ path: zipPath, mime: z.string(), size: z.number(), sha256: z.string() }))
    .describe('Every file in the ZIP besides this JSON, with its size and SHA-256'),
});
export type PatientExport = z.infer<typeof patientExport>;

export const exportChannels = {
  /**
   * Everything MedLink holds about one patient, as a ZIP: for the patient (and their account holder), or the
   * front desk for them (in the audit log).
   */
  'export.patient': channel({
    input: z.strictObject({ patientId: f.id }),
    output: z.object({ fileName: z.string(), mime: z.literal('application/zip'), base64: z.string() }),
    roles: ['patient', 'front_desk'],
  }),
} as const;
