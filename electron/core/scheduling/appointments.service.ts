import type { AppointmentView, ParsedInput } from '../../../shared/contract';
import { knowAuditTail, readBeforeRecording, record, recordView } from '../audit/audit.service';
import type { Mode } from '../availability/slots';
import { cancelCutoffMinutes, checkInOpensMinutes } from '../clinic/clinic.service';
import { DomainError, isDesk, requireSession, type Ctx, type Session } from '../context';
import { readTogether } from '../db/dialects';
import { doctorById } from '../doctors/doctors.repo';
import { announce, appointmentChange } from '../live/changes';
import { actingFor, actingPatients, contactWith, knowFamily, mayActFor } from '../patients/acting-for';
import type { PatientRow } from '../patients/patients.repo';
import { appointmentMail } from './appointment-mail';
import * as repo from './appointments.repo';
import { asPractising, practisingDoctor } from './availability.service';
import { clinicDayOf, dayBounds } from './clinic-day';
import { allowedChanges, statusRefusal, type StatusChange } from './status-rules';
import { checkRead, checkTime, diaryLocks, diaryLocksOf, judgeTime, lockDiaries, type CheckRead } from './time-check';
import { cancelBooking, insertBooking, moveBooking } from './appointment-writes';
import { offerFreedTimes, waitlistReads } from '../waitlist/offers';
import { videoView } from '../video/video-links.service';

const MINUTE = 60_000;
const DAY = 86_400_000;

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
    isPatient: await mayActFor(ctx, row.patient_id),
    isDoctor: row.doctor_user_id === session.userId,
    isDesk: isDesk(ctx),
  };
  if (!relation.isPatient && !relation.isDoctor && !relation.isDesk && !session.roles.includes('admin')) {
    throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  }
  return relation;
}

/** The clinic's rules a view applies, read once for a whole list. */
interface ViewRules {
  cutoffMinutes: number;
  checkInOpensMinutes: number;
}

const viewRules = async (ctx: Ctx): Promise<ViewRules> => ({ cutoffMinutes: await cancelCutoffMinutes(ctx), checkInOpensMinutes: await checkInOpensMinutes(ctx) });

function view(ctx: Ctx, row: repo.ShownRow, rel: Relation, { cutoffMinutes, checkInOpensMinutes }: ViewRules): AppointmentView {
  const start = Date.parse(row.start_at);
  const beforeCutoff = ctx.now.getTime() < start - cutoffMinutes * MINUTE;
  const mayAct = row.status === 'booked' && ctx.now.getTime() < start && (rel.isDoctor || rel.isDesk || (rel.isPatient && beforeCutoff));
  return {
    id: row.id,
    number: row.number,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    patientId: row.patient_id,
    patientName: row.patient_name,
    contactName: row.holder_name,
    seriesId: row.series_id,
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
      ? allowedChanges(row, ctx.now, checkInOpensMinutes)
      : { canCheckIn: false, canComplete: false, canMarkNoShow: false }),
    video: videoView(row),
    canChangeLink: rel.isDoctor && row.mode === 'online' && row.status === 'booked' && ctx.now.getTime() < Date.parse(row.end_at),
    // The code is the patient's to show at the kiosk, and the front desk's to print on the patient's slip.
    checkInCode: (rel.isPatient || rel.isDesk) && row.status === 'booked' ? row.check_in_code : null,
    queueNumber: row.queue_number,
  };
}

const toView = async (ctx: Ctx, row: repo.DetailedRow, rel: Relation) => view(ctx, row, rel, await viewRules(ctx));

/** Views of rows the caller stands in one relation to. */
async function viewsAs(ctx: Ctx, rows: repo.ShownRow[], rel: Relation): Promise<AppointmentView[]> {
  const rules = await viewRules(ctx);
  return rows.map((r) => view(ctx, r, rel, rules));
}

/** Views of appointments for the caller, each as their relation to it allows (refused if it is none of theirs). */
export async function viewsOf(ctx: Ctx, rows: repo.DetailedRow[]): Promise<AppointmentView[]> {
  const rules = await viewRules(ctx);
  return Promise.all(rows.map(async (r) => view(ctx, r, await relationTo(ctx, r), rules)));
}

