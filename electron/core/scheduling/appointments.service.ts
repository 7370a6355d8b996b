import { randomUUID } from 'node:crypto';
import type { AppointmentView, ParsedInput } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { checkSlot, type Busy, type Mode, type SlotRefusal } from '../availability/slots';
import { cancelCutoffMinutes, checkInOpensMinutes } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx, type Session } from '../context';
import { nextNumber } from '../db/counters.repo';
import { serialize } from '../db/dialects';
import { doctorById } from '../doctors/doctors.repo';
import { announce, appointmentChange } from '../live/changes';
import { patientById, patientByUser } from '../patients/patients.repo';
import { catalogKey } from '../search/search.repo';
import { appointmentMail } from './appointment-mail';
import * as repo from './appointments.repo';
import { practisingDoctor } from './availability.service';
import { newCheckInCode } from './check-in-code';
import { clinicDayOf, dayBounds } from './clinic-day';
import { keptHours } from './kept-hours';
import { allowedChanges, statusRefusal, type StatusChange } from './status-rules';
import { linkAfterChange, videoView } from '../video/video-links.service';

const MINUTE = 60_000;
const DAY = 86_400_000;

const REFUSALS: Record<Exclude<SlotRefusal, 'taken'>, string> = {
  past: 'This time has already passed. Choose a later time.',
  too_soon: 'This time is too soon to book. Choose a later time.',
  beyond_horizon: 'This date is too far ahead to book yet.',
  outside_hours: 'The doctor does not see patients at this time. Choose one of the free times shown.',
  mode_not_offered: 'The doctor does not offer this kind of visit at this time.',
};

/** Who the caller is to this appointment, which decides what they may see and do. */
interface Relation {
  session: Session;
  isPatient: boolean;
  isDoctor: boolean;
  isDesk: boolean;
}

async function relationTo(ctx: Ctx, row: repo.DetailedRow): Promise<Relation> {
  const session = requireSession(ctx);
  const relation = {
    session,
    isPatient: row.patient_user_id === session.userId,
    isDoctor: row.doctor_user_id === session.userId,
    isDesk: session.roles.includes('front_desk'),
  };
  if (!relation.isPatient && !relation.isDoctor && !relation.isDesk && !session.roles.includes('admin')) {
    throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  }
  return relation;
}

async function toView(ctx: Ctx, row: repo.DetailedRow, rel: Relation): Promise<AppointmentView> {
  const start = Date.parse(row.start_at);
  const cutoffMinutes = await cancelCutoffMinutes(ctx);
  const beforeCutoff = ctx.now.getTime() < start - cutoffMinutes * MINUTE;
  const mayAct = row.status === 'booked' && ctx.now.getTime() < start && (rel.isDoctor || rel.isDesk || (rel.isPatient && beforeCutoff));
  return {
    id: row.id,
    number: row.number,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    patientId: row.patient_id,
    patientName: row.patient_name,
    start: row.start_at,
    end: row.end_at,
    mode: row.mode as Mode,
    reason: row.reason,
    status: row.status as AppointmentView['status'],
    cancelReason: row.cancel_reason,
    hospital: row.hospital,
    canCancel: mayAct,
    canReschedule: mayAct,
    cutoffMinutes,
    ...(rel.isDoctor || rel.isDesk
      ? allowedChanges(row, ctx.now, await checkInOpensMinutes(ctx))
      : { canCheckIn: false, canComplete: false, canMarkNoShow: false }),
    video: videoView(row),
    canChangeLink: rel.isDoctor && row.mode === 'online' && row.status === 'booked' && ctx.now.getTime() < Date.parse(row.end_at),
    // The code is the patient's to show at the kiosk; nobody else needs it.
    checkInCode: rel.isPatient && row.status === 'booked' ? row.check_in_code : null,
    queueNumber: row.queue_number,
  };
}

/** Everyone whose screens show this appointment hears that it changed (once the call commits). */
const changed = (ctx: Ctx, row: repo.DetailedRow) => announce(ctx, appointmentChange(row.id, row.patient_user_id, row.doctor_user_id));

