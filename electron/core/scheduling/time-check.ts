import { checkSlot, type Busy, type Mode, type SlotRefusal } from '../availability/slots';
import { DomainError, type Ctx } from '../context';
import { AUDIT_LOCK, knowAuditTail } from '../audit/audit.service';
import type { Kysely } from 'kysely';
import { serialize, serializedRead, type LockKey } from '../db/dialects';
import type { Database } from '../db/schema';
import * as repo from './appointments.repo';
import { keptHours } from './kept-hours';
import { knowFreeCode, randomCode } from './check-in-code';
import { clinicDayOf } from './clinic-day';

// The check every booking and move runs on the server, whatever the screen sent: the time is one of the doctor's
// free slots (hours, notice, horizon, mode; not booked, blocked or held for someone on the waitlist) and the
// patient has nothing else then.

const MINUTE = 60_000;
const DAY = 86_400_000;

const REFUSALS: Record<Exclude<SlotRefusal, 'taken'>, string> = {
  past: 'This time has already passed. Choose a later time.',
  too_soon: 'This time is too soon to book. Choose a later time.',
  beyond_horizon: 'This date is too far ahead to book yet.',
  outside_hours: 'The doctor does not see patients at this time. Choose one of the free times shown.',
  mode_not_offered: 'The doctor does not offer this kind of visit at this time.',
};

export interface Booking {
  doctorId: number;
  patientId: number;
  start: Date;
  mode: Mode;
}

/**
 * Locks doctors' (and a patient's) diaries until the transaction ends, so a check still holds when the rows are
 * written. Always before the audit log's lock (record()): a call holding that one and waiting for a diary could
 * wait for ever on a booking that holds the diary and waits for the log (PostgreSQL would end one of them).
 */
export async function lockDiaries(ctx: Ctx, doctorIds: number[], patientId?: number): Promise<void> {
  await serialize(ctx.db, ctx.deps.dialect, ...diaryLocks(doctorIds, patientId));
}

const DOCTOR = 'doctor:';
const PATIENT = 'patient:';

/** lockDiaries' keys, in its order. */
export function diaryLocks(doctorIds: number[], patientId?: number): string[] {
  const keys = [...new Set(doctorIds)].sort((a, b) => a - b).map((d) => `${DOCTOR}${d}`);
  if (patientId) keys.push(`${PATIENT}${patientId}`);
  // Every change to a diary is audited: the audit log's lock goes with the diaries' (after them, in the one
  // order), sparing record() a round trip of its own.
  return [...keys, AUDIT_LOCK];
}

/**
 * diaryLocks' keys for an appointment's doctor and patient, worked out by the database as it takes them, sparing the
 * read that would learn them first.
 */
export const diaryLocksOf = (db: Kysely<Database>, appointmentId: number): LockKey[] => [
  { prefix: DOCTOR, of: repo.appointmentsDoctor(db, appointmentId) },
  { prefix: PATIENT, of: repo.appointmentsPatient(db, appointmentId) },
  AUDIT_LOCK,
];

/**
 * The check's read for a time starting at `start`, with the check-in code drawn for it: a day either side of the
 * start (a slot is far shorter), since it is read before the slot's length is known. The hours counter is read
 * with it, after the locks, not taken from the call's settings read before them: on PostgreSQL each statement sees
 * what other seats have committed, so an hours change made meanwhile counts.
 */
export async function checkRead(ctx: Ctx, whose: { doctor: number | repo.DoctorOf; patient: number | repo.PatientOf }, start: Date, except: repo.BusyExcept = {}, reserve = false) {
  const around = (t: number) => new Date(t).toISOString();
  const day = await clinicDayOf(ctx, start);
  const code = randomCode();
  const query = repo.diariesQuery(ctx.db, whose.doctor, whose.patient, around(start.getTime() - DAY), around(start.getTime() + 2 * DAY), ctx.now.toISOString(), except, {
    code, fromIso: day.fromIso, toIso: day.toIso,
  }, reserve);
  return { query, code, day };
}
export type CheckRead = Awaited<ReturnType<typeof checkRead>>;

/** Why this booking would be refused (null when it would not), and when it would end, from its check's rows. */
export async function judgeTime(ctx: Ctx, b: Booking, read: CheckRead, rows: repo.DiaryRow[]): Promise<{ end: Date; problem: DomainError | null; reserved?: repo.Reserved }> {
  const diaries = repo.diariesOf(rows);
  knowAuditTail(ctx, diaries.auditTail);
  if (!diaries.codeTaken) knowFreeCode(ctx, read.day.fromIso, read.code);
  const rules = await keptHours(ctx.deps).rulesOf(ctx, b.doctorId, diaries.versions);
  const end = new Date(b.start.getTime() + rules.slotMinutes * MINUTE);
  // An appointment being moved may have been read before the locks (a series' visits): another seat may have
  // cancelled or checked it in since.
  if (diaries.movingStatuses.some((s) => s !== 'booked')) {
    return { end, problem: new DomainError('CONFLICT', 'This appointment was changed meanwhile and can no longer be moved. Please look at it again.') };
  }
  const busy: Busy[] = diaries.doctor.map((r) => ({ start: new Date(r.start_at), end: new Date(r.end_at) }));
  const refusal = checkSlot(rules, busy, ctx.now, b.start, b.mode);
  if (refusal === 'taken') return { end, problem: new DomainError('SLOT_TAKEN', 'This time was just taken. Please choose another of the free times.') };
  if (refusal) return { end, problem: new DomainError('SLOT_UNAVAILABLE', REFUSALS[refusal], { fields: { start: `slot_${refusal}` } }) };
  const startMs = b.start.getTime();
  if (diaries.patient.some((r) => Date.parse(r.start_at) < end.getTime() && Date.parse(r.end_at) > startMs)) {
    return { end, problem: new DomainError('PATIENT_BUSY', 'The patient already has an appointment at this time. Choose another time.') };
  }
  return { end, problem: null, reserved: diaries.reserved };
}

/**
 * Why this booking would be refused (null when it would not), and when it would end. `lock`: the locks to take
 * first, in the same round trip as the read (checkTime); the caller holds them already otherwise.
 */
export async function timeProblem(ctx: Ctx, b: Booking, except: repo.BusyExcept = {}, lock: string[] = [], reserve = false) {
  const read = await checkRead(ctx, { doctor: b.doctorId, patient: b.patientId }, b.start, except, reserve);
  return judgeTime(ctx, b, read, await serializedRead(ctx.db, ctx.deps.dialect, lock, read.query));
}

/**
 * The whole check, after the doctor's and patient's diaries are locked; refused with the reason. Returns the end,
 * and for a new booking (`reserve`) its id and number where the database gave them with the check (PostgreSQL).
 */
export async function checkTime(ctx: Ctx, b: Booking, except: repo.BusyExcept = {}, reserve = false): Promise<{ end: Date; reserved?: repo.Reserved }> {
  const { end, problem, reserved } = await timeProblem(ctx, b, except, diaryLocks([b.doctorId], b.patientId), reserve);
  if (problem) throw problem;
  return { end, reserved };
}
