import { z } from 'zod';
import * as f from '../fields';
import { SPECIALITIES } from '../specialities';
import { paise } from './billing';
import { channel } from './channel';
import { MODES } from './scheduling';

// Finding a verified doctor, and a doctor's public profile.

export const SEARCH_SORTS = ['relevance', 'next_slot', 'experience'] as const;

const nextSlot = z.object({ start: z.string(), date: z.string(), time: z.string(), modes: z.array(z.enum(MODES)) });

const result = z.object({
  id: z.number(),
  fullName: z.string(),
  hasPhoto: z.boolean(),
  speciality: z.enum(SPECIALITIES),
  specialityOther: z.string().optional(),
  qualifications: z.array(z.object({ degree: z.string(), institution: z.string(), year: z.number() })),
  hospital: z.string(),
  experienceYears: z.number(),
  languages: z.array(z.string()),
  modes: z.array(z.enum(MODES)),
  /** Null when the doctor has no free slot within their booking horizon. */
  nextSlot: nextSlot.nullable(),
  /** The consultation fee in paise for each kind of visit (the doctor's own, else the clinic's default). */
  fees: z.object({ in_person: z.number(), online: z.number() }),
});
export type SearchResult = z.infer<typeof result>;

const profile = result.extend({
  registrationNumber: z.string(),
  registrationCouncil: z.string(),
  bio: z.string().optional(),
  clinicAddress: z.string(),
  /** Shown only when the doctor chose to show them. */
  email: z.string().optional(),
  phone: z.string().optional(),
  /** Data URL of the photo, when there is one. */
  photo: z.string().optional(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), date: z.string(), time: z.string(), modes: z.array(z.enum(MODES)) })),
});
export type DoctorProfile = z.infer<typeof profile>;

export const searchChannels = {
  'doctors.search': channel({
    input: z.strictObject({
      /** Name, speciality, hospital or qualification; a word of four or more letters may have one letter wrong, missing or extra. */
      text: z.string().trim().max(100, 'too_long').optional(),
      speciality: z.enum(SPECIALITIES, { error: 'speciality_required' }).optional(),
      mode: z.enum(MODES, { error: 'mode_invalid' }).optional(),
      language: z.string().trim().max(40, 'too_long').optional(),
      availableOn: f.isoDate.optional(),
      /** Doctors whose consultation fee (for the mode asked, else their cheaper mode) is at most this, in paise. */
      maxFee: paise.optional(),
      sort: z.enum(SEARCH_SORTS).default('relevance'),
    }),
    output: z.array(result),
    roles: ['patient', 'front_desk', 'doctor', 'admin'],
  }),
  'doctors.profile': channel({
    input: z.strictObject({ doctorId: f.id }),
    output: profile,
    roles: ['patient', 'front_desk', 'doctor', 'admin'],
  }),
} as const;
