import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { newClinic, ok, openClinicApp, refused, signupCodeFor, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { countRows, expectNoWrites } from '../helpers/db';
import { doctorSignupInput, patientSignupInput, setupInput } from '../helpers/data';
import { withPath } from '../helpers/payloads';
import { outboxRows } from '../helpers/smtp';

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
    await signupDoctor(clinic, doctorSignupInput({ speciality: 'other', specialityOther: 'Sports medicine' }));
    await signupPatient(clinic);
    const after = await countRows(clinic.app);
    for (const table of ['users', 'user_roles', 'sessions', 'patient_info', 'doctor_info', 'doctor_education']) {
      expect(after[table], table).toBeGreaterThan(before[table]!);
    }
    // Requested and confirmed, each: two sign-ups, two accounts.
    expect(after.audit_log).toBe(before.audit_log! + 4);
  });
});

const outboxTo = async (clinic: Clinic, email: string) => (await outboxRows(clinic.app)).filter((m) => m.recipient === email);

describe('one account per email address, without telling anyone which addresses have one', () => {
  it('a taken address gets the same answer as a new one; its owner is mailed, no code opens a second account', async () => {
    const clinic = await newClinic();
    const owner = await signupPatient(clinic, patientSignupInput({ email: 'A@x.in' }));
    const fresh = ok(await clinic.call('patients.signup', patientSignupInput({ email: 'new@x.in' })));
    const taken = ok(await clinic.call('patients.signup', patientSignupInput({ email: 'a@x.in' })));
    expect(Object.keys(taken)).toEqual(Object.keys(fresh));
    expect(taken.email).toBe('a@x.in');
    const mail = await outboxTo(clinic, 'a@x.in');
    // (The owner's own sign-up code was read and its mail cleared by signupPatient.)
    expect(mail.map((m) => m.kind)).toEqual(['signup_exists']);
    expect(mail[0]!.text).not.toMatch(/\b\d{6}\b/);
    // Whatever code is tried, the taken address's request opens nothing, in the same words as a wrong code.
    for (const code of ['000000', '408317']) {
      const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('auth.confirmSignup', { email: 'a@x.in', code, portal: 'patient' })));
      expect(error).toMatchObject({ code: 'CODE_WRONG', fields: { code: 'code_wrong' } });
    }
    expect(ok(await clinic.call('patients.me', {}, owner.token)).email).toBe('a@x.in');
  });

  it('a doctor signing up with an address a patient uses is answered the same way and made nothing', async () => {
    const clinic = await newClinic();
    await signupPatient(clinic, patientSignupInput({ email: 'a@x.in' }));
    const before = await countRows(clinic.app);
    ok(await clinic.call('doctors.signup', { ...doctorSignupInput(), email: ' A@X.IN ' }));
    expect((await outboxTo(clinic, 'a@x.in')).at(-1)!.kind).toBe('signup_exists');
    const after = await countRows(clinic.app);
    expect([after.users, after.doctor_info]).toEqual([before.users, before.doctor_info]);
  });

  it('a code works once, for its own address, before it expires; five wrong tries void it', async () => {
    const clinic = await newClinic();
    const input = patientSignupInput({ email: 'asha@x.in' });
    ok(await clinic.call('patients.signup', input));
    const code = await signupCodeFor(clinic.app, 'asha@x.in');
    const confirm = (c: string, email = 'asha@x.in', portal: 'patient' | 'clinic' = 'patient') => clinic.call('auth.confirmSignup', { email, code: c, portal });
    expect(refused(await confirm(code, 'other@x.in')).code).toBe('CODE_WRONG');
    expect(refused(await confirm(code, 'asha@x.in', 'clinic')).code).toBe('CODE_WRONG');
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect(refused(await confirm(wrong)).code).toBe('CODE_WRONG');
    expect(refused(await confirm(code)).code).toBe('CODE_WRONG');

    ok(await clinic.call('patients.signup', input));
    const second = await signupCodeFor(clinic.app, 'asha@x.in');
    clinic.clock.advanceMinutes(31);
    expect(refused(await confirm(second)).code).toBe('CODE_WRONG');

    ok(await clinic.call('patients.signup', input));
    const third = await signupCodeFor(clinic.app, 'asha@x.in');
    const login = ok(await confirm(third));
    expect(login.user.email).toBe('asha@x.in');
    expect(refused(await confirm(third)).code).toBe('CODE_WRONG');
  });

  it('no more than ten sign-ups a minute at a door', async () => {
    const clinic = await newClinic();
    for (let i = 0; i < 10; i++) ok(await clinic.call('patients.signup', patientSignupInput({ email: `p${i}@x.in` })));
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('patients.signup', patientSignupInput({ email: 'p10@x.in' }))));
    expect(error.code).toBe('TOO_MANY');
    ok(await clinic.call('doctors.signup', doctorSignupInput()));
    clinic.clock.advanceMinutes(1);
    ok(await clinic.call('patients.signup', patientSignupInput({ email: 'p10@x.in' })));
  });

  it('refuses a second doctor with the same council registration', async () => {
    const clinic = await newClinic();
    const first = doctorSignupInput();
    await signupDoctor(clinic, first);
    const second = { ...doctorSignupInput(), credentials: { ...first.credentials, registrationNumber: first.credentials.registrationNumber.toLowerCase() } };
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('doctors.signup', second)));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ 'credentials.registrationNumber': 'registration_taken' });
  });
});

describe('first-run setup', () => {
  it('runs once', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('setup.status', {}))).toEqual({
      needsSetup: false, clinicName: 'Sunrise Clinic', timeZone: 'Asia/Kolkata', enrolled: true,
      contact: { address: setupInput().clinic.address, phone: null, email: null },
    });
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.call('setup.complete', setupInput())));
    expect(error.code).toBe('SETUP_DONE');
  });

  it('names the administrator\'s password field when it is a common one', async () => {
    const { app } = await openClinicApp();
    const error = await expectNoWrites(app, async () => refused(await app.dispatch('setup.complete', withPath(setupInput(), 'admin.password', 'qwertyuiop'))));
    expect(error).toMatchObject({ code: 'PASSWORD_COMMON', fields: { 'admin.password': 'password_common' } });
  });
});
