import type { Kysely } from 'kysely';
import { DomainError, requireSession, type Ctx } from '../context';
import type { Database } from '../db/schema';
import * as repo from './patients.repo';

export interface Contact {
  name: string;
  email: string | null;
  phone: string;
  language: string;
  /** The holder's record when the patient is a dependant. */
  holder: repo.PatientRow | null;
}

// Which patient records the signed-in account may act for: its own, and its dependants' (children, an elderly
// parent) whom it books for, is billed for and gets the mail of. Everything a patient does to a patient's data
// (booking, their appointments, changing or cancelling them, profiles, and whatever else is keyed by a patient)
// asks here, never the account's own record alone.

// Read once per call: a booking asks several times (who books, whose appointment, whose mail).
const perCall = new WeakMap<Ctx, Promise<repo.PatientRow[]>>();

/** The records this account may act for, its own first; none for an account that is no patient. */
export function actingPatients(ctx: Ctx): Promise<repo.PatientRow[]> {
  let rows = perCall.get(ctx);
  if (!rows) {
    const session = requireSession(ctx);
    rows = session.roles.includes('patient') ? repo.familyOfUser(ctx.db, session.userId) : Promise.resolve([]);
    perCall.set(ctx, rows);
  }
  return rows;
}

/** The account's family as the call has just read it (patients.repo familyQuery), sparing actingPatients its read. */
export function knowFamily(ctx: Ctx, rows: repo.PatientRow[]): void {
  perCall.set(ctx, Promise.resolve(requireSession(ctx).roles.includes('patient') ? rows : []));
}

/** Forgets the call's list, after a change to who belongs to the family. */
export const familyChanged = (ctx: Ctx) => perCall.delete(ctx);

/** Whether this account may act for the patient record. */
export async function mayActFor(ctx: Ctx, patientId: number): Promise<boolean> {
  return (await actingPatients(ctx)).some((p) => p.id === patientId);
}

/** One record this account acts for: the one named (refused unless it is theirs to act for), or its own. */
export async function actingFor(ctx: Ctx, patientId?: number): Promise<repo.PatientRow> {
  const rows = await actingPatients(ctx);
  const row = patientId === undefined ? rows.find((p) => p.holder_patient_id === null) : rows.find((p) => p.id === patientId);
  if (row) return row;
  if (patientId === undefined) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  throw new DomainError('FORBIDDEN', 'You can act only for yourself and the family members on your account.');
}

/** Where a patient's mail goes and whose name it greets: a dependant's holder, or the patient. */
export async function contactOf(db: Kysely<Database>, patient: repo.PatientRow): Promise<Contact> {
  return contactWith(patient, patient.holder_patient_id === null ? null : ((await repo.patientById(db, patient.holder_patient_id)) ?? null));
}

/** contactOf, for a caller that has read the holder already. */
export function contactWith(patient: repo.PatientRow, holder: repo.PatientRow | null): Contact {
  const who = holder ?? patient;
  return { name: who.full_name, email: who.email, phone: who.phone, language: who.preferred_language, holder };
}
