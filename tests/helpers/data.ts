import type { Input } from '../../shared/contract';
import type { DoctorCredentialsInput, PatientProfileInput } from '../../shared/fields';

/** Valid inputs a screen would send; each call gets its own email and registration number. */
let seq = 0;
const next = () => ++seq;

export const PASSWORD = 'monsoon-chai-2026';
export const ADMIN_EMAIL = 'meera.joshi@sunrise.in';

export const clinicDetails = (): Input<'setup.complete'>['clinic'] => ({
  name: 'Sunrise Clinic',
  address: '1 FC Road, Shivajinagar, Pune',
  state: 'Maharashtra',
  timeZone: 'Asia/Kolkata',
});

export function doctorCredentials(overrides: Partial<DoctorCredentialsInput> = {}): DoctorCredentialsInput {
  return {
    fullName: 'Dr Rohan Mehta',
    phone: '98220 12345',
    education: [{ degree: 'MBBS', institution: 'B. J. Medical College, Pune', year: 2012 }],
    speciality: 'general_medicine',
    registrationNumber: `MMC-2012-${String(next()).padStart(4, '0')}`,
    registrationCouncil: 'Maharashtra Medical Council',
    hospital: 'Sunrise Clinic, Pune',
    experienceYears: 12,
    languages: ['English', 'Marathi'],
    ...overrides,
  };
}

/** Clinic settings as the administrator saves them, with the defaults unless `overrides` say otherwise. */
export const settingsInput = (overrides: Partial<Input<'settings.update'>> = {}): Input<'settings.update'> => ({
  ...clinicDetails(), sessionIdleMinutes: 15, cancelCutoffMinutes: 120, reminderHours: 24, checkInOpensMinutes: 60, emergencyNumber: '112', kioskIdleSeconds: 90,
  uploadLimitMb: 25, waitlistHoldMinutes: 30,
  ...overrides,
});

export function setupInput(withDoctor = false): Input<'setup.complete'> {
  return {
    clinic: clinicDetails(),
    admin: { fullName: 'Dr Meera Joshi', email: ADMIN_EMAIL, phone: '9822000000', password: PASSWORD },
    ...(withDoctor ? { doctor: doctorCredentials({ speciality: 'paediatrics' }) } : {}),
  };
}

export function patientProfile(overrides: Partial<PatientProfileInput> = {}): PatientProfileInput {
  return {
    fullName: 'Asha Kulkarni',
    email: `patient${next()}@example.in`,
    phone: '98765 43210',
    dateOfBirth: '1990-05-14',
    sex: 'female',
    address: { line: '12 MG Road', city: 'Pune', state: 'Maharashtra', pinCode: '411001' },
    preferredLanguage: 'en',
    ...overrides,
  };
}

export const patientSignupInput = (overrides: Partial<PatientProfileInput> = {}): Input<'patients.signup'> => ({
  profile: patientProfile(overrides),
  password: PASSWORD,
});

export const doctorSignupInput = (overrides: Partial<DoctorCredentialsInput> = {}): Input<'doctors.signup'> => ({
  email: `doctor${next()}@example.in`,
  password: PASSWORD,
  credentials: doctorCredentials(overrides),
});

export const staffInput = (): Input<'admin.createStaff'> => ({
  fullName: 'Kavita Pawar',
  email: `desk${next()}@sunrise.in`,
  phone: '9822011111',
});
