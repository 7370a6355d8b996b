import { z } from 'zod';
import * as f from '../fields';
import { RELATIONS, SEXES } from '../specialities';
import { patientView } from './accounts';
import { channel } from './channel';

// Family members on a patient's account (dependants): each a patient record of its own, booked for and mailed
// through the holder's account; a grown-up dependant is invited to take their record over.

const profile = f.patientProfile.shape;
const dependantShape = {
  fullName: f.name,
  relation: z.enum(RELATIONS, { error: 'relation_required' }),
  /** One of the two: the date of birth, or when it is not known an age in years. */
  dateOfBirth: f.isoDate.optional(),
  ageYears: f.ageYears.optional(),
  sex: z.enum(SEXES, { error: 'sex_required' }),
  bloodGroup: profile.bloodGroup,
  allergies: profile.allergies,
  medicalHistory: profile.medicalHistory,
};
type DependantFields = { dateOfBirth?: string; ageYears?: number };
const birthGiven = <T extends z.ZodType<DependantFields>>(s: T) =>
  s
    .refine(f.birthKnown, { path: ['ageYears'], message: 'birth_both' })
    .refine((d) => !!d.dateOfBirth || d.ageYears !== undefined, { path: ['dateOfBirth'], message: 'dob_or_age_required' });

const dependant = birthGiven(z.strictObject({
  ...dependantShape,
  /** The front desk names the holder; a patient adds to their own account. */
  holderPatientId: f.id.optional(),
}));
export type DependantInput = z.input<typeof dependant>;

export const familyChannels = {
  /** A patient's own family members; the front desk names whose. */
  'family.list': channel({ input: z.strictObject({ holderPatientId: f.id.optional() }), output: z.array(patientView), roles: ['patient', 'front_desk'] }),
  'family.add': channel({ input: dependant, output: patientView, roles: ['patient', 'front_desk'] }),
  'family.update': channel({ input: birthGiven(z.strictObject({ ...dependantShape, patientId: f.id })), output: patientView, roles: ['patient', 'front_desk'] }),
  /** Mails the grown-up dependant an invitation code, with which they sign up and take over their own record. */
  'family.invite': channel({
    input: z.strictObject({ patientId: f.id, email: f.email }),
    output: z.object({ email: z.string(), expiresAt: z.string() }),
    roles: ['patient', 'front_desk'],
  }),
} as const;
