import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { newClinic, ok, openClinicApp, refused, signupPatient } from '../helpers/clinic';
import { countRows, expectNoWrites } from '../helpers/db';
import { doctorSignupInput, patientSignupInput, setupInput } from '../helpers/data';
import { withPath } from '../helpers/payloads';

/** The member set to a bad value, the message key expected there (or every field expected), the error code. */
type Case = [path: string, value: unknown, expected: string | Record<string, string>, code?: ErrorCode];

// The test clock stands on 2026-03-02.
const patientCases: Case[] = [
  ['profile.fullName', '   ', 'name_required'],
  ['profile.email', 'asha.example.in', 'email_invalid'],
  ['profile.email', 'asha@example', 'email_invalid'],
  // Empty is "enter it", not "wrong format".
  ['profile.email', '', 'email_required'],
  ['profile.phone', '', 'phone_required'],
  ['password', '', 'password_required'],
  ['profile.address.pinCode', ' ', 'pin_required'],
  // Look-alikes: an address or name that reads like another one on screen.
  ['profile.email', 'arjun@medlink.demo\u202e', 'hidden_characters'],
  ['profile.email', 'ar\u200bjun@medlink.demo', 'hidden_characters'],
  ['profile.email', 'аrjun@medlink.demo', 'email_invalid'],
  ['profile.fullName', 'Arjun\u202e Mehta', 'hidden_characters'],
  ['profile.fullName', 'Arjun\u200b Mehta', 'hidden_characters'],
  ['profile.emergencyContactName', 'Sunil\u0007', 'hidden_characters'],
  ['profile.phone', '12345', 'phone_invalid'],
  ['profile.phone', '0123456789', 'phone_invalid'],
  ['profile.dateOfBirth', '14/05/1990', 'date_invalid'],
  ['profile.dateOfBirth', '1990-02-30', 'date_invalid'],
  ['profile.dateOfBirth', '2026-03-03', 'dob_range'],
  ['profile.dateOfBirth', '1899-12-31', 'date_out_of_range'],
  ['profile.sex', 'unknown', 'sex_required'],
  ['profile.address.pinCode', '011001', 'pin_invalid'],
  ['profile.address.pinCode', '41100', 'pin_invalid'],
  ['profile.address.state', 'Atlantis', 'state_invalid'],
  ['profile.address.city', '', 'city_required'],
  ['profile.emergencyContactPhone', '99', 'phone_invalid'],
  ['password', 'short-pw', 'password_short'],
  ['password', 'qwertyuiop', 'password_common', 'PASSWORD_COMMON'],
  ['password', '1234567890', 'password_common', 'PASSWORD_COMMON'],
];

const doctorCases: Case[] = [
  ['email', 'doctor@', 'email_invalid'],
  ['password', 'abc', 'password_short'],
  ['password', 'Password123', 'password_common', 'PASSWORD_COMMON'],
  ['credentials.phone', '98220', 'phone_invalid'],
  ['credentials.education', [], 'education_required'],
  ['credentials.education.0.degree', ' ', 'degree_required'],
  ['credentials.education.0.year', 1949, 'year_invalid'],
  ['credentials.education.0.year', 2100, 'year_invalid'],
  ['credentials.speciality', 'other', { 'credentials.specialityOther': 'speciality_other_required' }],
  ['credentials.speciality', 'astrology', 'speciality_required'],
  ['credentials.registrationNumber', 'AB', 'registration_invalid'],
  ['credentials.registrationNumber', 'MMC 2012!', 'registration_invalid'],
  ['credentials.registrationCouncil', '', 'council_required'],
  ['credentials.experienceYears', -1, 'experience_invalid'],
  ['credentials.experienceYears', 71, 'experience_invalid'],
  ['credentials.experienceYears', 2.5, 'experience_invalid'],
  ['credentials.languages', [], 'languages_required'],
];

const forms = [
  ['patients.signup', patientSignupInput, patientCases],
  ['doctors.signup', doctorSignupInput, doctorCases],
] as const;

