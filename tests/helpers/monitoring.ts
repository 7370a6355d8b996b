import { newClinic, signupPatient } from './clinic';
import { patientSignupInput } from './data';
import { recordsClinic, visit } from './records';

export const FASTING = { measure: 'glucose_fasting' as const, everyDays: 1, low: 80, high: 130 };

/** A doctor with an appointment with Asha (`ashaChanges`: to her sign-up), who may enrol her; `newDoctor` makes more. */
export async function monitoringClinic(ashaChanges: Parameters<typeof patientSignupInput>[0] = {}) {
  const clinic = await newClinic();
  const { doctor: newDoctor } = await recordsClinic(clinic);
  const treating = await newDoctor('Dr Rohan Mehta');
  const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni', phone: '9822011111', ...ashaChanges }));
  await visit(clinic, treating, asha);
  return { clinic, treating, asha, newDoctor };
}