/** Everyone whose screens show this appointment (a family member's: their holder's) hears that it changed (once the call commits). */
export const changed = (ctx: Ctx, row: repo.DetailedRow) => announce(ctx, appointmentChange(row.id, row.patient_user_id ?? row.holder_user_id, row.doctor_user_id));

async function load(ctx: Ctx, id: number) {
  const row = await repo.appointmentById(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  return { row, rel: await relationTo(ctx, row) };
}

/**
 * The appointment a change is about, read in one round trip once its doctor's and patient's diaries and the audit
 * log are locked (the database works out whose), so of two seats changing it at once the second sees the first's
 * change; with what the change needs beside it: who the caller may act for, the appointment's video link, its
 * doctor, patient and contact as the change's emails name them, and the doctor's waitlist (the time it frees is
 * offered there); `check`: a new time's check (a reschedule's), its rows returned as `checked`.
 */
async function loadForChange(ctx: Ctx, id: number, check?: CheckRead) {
  const reads = {
    ...repo.changeReads(ctx.db, id, requireSession(ctx).userId),
    ...(await waitlistReads(ctx, repo.appointmentsDoctor(ctx.db, id))),
    ...(check ? { check: check.query } : {}),
  };
  const read = await readTogether(ctx.db, ctx.deps.dialect, reads, diaryLocksOf(ctx.db, id));
  const row = read.appointment[0];
  if (!row) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  knowFamily(ctx, read.family);
  knowAuditTail(ctx, read.auditTail[0]);
  const patient = read.people.find((p) => p.id === row.patient_id)!;
  const contact = contactWith(patient, read.people.find((p) => p.id === patient.holder_patient_id) ?? null);
  const waitlist = { overdue: read.overdue, entries: read.entries };
  const checked = (read as { check?: repo.DiaryRow[] }).check ?? [];
  return { row, rel: await relationTo(ctx, row), link: read.link[0] ?? null, known: { doctor: read.doctor[0]!, patient, contact }, waitlist, checked };
}

function bookable<D extends { status: string; suspended_at: string | null }>(doctor: D | undefined): D {
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) {
    throw new DomainError('NOT_FOUND', 'This doctor is not taking appointments.');
  }
  return doctor;
}

export const bookableDoctor = async (ctx: Ctx, doctorId: number) => bookable(await doctorById(ctx.db, doctorId));

/**
 * A patient books for themselves or a family member on their account; the front desk for the patient it names
 * (`people`: as the booking has read them).
 */
