import type { Input } from '../../shared/contract';
import { ok, type Clinic } from './clinic';
import { bookingClinic, ist } from './scheduling';

/** The clinic's GSTIN (Maharashtra, state code 27), as the administrator enters it in Clinic settings. */
export const GSTIN = '27AAPFU0939F1ZV';

export async function setGstin(clinic: Clinic, gstin: string | undefined) {
  const s = ok(await clinic.call('settings.get', {}, clinic.adminToken));
  ok(await clinic.call('settings.update', { ...s, gstin }, clinic.adminToken));
}

/**
 * A clinic with a GSTIN, a practising doctor, two patients and a front desk, and `visits` completed in-person
 * appointments of Asha's with the doctor on Tuesday 3 March 2026 from 09:00 clinic time.
 */
export async function billingClinic(clinic: Clinic, visits = 1) {
  await setGstin(clinic, GSTIN);
  const people = await bookingClinic(clinic);
  const appointments: number[] = [];
  for (let i = 0; i < visits; i++) {
    const start = ist('2026-03-03', `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
    const a = ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start, mode: 'in_person', patientId: people.asha.patientId }, people.desk.token));
    ok(await clinic.call('appointments.setStatus', { appointmentId: a.id, status: 'completed' }, people.doctor.token));
    appointments.push(a.id);
  }
  return { ...people, appointments };
}

export const line = (description: string, unitPaise: number, extra: Partial<Input<'bills.saveDraft'>['lines'][number]> = {}) => ({
  description, category: 'consultation' as const, quantity: 1, unitPaise, ...extra,
});