async function load(ctx: Ctx, id: number) {
  const row = await repo.appointmentById(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  return { row, rel: await relationTo(ctx, row) };
}

/**
 * The whole check, on the server whatever the screen sent: the doctor practises, the time is one of their
 * free slots (hours, notice, horizon, mode, not taken) and the patient has nothing else then. Runs after the
 * doctor's and patient's diaries are locked, so the answer still holds when the row is written.
 */
async function checkTime(ctx: Ctx, doctorId: number, patientId: number, start: Date, mode: Mode, moving?: number) {
  await serialize(ctx.db, ctx.deps.dialect, `doctor:${doctorId}`, `patient:${patientId}`);
  // The hours counter is read again here, after the locks, not taken from the call's settings read before them:
  // on PostgreSQL each statement sees what other seats have committed, so an hours change made meanwhile counts.
  const rules = await keptHours(ctx.deps).rulesOf(ctx, doctorId, await catalogKey(ctx.db));
  const end = new Date(start.getTime() + rules.slotMinutes * MINUTE);
  const around = (t: number) => new Date(t).toISOString();
  const busy: Busy[] = (await repo.busyOfDoctor(ctx.db, doctorId, around(start.getTime() - DAY), around(end.getTime() + DAY), moving)).map(
    (b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) }),
  );
  const refusal = checkSlot(rules, busy, ctx.now, start, mode);
  if (refusal === 'taken') throw new DomainError('SLOT_TAKEN', 'This time was just taken. Please choose another of the free times.');
  if (refusal) throw new DomainError('SLOT_UNAVAILABLE', REFUSALS[refusal], { fields: { start: `slot_${refusal}` } });
  if (await repo.patientHasOverlap(ctx.db, patientId, start.toISOString(), end.toISOString(), moving)) {
    throw new DomainError('PATIENT_BUSY', 'The patient already has an appointment at this time. Choose another time.');
  }
  return end;
}

async function bookableDoctor(ctx: Ctx, doctorId: number) {
  const doctor = await doctorById(ctx.db, doctorId);
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) {
    throw new DomainError('NOT_FOUND', 'This doctor is not taking appointments.');
  }
  return doctor;
}