async function patientFor(ctx: Ctx, patientId: number | undefined, people: PatientRow[]) {
  if (!isDesk(ctx)) return actingFor(ctx, patientId);
  if (!patientId) throw new DomainError('VALIDATION', 'Choose the patient.', { fields: { patientId: 'patient_required' } });
  const p = people.find((r) => r.id === patientId);
  // A walk-in's record linked to an account is kept only for the audit trail: book on the account's record.
  if (!p || p.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  return p;
}

/** `heldBy`: the waitlist offer holding this time for this patient, which this booking takes. */
export async function book(ctx: Ctx, input: ParsedInput<'appointments.book'>, heldBy?: number): Promise<AppointmentView> {
  const session = requireSession(ctx);
  const read = await readTogether(ctx.db, ctx.deps.dialect, repo.bookingReads(ctx.db, input.doctorId, session.userId, isDesk(ctx) ? (input.patientId ?? null) : null));
  knowFamily(ctx, read.family);
  const doctor = bookable(read.doctor[0]);
  const patient = await patientFor(ctx, input.patientId, read.people);
  const start = new Date(input.start);
  const { end, reserved } = await checkTime(ctx, { doctorId: doctor.id, patientId: patient.id, start, mode: input.mode }, { offerId: heldBy }, true);
  const written = await insertBooking(ctx, {
    doctorId: doctor.id, patientId: patient.id, start, end, mode: input.mode, reason: input.reason || null, seriesId: null,
  }, reserved);
  // The appointment as a read would show it, from the rows already read: a read more costs a round trip.
  const contact = contactWith(patient, [...read.family, ...read.people].find((p) => p.id === patient.holder_patient_id) ?? null);
  const row: repo.DetailedRow = {
    ...written, doctor_name: doctor.full_name, hospital: doctor.hospital, doctor_user_id: doctor.user_id, patient_name: patient.full_name,
    patient_user_id: patient.user_id, holder_name: contact.holder?.full_name ?? null, holder_user_id: contact.holder?.user_id ?? null,
  };
  await appointmentMail(ctx, row, { kind: 'booked' }, { patient, doctor, contact });
  changed(ctx, row);
  return toView(ctx, row, await relationTo(ctx, row));
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
  // The new time's check is read with the appointment, under the same locks (the database working out whose).
  const start = new Date(input.start);
  const id = input.appointmentId;
  const check = await checkRead(ctx, { doctor: repo.appointmentsDoctor(ctx.db, id), patient: repo.appointmentsPatient(ctx.db, id) }, start, { appointmentIds: [id] });
  const { row, rel, link, known, waitlist, checked } = await loadForChange(ctx, id, check);
  checkChangeable(row);
  await checkPatientCutoff(ctx, row, rel);
  bookable(known.doctor);
  const mode = input.mode ?? (row.mode as Mode);
  const { end, problem } = await judgeTime(ctx, { doctorId: row.doctor_id, patientId: row.patient_id, start, mode }, check, checked);
  if (problem) throw problem;
  const after = await moveBooking(ctx, row, start, end, mode, link);
  await appointmentMail(ctx, after, { kind: 'rescheduled', previousStart: new Date(row.start_at) }, known);
  changed(ctx, after);
  // The time it left may be what someone on the waitlist is waiting for.
  await offerFreedTimes(ctx, row.doctor_id, waitlist);
  return toView(ctx, after, rel);
}

export async function cancel(ctx: Ctx, input: ParsedInput<'appointments.cancel'>): Promise<AppointmentView> {
  const { row, rel, link, known, waitlist } = await loadForChange(ctx, input.appointmentId);
  checkChangeable(row);
  await checkPatientCutoff(ctx, row, rel);
  const after = await cancelBooking(ctx, row, input.reason, link);
  await appointmentMail(ctx, after, { kind: 'cancelled', reason: input.reason }, known);
  changed(ctx, after);
  await offerFreedTimes(ctx, row.doctor_id, waitlist);
  return toView(ctx, after, rel);
}

/**
 * Moves an appointment on (booked → checked in → completed; booked → no-show once the start has passed), by the
 * one rule (status-rules.ts) whoever does it: the doctor, the front desk, or the patient at the kiosk (`actorId`
 * null). A check-in takes the next place in the doctor's queue that day. `locked`: the appointment as read under
 * its doctor's and the audit log's locks, with the queue of the day that read looked at (repo.underLock).
 */
export async function changeStatus(ctx: Ctx, row: repo.DetailedRow, status: StatusChange, actorId: number | null, locked?: repo.UnderLock): Promise<repo.DetailedRow> {
  const refusal = statusRefusal(row, status, ctx.now, await checkInOpensMinutes(ctx));
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  const nowIso = ctx.now.toISOString();
  // Under the doctor's lock, with the audit log's (the change is recorded), in one round trip: the status again, as
  // another seat may have changed it since it was read (a cancellation), the audit log's last row, and the
  // doctor's queue that day: two check-ins for one doctor at once (desk and kiosk, two seats) take turns, so no
  // place is given twice.
  const day = await clinicDayOf(ctx, new Date(row.start_at));
  const now =
    locked?.day.fromIso === day.fromIso ? locked : await repo.underLock(ctx.db, row.id, day.fromIso, day.toIso, diaryLocks([row.doctor_id]));
  knowAuditTail(ctx, now?.auditTail);
  if (now?.row.status !== row.status) throw new DomainError('CONFLICT', 'This appointment was changed meanwhile. Please look at it again.');
  const queueNumber = status === 'checked_in' ? now.queueNumber : undefined;
  const set = { status, updated_at: nowIso, ...(queueNumber ? { queue_number: queueNumber } : {}) };
  await repo.updateAppointment(ctx.db, row.id, set);
  await repo.addHistory(ctx.db, { appointmentId: row.id, at: nowIso, actorId, change: status, from: { status: row.status }, to: { status } });
  changed(ctx, row);
  return { ...row, ...set };
}

export async function setStatus(ctx: Ctx, input: ParsedInput<'appointments.setStatus'>): Promise<AppointmentView> {
  // The appointment read once its doctor's lock and the audit log's are held, with that doctor's queue today (the
  // day of nearly every change): one round trip.
  const today = await clinicDayOf(ctx, ctx.now);
  const locked = await repo.underLock(ctx.db, input.appointmentId, today.fromIso, today.toIso, diaryLocksOf(ctx.db, input.appointmentId));
  if (!locked) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  const { row } = locked;
  const rel = await relationTo(ctx, row);
  if (!rel.isDoctor && !rel.isDesk) throw new DomainError('FORBIDDEN', 'Only the doctor or the front desk can do this.');
  const after = await changeStatus(ctx, row, input.status, rel.session.userId, locked);
  await record(ctx, { action: `appointment.${input.status}`, actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  return toView(ctx, after, rel);
}

/** The appointments of everyone the account acts for: the patient's own and their family members'. */
export async function mine(ctx: Ctx) {
  const session = requireSession(ctx);
  await actingFor(ctx);
  const rows = await repo.appointmentsOfPatients(ctx.db, (await actingPatients(ctx)).map((p) => p.id));
  const views = await viewsAs(ctx, rows, { session, isPatient: true, isDoctor: false, isDesk: false });
  const nowIso = ctx.now.toISOString();
  return {
    upcoming: views.filter((v) => v.end >= nowIso && (v.status === 'booked' || v.status === 'checked_in')),
    past: views.filter((v) => !(v.end >= nowIso && (v.status === 'booked' || v.status === 'checked_in'))).reverse(),
  };
}

/** The instants a doctor's schedule of these days spans: at most a month, ending after it starts. */
export async function scheduleBounds(ctx: Ctx, input: { fromDate: string; toDate: string }) {
  if (input.toDate < input.fromDate || Date.parse(input.toDate) - Date.parse(input.fromDate) > 31 * DAY) {
    throw new DomainError('VALIDATION', 'Choose at most a month, ending after it starts.', { fields: { toDate: 'range_invalid' } });
  }
  return dayBounds(ctx, input.fromDate, input.toDate);
}

export async function schedule(ctx: Ctx, input: ParsedInput<'appointments.schedule'>) {
  const { fromIso, toIso } = await scheduleBounds(ctx, input);
  const session = requireSession(ctx);
  // The doctor and their diary in one read, with the audit log's lock (each patient shown is recorded); nothing of
  // it is shown unless they practise.
  const diary = await readBeforeRecording(ctx, repo.diaryReads(ctx.db, session.userId, fromIso, toIso), 'appointments');
  asPractising(diary.doctor[0]);
  const rows = diary.appointments;
  // The schedule shows patients' names and reasons: each patient seen is an access to their data.
  await recordView(ctx, { action: 'appointment.schedule_viewed', actorId: session.userId, detail: { from: input.fromDate, to: input.toDate } }, rows.map((r) => r.patient_id));
  return {
    appointments: await viewsAs(ctx, rows, { session, isPatient: false, isDoctor: true, isDesk: false }),
    blocked: diary.blocked.map((b) => ({ id: b.id, start: b.start_at, end: b.end_at, reason: b.reason })),
  };
}

export async function history(ctx: Ctx, appointmentId: number) {
  const { row, rel } = await load(ctx, appointmentId);
  if (!rel.isPatient) await record(ctx, { action: 'appointment.history_viewed', actorId: rel.session.userId, patientId: row.patient_id, detail: { appointmentId } });
  return (await repo.historyOf(ctx.db, appointmentId)).map((h) => ({ at: h.at, actorName: h.actor_name ?? null, change: h.change, from: h.from_value, to: h.to_value }));
}

export async function blockTime(ctx: Ctx, input: ParsedInput<'appointments.blockTime'>) {
  const doctor = await practisingDoctor(ctx);
  await lockDiaries(ctx, [doctor.id]);
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
  await lockDiaries(ctx, [doctor.id]);
  const r = await repo.deleteBlock(ctx.db, doctor.id, blockId);
  if (!r.numDeletedRows) throw new DomainError('NOT_FOUND', 'No blocked time has this number.');
  await record(ctx, { action: 'availability.time_unblocked', actorId: requireSession(ctx).userId, detail: { doctorId: doctor.id, blockId } });
  await offerFreedTimes(ctx, doctor.id);
  return { done: true as const };
}

