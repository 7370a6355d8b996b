import type { Input, LoginResult } from '../../shared/contract';
import type { DoctorCredentialsInput } from '../../shared/fields';
import type { Portal } from '../../shared/roles';
import type { MedLinkApp } from './app';
import { codeInMail } from './auth/mailed-codes';
import { latestTo, withdraw } from './outbox/outbox.repo';
import { renderRow } from './outbox/outbox.service';
import type { Dispatch } from './dispatcher';

/** Every demo account signs in with this password (listed in the README). */
export const DEMO_PASSWORD = 'MedLink-demo-2026';

async function call<T>(dispatch: Dispatch, channel: string, input: unknown, token?: string): Promise<T> {
  const r = await dispatch(channel, input, token);
  if (!r.ok) throw new Error(`demo data: ${channel} failed: ${r.error.message} ${JSON.stringify(r.error.fields ?? {})}`);
  return r.data as T;
}

const doctor = (
  fullName: string, phone: string, speciality: DoctorCredentialsInput['speciality'], degree: string, registrationNumber: string,
  experienceYears: number, languages: string[], bio: string,
): DoctorCredentialsInput => ({
  fullName, phone, speciality, registrationNumber, experienceYears, languages, bio,
  education: [
    { degree: 'MBBS', institution: 'Grant Medical College, Mumbai', year: 2026 - experienceYears - 4 },
    { degree, institution: 'All India Institute of Medical Sciences, New Delhi', year: 2026 - experienceYears },
  ],
  registrationCouncil: 'Maharashtra Medical Council',
  hospital: 'Sunrise Clinic, Pune',
});

const patient = (fullName: string, email: string, phone: string, dateOfBirth: string, sex: 'female' | 'male'): Input<'patients.signup'> => ({
  password: DEMO_PASSWORD,
  profile: {
    fullName, email, phone, dateOfBirth, sex,
    address: { line: '14 Koregaon Park Road', city: 'Pune', state: 'Maharashtra', pinCode: '411001' },
    preferredLanguage: 'en',
  },
});

/** Demo doctors' hours: Monday to Saturday, a morning and an evening session, in person or online. */
const DEMO_HOURS = {
  settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 60 },
  weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    ranges: [
      { start: '09:00', end: '13:00', modes: ['in_person', 'online'] },
      { start: '17:00', end: '20:00', modes: ['in_person', 'online'] },
    ],
  })),
};

/** A sign-up finished with the code its email carries (read from the outbox: a demo clinic, or a benchmark's, sends no mail). */
export async function signUp(app: Pick<MedLinkApp, 'dispatch' | 'deps'>, channel: 'patients.signup' | 'doctors.signup', email: string, portal: Portal, input: unknown) {
  await call(app.dispatch, channel, input);
  const mail = (await latestTo(app.deps.db, 'signup_code', email))!;
  // Demo accounts are made at once: their codes are not mail to deliver.
  await withdraw(app.deps.db, mail.id);
  return call<LoginResult>(app.dispatch, 'auth.confirmSignup', { email, code: codeInMail(renderRow(mail).text), portal });
}

/**
 * Fills an empty clinic through the same channels the screens use: an administrator, verified doctors of
 * several specialities, one doctor waiting for verification, a front-desk account, a few patients and a record.
 */