/** A patient books for themselves; the front desk books for the patient it names. */
async function patientFor(ctx: Ctx, session: Session, patientId: number | undefined) {
  if (session.roles.includes('front_desk')) {
    if (!patientId) throw new DomainError('VALIDATION', 'Choose the patient.', { fields: { patientId: 'patient_required' } });
    const p = await patientById(ctx.db, patientId);
    // A walk-in's record linked to an account is kept only for the audit trail: book on the account's record.
    if (!p || p.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
    return p;
  }
  const own = await patientByUser(ctx.db, session.userId);
  if (!own || (patientId && patientId !== own.id)) throw new DomainError('FORBIDDEN', 'You can only book for yourself.');
  return own;
}

export async function book(ctx: Ctx, input: ParsedInput<'appointments.book'>): Promise<AppointmentView> {
  const session = requireSession(ctx);
  const doctor = await bookableDoctor(ctx, input.doctorId);
  const patient = await patientFor(ctx, session, input.patientId);
  const start = new Date(input.start);
  const end = await checkTime(ctx, doctor.id, patient.id, start, input.mode);
  const nowIso = ctx.now.toISOString();
  const icsUid = `${randomUUID()}@medlink`;
  // Last before the insert: the counter's row stays locked until this booking commits.
  const number = await nextNumber(ctx.db, 'appointment');
  const id = await repo.insertAppointment(ctx.db, {
    number,
    doctor_id: doctor.id,
    patient_id: patient.id,
    start_at: start.toISOString(),
    end_at: end.toISOString(),
    mode: input.mode,
    reason: input.reason || null,
    status: 'booked',
    cancel_reason: null,
    check_in_code: await newCheckInCode(ctx, start),
    queue_number: null,
    ics_uid: icsUid,
    created_by: session.userId,
    created_at: nowIso,
    updated_at: nowIso,
  });
  await repo.addHistory(ctx.db, { appointmentId: id, at: nowIso, actorId: session.userId, change: 'booked', to: { start: start.toISOString(), mode: input.mode } });
  await record(ctx, { action: 'appointment.booked', actorId: session.userId, patientId: patient.id, detail: { appointmentId: id, doctorId: doctor.id } });
  await linkAfterChange(ctx, { id, doctor_id: doctor.id, ics_uid: icsUid, mode: input.mode, status: 'booked', start_at: start.toISOString(), end_at: end.toISOString() });
  const { row, rel } = await load(ctx, id);
  await appointmentMail(ctx, row, { kind: 'booked' }, { patient, doctor });
  changed(ctx, row);
  return toView(ctx, row, rel);
}

/** A patient may change or cancel only until the clinic's cutoff before the visit. */
async function checkPatientCutoff(ctx: Ctx, row: repo.DetailedRow, rel: Relation) {
  if (!rel.isPatient || rel.isDesk || rel.isDoctor) return;
  const minutes = await cancelCutoffMinutes(ctx);
  if (ctx.now.getTime() > Date.parse(row.start_at) - minutes * MINUTE) {
    throw new DomainError('TOO_LATE', `Appointments can be changed online until ${minutes / 60} hours before. Please call the clinic.`);
  }
}

function checkChangeable(row: repo.DetailedRow) {
  if (row.status !== 'booked') throw new DomainError('CONFLICT', 'Only a booked appointment that has not started can be changed.');
}

export async function reschedule(ctx: Ctx, input: ParsedInput<'appointments.reschedule'>): Promise<AppointmentView> {
  const { row, rel } = await load(ctx, input.appointmentId);
  checkChangeable(row);
  await checkPatientCutoff(ctx, row, rel);
  const doctor = await bookableDoctor(ctx, row.doctor_id);
  const start = new Date(input.start);
  const mode = input.mode ?? (row.mode as Mode);
  const end = await checkTime(ctx, row.doctor_id, row.patient_id, start, mode, row.id);
  const nowIso = ctx.now.toISOString();
  await repo.updateAppointment(ctx.db, row.id, {
    start_at: start.toISOString(),
    end_at: end.toISOString(),
    mode,
    // A code is good for its appointment's day only: the moved appointment gets a new one, in the email that moves it.
    check_in_code: await newCheckInCode(ctx, start),
    ics_sequence: row.ics_sequence + 1,
    updated_at: nowIso,
  });
  await repo.addHistory(ctx.db, {
    appointmentId: row.id, at: nowIso, actorId: rel.session.userId, change: 'rescheduled',
    from: { start: row.start_at, mode: row.mode }, to: { start: start.toISOString(), mode },
  });
  await record(ctx, { action: 'appointment.rescheduled', actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  await linkAfterChange(ctx, { ...row, start_at: start.toISOString(), end_at: end.toISOString(), mode }, row);
  const after = await load(ctx, row.id);
  await appointmentMail(ctx, after.row, { kind: 'rescheduled', previousStart: new Date(row.start_at) }, { doctor });
  changed(ctx, after.row);
  return toView(ctx, after.row, after.rel);
}

export async function cancel(ctx: Ctx, input: ParsedInput<'appointments.cancel'>): Promise<AppointmentView> {
  const { row, rel } = await load(ctx, input.appointmentId);
  checkChangeable(row);
  await checkPatientCutoff(ctx, row, rel);
  const nowIso = ctx.now.toISOString();
  await repo.updateAppointment(ctx.db, row.id, { status: 'cancelled', cancel_reason: input.reason, ics_sequence: row.ics_sequence + 1, updated_at: nowIso });
  await repo.addHistory(ctx.db, {
    appointmentId: row.id, at: nowIso, actorId: rel.session.userId, change: 'cancelled', from: { status: row.status }, to: { status: 'cancelled', reason: input.reason },
  });
  await record(ctx, { action: 'appointment.cancelled', actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  await linkAfterChange(ctx, { ...row, status: 'cancelled' }, row);
  const after = await load(ctx, row.id);
  await appointmentMail(ctx, after.row, { kind: 'cancelled', reason: input.reason });
  changed(ctx, after.row);
  return toView(ctx, after.row, after.rel);
}

/**
 * Moves an appointment on (booked → checked in → completed; booked → no-show once the start has passed), by the
 * one rule (status-rules.ts) whoever does it: the doctor, the front desk, or the patient at the kiosk (`actorId`
 * null). A check-in takes the next place in the doctor's queue that day.
 */
export async function changeStatus(ctx: Ctx, row: repo.DetailedRow, status: StatusChange, actorId: number | null): Promise<void> {
  const refusal = statusRefusal(row, status, ctx.now, await checkInOpensMinutes(ctx));
  if (refusal) throw refusal;
  const nowIso = ctx.now.toISOString();
  let queueNumber: number | undefined;
  if (status === 'checked_in') {
    // Two check-ins for one doctor at once (desk and kiosk, two seats) wait in turn, so no place is given twice.
    await serialize(ctx.db, ctx.deps.dialect, `doctor:${row.doctor_id}`);
    const day = await clinicDayOf(ctx, new Date(row.start_at));
    queueNumber = await repo.nextQueueNumber(ctx.db, row.doctor_id, day.fromIso, day.toIso);
  }
  await repo.updateAppointment(ctx.db, row.id, { status, updated_at: nowIso, ...(queueNumber ? { queue_number: queueNumber } : {}) });
  await repo.addHistory(ctx.db, { appointmentId: row.id, at: nowIso, actorId, change: status, from: { status: row.status }, to: { status } });
  changed(ctx, row);
}

export async function setStatus(ctx: Ctx, input: ParsedInput<'appointments.setStatus'>): Promise<AppointmentView> {
  const { row, rel } = await load(ctx, input.appointmentId);
  if (!rel.isDoctor && !rel.isDesk) throw new DomainError('FORBIDDEN', 'Only the doctor or the front desk can do this.');
  await changeStatus(ctx, row, input.status, rel.session.userId);
  await record(ctx, { action: `appointment.${input.status}`, actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  const after = await load(ctx, row.id);
  return toView(ctx, after.row, after.rel);
}

export async function mine(ctx: Ctx) {
  const session = requireSession(ctx);
  const patient = await patientByUser(ctx.db, session.userId);
  if (!patient) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  const rows = await repo.appointmentsOfPatient(ctx.db, patient.id);
  const views = await Promise.all(rows.map((r) => toView(ctx, r, { session, isPatient: true, isDoctor: false, isDesk: false })));
  const nowIso = ctx.now.toISOString();
  return {
    upcoming: views.filter((v) => v.end >= nowIso && (v.status === 'booked' || v.status === 'checked_in')),
    past: views.filter((v) => !(v.end >= nowIso && (v.status === 'booked' || v.status === 'checked_in'))).reverse(),
  };
}

export async function schedule(ctx: Ctx, input: ParsedInput<'appointments.schedule'>) {
  const doctor = await practisingDoctor(ctx);
  if (input.toDate < input.fromDate || Date.parse(input.toDate) - Date.parse(input.fromDate) > 31 * DAY) {
    throw new DomainError('VALIDATION', 'Choose at most a month, ending after it starts.', { fields: { toDate: 'range_invalid' } });
  }
  const { fromIso, toIso } = await dayBounds(ctx, input.fromDate, input.toDate);
  const session = requireSession(ctx);
  const rows = await repo.appointmentsOfDoctor(ctx.db, doctor.id, fromIso, toIso);
  // The schedule shows patients' names and reasons: each patient seen is an access to their data.
  await recordView(ctx, { action: 'appointment.schedule_viewed', actorId: session.userId, detail: { from: input.fromDate, to: input.toDate } }, rows.map((r) => r.patient_id));
  const rel = { session, isPatient: false, isDoctor: true, isDesk: false };
  return {
    appointments: await Promise.all(rows.map((r) => toView(ctx, r, rel))),
    blocked: (await repo.blockedOfDoctor(ctx.db, doctor.id, fromIso, toIso)).map((b) => ({ id: b.id, start: b.start_at, end: b.end_at, reason: b.reason })),
  };
}

export async function history(ctx: Ctx, appointmentId: number) {
  const { row, rel } = await load(ctx, appointmentId);
  if (!rel.isPatient) await record(ctx, { action: 'appointment.history_viewed', actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId } });
  return (await repo.historyOf(ctx.db, appointmentId)).map((h) => ({ at: h.at, actorName: h.actor_name ?? null, change: h.change, from: h.from_value, to: h.to_value }));
}

export async function blockTime(ctx: Ctx, input: ParsedInput<'appointments.blockTime'>) {
  const doctor = await practisingDoctor(ctx);
  await serialize(ctx.db, ctx.deps.dialect, `doctor:${doctor.id}`);
  const clash = await repo.appointmentsOfDoctor(ctx.db, doctor.id, input.start, input.end);
  const active = clash.filter((a) => a.status === 'booked' || a.status === 'checked_in');
  if (active.length) {
    throw new DomainError('CONFLICT', `${active.length} appointment(s) fall in this time. Move or cancel them first.`);
  }
  const block = {
    doctor_id: doctor.id, start_at: new Date(input.start).toISOString(), end_at: new Date(input.end).toISOString(),
    reason: input.reason || null, created_by: requireSession(ctx).userId, created_at: ctx.now.toISOString(),
  };
  await repo.insertBlock(ctx.db, block);
  await record(ctx, { action: 'availability.time_blocked', actorId: block.created_by, detail: { doctorId: doctor.id, start: block.start_at, end: block.end_at, reason: block.reason } });
  return { done: true as const };
}

export async function unblock(ctx: Ctx, blockId: number) {
  const doctor = await practisingDoctor(ctx);
  const r = await repo.deleteBlock(ctx.db, doctor.id, blockId);
  if (!r.numDeletedRows) throw new DomainError('NOT_FOUND', 'No blocked time has this number.');
  await record(ctx, { action: 'availability.time_unblocked', actorId: requireSession(ctx).userId, detail: { doctorId: doctor.id, blockId } });
  return { done: true as const };
}

