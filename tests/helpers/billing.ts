import type { BillView, Input } from '../../shared/contract';
import type { IndianState } from '../../shared/specialities';
import { ADMIN_EMAIL, ok, PASSWORD, signIn, type Clinic } from './clinic';
import { settingsInput } from './data';
import { bookingClinic, ist } from './scheduling';

/** The clinic's GSTIN (Maharashtra, state code 27), as the administrator enters it in Clinic settings. */
export const GSTIN = '27AAPFU0939F1ZV';

export async function setGstin(clinic: Clinic, gstin: string) {
  ok(await clinic.call('settings.update', settingsInput({ gstin }), clinic.adminToken));
}

/** Whose visit: one of the clinic's two patients, or a walk-in registered at the desk. */
export type Visitor = 'asha' | 'vikram' | { walkIn: { fullName: string; phone: string; state: IndianState } };

/** The n-th 15-minute slot from 09:00 clinic time on Tuesday 3 March 2026 (the test clock starts on Monday 10:00). */
export const visitStart = (n: number) => ist('2026-03-03', `${String(9 + Math.floor(n / 4)).padStart(2, '0')}:${String((n % 4) * 15).padStart(2, '0')}`);

/** Tuesday 3 March 2026, 13:00 in Pune: every visit of the morning has started. */
export const AFTER_VISITS = '2026-03-03T07:30:00.000Z';

/**
 * A clinic with a GSTIN (unless `gstin: null`), a practising doctor, two patients (Asha and Vikram, in
 * Maharashtra) and a front desk; `visits` (Asha's, by default) are booked by the desk on Tuesday morning. When
 * there are any, the clock then moves on to Tuesday 13:00 (everyone signs in again: their sessions have lapsed)
 * and the doctor marks each visit completed, as a visit can be only once it has started.
 */
export async function billingClinic(clinic: Clinic, visits: number | Visitor[] = 1, options: { gstin?: string | null } = {}) {
  if (options.gstin !== null) await setGstin(clinic, options.gstin ?? GSTIN);
  const people = await bookingClinic(clinic);
  const visitors: Visitor[] = typeof visits === 'number' ? Array.from({ length: visits }, () => 'asha' as const) : visits;
  const appointments: number[] = [];
  for (const [n, v] of visitors.entries()) {
    const patientId = v === 'asha' ? people.asha.patientId : v === 'vikram' ? people.vikram.patientId : ok(await clinic.call('patients.registerWalkIn', v.walkIn, people.desk.token)).id;
    appointments.push(ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: visitStart(n), mode: 'in_person', patientId }, people.desk.token)).id);
  }
  if (appointments.length === 0) return { ...people, appointments };

  clinic.clock.advanceMinutes((Date.parse(AFTER_VISITS) - clinic.clock.now().getTime()) / 60_000);
  const again = async (email: string, password: string, portal: 'clinic' | 'patient') => ok(await signIn(clinic, email, password, portal)).token;
  clinic.adminToken = await again(ADMIN_EMAIL, PASSWORD, 'clinic');
  const doctor = { ...people.doctor, token: await again(people.doctor.email, PASSWORD, 'clinic') };
  const desk = { ...people.desk, token: await again(people.desk.email, PASSWORD, 'clinic') };
  const asha = { ...people.asha, token: await again(people.asha.email, people.asha.password, 'patient') };
  const vikram = { ...people.vikram, token: await again(people.vikram.email, people.vikram.password, 'patient') };
  for (const appointmentId of appointments) ok(await clinic.call('appointments.setStatus', { appointmentId, status: 'completed' }, doctor.token));
  return { doctor, desk, asha, vikram, appointments };
}

export const line = (description: string, unitPaise: number, extra: Partial<Input<'bills.saveDraft'>['lines'][number]> = {}) => ({
  description, category: 'consultation' as const, quantity: 1, unitPaise, ...extra,
});

/** A bill's lines as the editor sends them back. */
export const linesOf = (bill: BillView) => bill.lines.map(({ description, category, quantity, unitPaise }) => ({ description, category, quantity, unitPaise }));

/** Opens the appointment's bill as the desk and issues it with these lines. */
export async function issueBill(clinic: Clinic, token: string, appointmentId: number, lines: Input<'bills.issue'>['lines'], extra: Partial<Input<'bills.issue'>> = {}) {
  const draft = ok(await clinic.call('bills.open', { appointmentId }, token));
  return ok(await clinic.call('bills.issue', { billId: draft.id, lines, ...extra }, token));
}
