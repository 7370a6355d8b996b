import { z } from 'zod';
import { BLOOD_GROUPS, INDIAN_STATES, LANGUAGES, SEXES, SPECIALITIES } from './specialities';

/**
 * Field schemas shared by the screens (inline errors) and the dispatcher (the real check).
 * Each message is a key of the `validation` section of the i18n catalogs.
 */
/**
 * Control and invisible format characters (a right-to-left override, a zero-width space) make two names or
 * addresses look identical on screen. Zero-width joiners are part of written Devanagari, so those stay after a
 * Devanagari letter.
 */
const HIDDEN = /[\p{Cc}\p{Cf}]/u;
const hasHidden = (v: string) => HIDDEN.test(v.replace(/(?<=[\u0900-\u097F])[\u200C\u200D]/g, ''));
const visible = <T extends z.ZodType<string>>(s: T) => s.refine((v) => !hasHidden(v), 'hidden_characters');

const text = (max: number, key: string) => visible(z.string({ error: key }).trim().min(1, key).max(max, 'too_long'));
const optionalText = (max: number) =>
  visible(z.string({ error: 'invalid' }).trim().max(max, 'too_long')).optional().transform((v) => (v ? v : undefined));
/** ASCII before the @, so a look-alike letter cannot make a second account that reads the same. */
export const email = z
  .string({ error: 'email_required' })
  .trim()
  .toLowerCase()
  .min(1, 'email_required')
  .max(254, 'too_long')
  .refine((v) => !hasHidden(v), 'hidden_characters')
  .regex(/^[\x21-\x3f\x41-\x7e]+@[^\s@]+\.[^\s@]{2,}$/, 'email_invalid');

/** Indian mobile or landline: 10 digits, optionally +91 / 0 prefixed; spaces and dashes ignored. */
export const phone = z
  .string({ error: 'phone_required' })
  .max(20, 'too_long')
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().min(1, 'phone_required').regex(/^(\+91|0)?[1-9]\d{9}$/, 'phone_invalid'))
  .transform((v) => v.slice(-10));

/** A phone number shown to people as the owner typed it (a landline keeps its STD code: 020 2612 3456). */
export const publicPhone = z.string({ error: 'phone_invalid' }).trim().max(20, 'too_long').regex(/^\+?[0-9][0-9 -]{4,17}[0-9]$/, 'phone_invalid');

export const password = z.string({ error: 'password_required' }).min(1, 'password_required').min(10, 'password_short').max(200, 'too_long');
export const name = text(100, 'name_required');
export const pinCode = z.string({ error: 'pin_required' }).trim().min(1, 'pin_required').regex(/^[1-9]\d{5}$/, 'pin_invalid');
export const state = z.enum(INDIAN_STATES, { error: 'state_invalid' });
/** The years MedLink reckons with: a date outside them is a typing mistake, and no calendar sum should meet it. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;
const yearInRange = (v: string) => Number(v.slice(0, 4)) >= FIRST_YEAR && Number(v.slice(0, 4)) <= LAST_YEAR;

export const isoDate = z.string({ error: 'date_required' }).min(1, 'date_required').regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'date_invalid')
  .refine(yearInRange, 'date_out_of_range');

/** An instant (ISO 8601 with its offset) within the same years; `key` names what is wrong. */
export const instant = (key: string) => z.iso.datetime({ error: key }).refine(yearInRange, 'date_out_of_range');
export const timeZone = z.string({ error: 'timezone_invalid' }).max(64, 'too_long')
  .refine(isTimeZone, 'timezone_invalid');

function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return v.includes('/') || v === 'UTC';
  } catch {
    return false;
  }
}
/** GSTIN: 2-digit state code, PAN, entity number, Z, check character. */
export const gstin = z.string({ error: 'gstin_invalid' }).trim().toUpperCase()
  .regex(/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, 'gstin_invalid');
export const id = z.number({ error: 'invalid' }).int('invalid').positive('invalid').max(2 ** 31, 'invalid');