export async function seedDemo(app: Pick<MedLinkApp, 'dispatch' | 'deps'>): Promise<string> {
  const { dispatch } = app;
  const status = await call<{ needsSetup: boolean }>(dispatch, 'setup.status', {});
  if (!status.needsSetup) return 'Demo data not added: this data folder already has a clinic.';
  const admin = await call<LoginResult>(dispatch, 'setup.complete', {
    clinic: {
      name: 'Sunrise Clinic', address: '14 Koregaon Park Road, Pune 411001', state: 'Maharashtra', timeZone: 'Asia/Kolkata', gstin: '27AAPFU0939F1ZV',
      phone: '020 2612 3456', email: 'desk@sunrise-clinic.example',
    },
    admin: { fullName: 'Anita Deshpande', email: 'admin@medlink.demo', phone: '9820000001', password: DEMO_PASSWORD },
  });
  const doctors = [
    ['dr.mehta@medlink.demo', doctor('Dr. Rohan Mehta', '9820000011', 'cardiology', 'DM Cardiology', 'MMC-2009-4411', 15, ['English', 'Hindi', 'Marathi'], 'Interventional cardiologist; heart failure and hypertension clinics.')],
    ['dr.iyer@medlink.demo', doctor('Dr. Lakshmi Iyer', '9820000012', 'paediatrics', 'MD Paediatrics', 'MMC-2012-5120', 11, ['English', 'Tamil', 'Hindi'], 'Child health, vaccinations and newborn care.')],
    ['dr.khan@medlink.demo', doctor('Dr. Imran Khan', '9820000013', 'dermatology', 'MD Dermatology', 'MMC-2015-6731', 8, ['English', 'Hindi', 'Urdu'], 'Skin, hair and allergy problems in adults and children.')],
    ['dr.rao@medlink.demo', doctor('Dr. Kavita Rao', '9820000014', 'general_medicine', 'MD General Medicine', 'MMC-2005-2290', 19, ['English', 'Hindi', 'Kannada'], 'Family physician: fevers, diabetes, blood pressure and check-ups.')],
  ] as const;
  for (const [email, credentials] of doctors) {
    const d = await signUp(app, 'doctors.signup', email, 'clinic', { email, password: DEMO_PASSWORD, credentials });
    const { id } = await call<{ id: number }>(dispatch, 'doctors.me', {}, d.token);
    await call(dispatch, 'admin.decideDoctor', { doctorId: id, decision: 'approve' }, admin.token);
    await call(dispatch, 'availability.save', DEMO_HOURS, d.token);
  }
  await signUp(app, 'doctors.signup', 'dr.singh@medlink.demo', 'clinic', {
    email: 'dr.singh@medlink.demo',
    password: DEMO_PASSWORD,
    credentials: doctor('Dr. Harpreet Singh', '9820000015', 'orthopaedics', 'MS Orthopaedics', 'PMC-2017-8812', 6, ['English', 'Punjabi', 'Hindi'], 'Joint pain, sports injuries and fractures.'),
  });
  const desk = await call<{ temporaryPassword: string }>(dispatch, 'admin.createStaff', { fullName: 'Sunita Pawar', email: 'desk@medlink.demo', phone: '9820000021' }, admin.token);
  const deskLogin = await call<LoginResult>(dispatch, 'auth.login', { email: 'desk@medlink.demo', password: desk.temporaryPassword, portal: 'clinic' });
  await call(dispatch, 'auth.changePassword', { currentPassword: desk.temporaryPassword, newPassword: DEMO_PASSWORD }, deskLogin.token);
  const patients = [];
  for (const p of [
    patient('Priya Sharma', 'priya@medlink.demo', '9820000031', '1990-04-12', 'female'),
    patient('Arjun Nair', 'arjun@medlink.demo', '9820000032', '1984-11-03', 'male'),
    patient('Meera Joshi', 'meera@medlink.demo', '9820000033', '2001-07-25', 'female'),
  ]) {
    patients.push(await signUp(app, 'patients.signup', p.profile.email, 'patient', p));
  }
  // Arjun keeps a lab report from before, uploaded as the screens upload one.
  const report = Buffer.from('Sunrise Diagnostics, Pune\nFasting blood sugar: 98 mg/dL (70-100)\nHbA1c: 5.6 % (below 5.7)\n');
  const arjun = patients[1]!.token;
  const { uploadId } = await call<{ uploadId: string }>(dispatch, 'uploads.begin', { purpose: 'record', name: 'blood-sugar.txt', size: report.length }, arjun);
  await call(dispatch, 'uploads.chunk', { uploadId, index: 0, base64: report.toString('base64') }, arjun);
  await call(dispatch, 'records.add', { uploadId, title: 'Blood sugar', category: 'lab_report', recordDate: '2026-01-10' }, arjun);
  return `Demo clinic created; every demo account's password is ${DEMO_PASSWORD} (see the README for the accounts).`;
}
