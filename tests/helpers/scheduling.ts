import { ok, readyFrontDesk, signupDoctor, signupPatient, type Clinic } from './clinic';
import { doctorSignupInput, patientSignupInput } from './data';

/** Monday to Friday, 09:00–13:00 clinic time, both kinds of visit, 15-minute slots. */
export const WEEKDAY_MORNINGS = {
  settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 60 },
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '13:00', modes: ['in_person' as const, 'online' as const] }] })),
};

/** A verified doctor with weekday-morning hours, signed in. */
export async function practisingDoctor(clinic: Clinic, name = 'Dr Rohan Mehta', availability = WEEKDAY_MORNINGS) {
  const doctor = await signupDoctor(clinic, doctorSignupInput({ fullName: name }));
  ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'approve' }, clinic.adminToken));
  ok(await clinic.call('availability.save', availability, doctor.token));
  return doctor;
}

/** A clinic with one practising doctor, two patients and a front desk. */
export async function bookingClinic(clinic: Clinic) {
  const doctor = await practisingDoctor(clinic);
  const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
  const vikram = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));
  const desk = await readyFrontDesk(clinic);
  return { doctor, asha, vikram, desk };
}

/** The UTC instant of a clinic-local (Asia/Kolkata, +05:30) date and time. */
export const ist = (date: string, time: string) => new Date(`${date}T${time}:00+05:30`).toISOString();