export const address = z.strictObject({
  line: text(200, 'address_required'),
  city: text(80, 'city_required'),
  state,
  pinCode,
});

/** An age in years, given when the date of birth is not known (stored as an estimated date of birth). */
export const ageYears = z.number({ error: 'age_invalid' }).int('age_invalid').min(0, 'age_invalid').max(120, 'age_invalid');

/** A date of birth or, when it is not known, an age in years: never both. */
export const birthKnown = (b: { dateOfBirth?: string; ageYears?: number }) => !(b.dateOfBirth && b.ageYears !== undefined);

export const patientProfile = z.strictObject({
  fullName: name,
  email,
  phone,
  dateOfBirth: isoDate,
  sex: z.enum(SEXES, { error: 'sex_required' }),
  address,
  bloodGroup: z.enum(BLOOD_GROUPS, { error: 'invalid' }).optional(),
  allergies: optionalText(1000),
  medicalHistory: optionalText(4000),
  chronicConditions: optionalText(2000),
  currentMedications: optionalText(2000),
  emergencyContactName: optionalText(100),
  emergencyContactPhone: phone.optional(),
  preferredLanguage: z.enum(LANGUAGES, { error: 'invalid' }).default('en'),
});
export type PatientProfileInput = z.input<typeof patientProfile>;
export type PatientProfile = z.output<typeof patientProfile>;

const thisYear = new Date().getUTCFullYear();
export const education = z.strictObject({
  degree: text(100, 'degree_required'),
  institution: text(150, 'institution_required'),
  year: z.number({ error: 'year_invalid' }).int('year_invalid').min(1950, 'year_invalid').max(thisYear + 1, 'year_invalid'),
});

export const doctorCredentials = z.strictObject({
  fullName: name,
  phone,
  education: z.array(education, { error: 'education_required' }).min(1, 'education_required').max(10, 'too_many'),
  speciality: z.enum(SPECIALITIES, { error: 'speciality_required' }),
  /** Required when speciality is `other`. */
  specialityOther: optionalText(100),
  registrationNumber: z.string({ error: 'registration_required' }).trim().toUpperCase().min(1, 'registration_required')
    .regex(/^[A-Z0-9/-]{3,30}$/, 'registration_invalid'),
  registrationCouncil: text(150, 'council_required'),
  hospital: text(150, 'hospital_required'),
  experienceYears: z.number({ error: 'experience_invalid' }).int('experience_invalid').min(0, 'experience_invalid').max(70, 'experience_invalid'),
  languages: z.array(text(40, 'languages_required'), { error: 'languages_required' }).min(1, 'languages_required').max(12, 'too_many'),
  bio: optionalText(2000),
}).refine((d) => d.speciality !== 'other' || !!d.specialityOther, { path: ['specialityOther'], message: 'speciality_other_required' });
export type DoctorCredentialsInput = z.input<typeof doctorCredentials>;
export type DoctorCredentials = z.output<typeof doctorCredentials>;

export const clinic = z.strictObject({
  name: text(150, 'clinic_name_required'),
  address: text(300, 'address_required'),
  state,
  timeZone,
  gstin: gstin.optional(),
  /** How patients reach the clinic: shown wherever MedLink says "contact the clinic" (screens, emails, receipts). */
  phone: publicPhone.optional(),
  email: email.optional(),
});
export type Clinic = z.output<typeof clinic>;

/** A host name or an IPv4/IPv6 address, nothing else (no scheme, no port, no spaces); the keys name what is missing or wrong. */
export const hostName = (requiredKey: string, invalidKey: string) =>
  z
    .string({ error: requiredKey })
    .trim()
    .toLowerCase()
    .min(1, requiredKey)
    .max(253, 'too_long')
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[?[0-9a-f:.]+\]?$/, invalidKey);

export const port = z.number({ error: 'port_invalid' }).int('port_invalid').min(1, 'port_invalid').max(65535, 'port_invalid');
