import type { PatientView } from '../../../shared/contract';
import type { PatientProfileInput } from '../../../shared/fields';
import type { BLOOD_GROUPS, INDIAN_STATES, Language, SEXES } from '../../../shared/specialities';

/** What the profile inputs hold: every value as typed, '' for "not chosen" or "not given". */
export interface ProfileForm {
  fullName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  sex: '' | (typeof SEXES)[number];
  address: { line: string; city: string; state: '' | (typeof INDIAN_STATES)[number]; pinCode: string };
  bloodGroup: '' | (typeof BLOOD_GROUPS)[number];
  allergies: string;
  medicalHistory: string;
  chronicConditions: string;
  currentMedications: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  preferredLanguage: Language;
}

export const emptyProfileForm = (language: string): ProfileForm => ({
  fullName: '', email: '', phone: '', dateOfBirth: '', sex: '',
  address: { line: '', city: '', state: '', pinCode: '' },
  bloodGroup: '', allergies: '', medicalHistory: '', chronicConditions: '', currentMedications: '', emergencyContactName: '', emergencyContactPhone: '',
  preferredLanguage: language === 'hi' ? 'hi' : 'en',
});

/** A record's values as the inputs hold them; what the patient has not given (a walk-in's record) is ''. */
export const formFromPatient = (p: PatientView): ProfileForm => ({
  fullName: p.fullName,
  email: p.email ?? '',
  phone: p.phone,
  dateOfBirth: p.dateOfBirth ?? '',
  sex: p.sex ?? '',
  address: { line: p.address.line ?? '', city: p.address.city ?? '', state: p.address.state, pinCode: p.address.pinCode ?? '' },
  bloodGroup: p.bloodGroup ?? '',
  allergies: p.allergies ?? '',
  medicalHistory: p.medicalHistory ?? '',
  chronicConditions: p.chronicConditions ?? '',
  currentMedications: p.currentMedications ?? '',
  emergencyContactName: p.emergencyContactName ?? '',
  emergencyContactPhone: p.emergencyContactPhone ?? '',
  preferredLanguage: p.preferredLanguage,
});

const optional = (v: string) => (v.trim() ? v : undefined);

/**
 * The channel's input. An unchosen sex or state is sent as '' on purpose: the schema rejects it with its
 * own message ("Choose one.", "Choose a state."), shown under the field before anything is sent.
 */
export const profileFromForm = (f: ProfileForm): PatientProfileInput => ({
  fullName: f.fullName,
  email: f.email,
  phone: f.phone,
  dateOfBirth: f.dateOfBirth,
  sex: f.sex as PatientProfileInput['sex'],
  address: { ...f.address, state: f.address.state as PatientProfileInput['address']['state'] },
  bloodGroup: f.bloodGroup || undefined,
  allergies: optional(f.allergies),
  medicalHistory: optional(f.medicalHistory),
  chronicConditions: optional(f.chronicConditions),
  currentMedications: optional(f.currentMedications),
  emergencyContactName: optional(f.emergencyContactName),
  emergencyContactPhone: optional(f.emergencyContactPhone),
  preferredLanguage: f.preferredLanguage,
});
