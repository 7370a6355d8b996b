import type { BillView, Input } from '../../shared/contract';
import { ok, type Clinic } from './clinic';
import { bookingClinic, ist } from './scheduling';

/** The clinic's GSTIN (Maharashtra, state code 27), as the administrator enters it in Clinic settings. */
export const GSTIN = '27AAPFU0939F1ZV';

export async function setGstin(clinic: Clinic, gstin: string | undefined) {
  const s = ok(await clinic.call('settings.get', {}, clinic.adminToken));
  ok(await clinic.call('settings.update', { ...s, gstin }, clinic.adminToken));
}

type People = Awaited<ReturnType<typeof bookingClinic>>;

/** The n-th 15-minute slot from 09:00 clinic time on Tuesday 3 March 2026. */
export const visitStart = (n: number) => ist('2026-03-03', `${String(9 + Math.floor(n / 4)).padStart(2, '0')}:${String((n % 4) * 15).padStart(2, '0')}`);

/** A visit of the patient's with the doctor, booked by the desk and completed by the doctor; its appointment id. */
export async function completedVisit(clinic: Clinic, people: People, patientId: number, n: number, mode: 'in_person' | 'online' = 'in_person') {
  const a = ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: visitStart(n), mode, patientId }, people.desk.token));
  ok(await clinic.call('appointments.setStatus', { appointmentId: a.id, status: 'completed' }, people.doctor.token));
  return a.id;
}

/**
 * A clinic with a GSTIN (unless `gstin: null`), a practising doctor, two patients (Asha and Vikram, in
 * Maharashtra) and a front desk, and `visits` completed in-person appointments of Asha's on 3 March 2026.
 */
export async function billingClinic(clinic: Clinic, visits = 1, options: { gstin?: string | null } = {}) {
  if (options.gstin !== null) await setGstin(clinic, options.gstin ?? GSTIN);
  const people = await bookingClinic(clinic);
  const appointments: number[] = [];
  for (let i = 0; i < visits; i++) appointments.push(await completedVisit(clinic, people, people.asha.patientId, i));
  return { ...people, appointments };
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
