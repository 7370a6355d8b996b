import { z } from 'zod';
import * as f from '../fields';
import { SEXES, SPECIALITIES } from '../specialities';
import { patientView } from './accounts';
import { channel } from './channel';
import { APPOINTMENT_STATUSES, MODES } from './scheduling';

// The front desk: walk-in patients, linking a walk-in to the account they later make, and the day board.

const boardAppointment = z.object({
  id: z.number(),
  /** The booking number (see the appointment view). */
  number: z.number(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(MODES),
  status: z.enum(APPOINTMENT_STATUSES),
  reason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  patientId: z.number(),
  patientName: z.string(),
  /** False for a walk-in without a login. */
  patientHasAccount: z.boolean(),
  /** A family member's account holder: their contact. */
  contactName: z.string().nullable(),
  /** The patient's phone (a family member's is their holder's). */
  phone: z.string(),
  seriesId: z.number().nullable(),
  /** What the patient types at the kiosk on the day (a booked visit in person), for the slip the desk prints. */
  checkInCode: z.string().nullable(),
  /** When the patient was checked in, if they were, and their place in the doctor's queue. */
  checkedInAt: z.string().nullable(),
  queueNumber: z.number().nullable(),
  /** What the desk may do now (the server checks again when it is done). */
  canCheckIn: z.boolean(),
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
});
export type BoardAppointment = z.infer<typeof boardAppointment>;

const boardDoctor = z.object({
  id: z.number(),
  fullName: z.string(),
  speciality: z.enum(SPECIALITIES),
  specialityOther: z.string().optional(),
  /** False for a doctor who no longer takes appointments but still has some on this day. */
  practising: z.boolean(),
  appointments: z.array(boardAppointment),
});
export type BoardDoctor = z.infer<typeof boardDoctor>;

const waiting = z.object({
  appointmentId: z.number(),
  patientId: z.number(),
  patientName: z.string(),
  doctorId: z.number(),
  doctorName: z.string(),
  start: z.string(),
  checkedInAt: z.string().nullable(),
  queueNumber: z.number().nullable(),
});
export type WaitingPatient = z.infer<typeof waiting>;

export const deskChannels = {
  'patients.registerWalkIn': channel({
    input: z
      .strictObject({
        fullName: f.name,
        phone: f.phone,
        email: f.email.optional(),
        /** The clinic's state when not given. */
        state: f.state.optional(),
        /** Optional: the date of birth or, when it is not known, an age in years; and sex. */
        dateOfBirth: f.isoDate.optional(),
        ageYears: f.ageYears.optional(),
        sex: z.enum(SEXES, { error: 'sex_required' }).optional(),
      })
      .refine(f.birthKnown, { path: ['ageYears'], message: 'birth_both' }),
    output: patientView,
    roles: ['front_desk'],
  }),
  'patients.linkAccount': channel({
    input: z.strictObject({
      walkInPatientId: f.id,
      accountPatientId: f.id,
      /** The desk confirms it has seen who the person is (a photo ID, or the phone and email they signed up with). */
      identityChecked: z.literal(true, { error: 'identity_unchecked' }),
    }),
    output: z.object({ patient: patientView, movedAppointments: z.number() }),
    roles: ['front_desk'],
  }),
  'desk.board': channel({
    input: z.strictObject({ date: f.isoDate }),
    output: z.object({
      /** The clinic-local day shown, and today's in the clinic's zone. */
      date: z.string(),
      today: z.string(),
      doctors: z.array(boardDoctor),
      /** Checked in and not yet seen, in the order of their appointments. */
      waiting: z.array(waiting),
    }),
    roles: ['front_desk'],
  }),
} as const;