describe('sign-up refuses each bad field with its own message and writes nothing', () => {
  describe.each(forms)('%s', (channel, validInput, cases) => {
    it.each(cases)('%s = %j -> %j', async (path, value, expected, code = 'VALIDATION') => {
      const clinic = await newClinic();
      const error = await expectNoWrites(clinic.app, async () => refused(await clinic.app.dispatch(channel, withPath(validInput(), path, value))));
      expect(error.code).toBe(code);
      expect(error.fields).toEqual(typeof expected === 'string' ? { [path]: expected } : expected);
    });
  });

  it('names every bad field at once', async () => {
    const clinic = await newClinic();
    let input = withPath(patientSignupInput(), 'profile.email', 'nope');
    input = withPath(input, 'profile.address.pinCode', '1');
    input = withPath(input, 'password', 'short');
    const error = refused(await clinic.call('patients.signup', input));
    expect(error.fields).toEqual({ 'profile.email': 'email_invalid', 'profile.address.pinCode': 'pin_invalid', password: 'password_short' });
  });

  it('accepts "other" with its name, and a valid sign-up writes the account, record, session and audit row', async () => {
    const clinic = await newClinic();
    const before = await countRows(clinic.app);
    ok(await clinic.call('doctors.signup', doctorSignupInput({ speciality: 'other', specialityOther: 'Sports medicine' })));
    await signupPatient(clinic);
    const after = await countRows(clinic.app);
    for (const table of ['users', 'user_roles', 'sessions', 'patient_info', 'doctor_info', 'doctor_education']) {
      expect(after[table], table).toBeGreaterThan(before[table]!);
    }
    expect(after.audit_log).toBe(before.audit_log! + 2);
  });
});

describe('one account per email address', () => {
  it('refuses a patient whose email differs only in case, and writes nothing', async () => {
    const clinic = await newClinic();
    await signupPatient(clinic, patientSignupInput({ email: 'A@x.in' }));
    const error = await expectNoWrites(clinic.app, async () =>
      refused(await clinic.call('patients.signup', patientSignupInput({ email: 'a@x.in' }))),
    );
    expect(error.code).toBe('EMAIL_TAKEN');
    expect(error.fields).toEqual({ 'profile.email': 'email_taken' });
  });

  it('refuses a doctor whose email a patient already uses', async () => {
    const clinic = await newClinic();
    await signupPatient(clinic, patientSignupInput({ email: 'a@x.in' }));
    const error = await expectNoWrites(clinic.app, async () =>
      refused(await clinic.call('doctors.signup', { ...doctorSignupInput(), email: ' A@X.IN ' })),
    );
    expect(error.code).toBe('EMAIL_TAKEN');
    expect(error.fields).toEqual({ email: 'email_taken' });
  });

  it('refuses a second doctor with the same council registration', async () => {
    const clinic = await newClinic();
    const first = doctorSignupInput();
    ok(await clinic.call('doctors.signup', first));
    const second = { ...doctorSignupInput(), credentials: { ...first.credentials, registrationNumber: first.credentials.registrationNumber.toLowerCase() } };
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('doctors.signup', second)));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ 'credentials.registrationNumber': 'registration_taken' });
  });
});

describe('first-run setup', () => {
  it('runs once', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('setup.status', {}))).toEqual({ needsSetup: false, clinicName: 'Sunrise Clinic', timeZone: 'Asia/Kolkata', enrolled: true });
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('setup.complete', setupInput())));
    expect(error.code).toBe('SETUP_DONE');
  });

  it('names the administrator\'s password field when it is a common one', async () => {
    const { app } = await openClinicApp();
    const error = await expectNoWrites(app, async () => refused(await app.dispatch('setup.complete', withPath(setupInput(), 'admin.password', 'qwertyuiop'))));
    expect(error).toMatchObject({ code: 'PASSWORD_COMMON', fields: { 'admin.password': 'password_common' } });
  });
});
