import { zonedParts } from '../../../shared/clinic-time';
import type { BoardAppointment, BoardDoctor, Output, ParsedInput, PatientView, WaitingPatient } from '../../../shared/contract';
import type { Speciality } from '../../../shared/specialities';
import { readBeforeRecording, record, recordView } from '../audit/audit.service';
import { checkInOpensMinutes, clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { serialize } from '../db/dialects';
import { insertRecord, patientById } from '../patients/patients.repo';
import { birthColumns, toView } from '../patients/patients.service';
import { announce, appointmentChange } from '../live/changes';
import { dayBounds } from '../scheduling/clinic-day';
import { allowedChanges } from '../scheduling/status-rules';
import * as repo from './desk.repo';

/**
 * A walk-in: a patient record without a login, from a name and a phone number (email, state, sex and a date of
 * birth or an age if given; the state defaults to the clinic's). A record with the same name and phone number, or the same email, is
 * taken to be the same person: the desk is sent to it instead of making a second record. Families often
 * share one phone, so the phone alone is no duplicate.
 */
export async function registerWalkIn(ctx: Ctx, input: ParsedInput<'patients.registerWalkIn'>): Promise<PatientView> {
  const session = requireSession(ctx);
  const fullName = input.fullName.replace(/\s+/g, ' ');
  // Two seats registering the same person at once: the second waits, then finds the first one's record.
  await serialize(ctx.db, ctx.deps.dialect, `walk-in:${input.phone}`);
  const twin = await repo.sameNameAndPhone(ctx.db, fullName, input.phone);
  if (twin) {
    throw new DomainError('CONFLICT', `${twin.full_name} with this mobile number is already registered (patient number ${twin.id}). Choose that record instead.`, {
      fields: { phone: 'patient_exists' },
    });
  }
  if (input.email) {
    const holder = await repo.withEmail(ctx.db, input.email);
    if (holder) {
      throw new DomainError('CONFLICT', `A patient with this email address is already registered (patient number ${holder.id}). Choose that record instead.`, {
        fields: { email: 'patient_email_exists' },
      });
    }
  }
  const state = input.state ?? (await clinicSettings(ctx))?.state;
  if (!state) throw new DomainError('VALIDATION', 'Choose the state.', { fields: { state: 'state_invalid' } });
  const nowIso = ctx.now.toISOString();
  const id = await insertRecord(ctx.db, {
    user_id: null,
    full_name: fullName,
    email: input.email ?? null,
    phone: input.phone,
    state,
    sex: input.sex ?? null,
    ...birthColumns(ctx, input),
    preferred_language: 'en',
    created_at: nowIso,
    updated_at: nowIso,
  });
  await record(ctx, { action: 'patient.registered', actorId: session.userId, patientId: id });
  return toView((await patientById(ctx.db, id))!);
}

/**
 * A walk-in later signed up: their appointments move to the account's record, which holds the profile the
 * person entered themselves. The walk-in's record stays, marked as linked, so the audit entries about it
 * still name the person; appointments keep their numbers and history. Refused unless the two records share
 * the phone number or the email address, and the desk has confirmed who the person is.
 */
export async function linkAccount(ctx: Ctx, input: ParsedInput<'patients.linkAccount'>): Promise<Output<'patients.linkAccount'>> {
  const session = requireSession(ctx);
  const { walkInPatientId, accountPatientId } = input;
  if (walkInPatientId === accountPatientId) {
    throw new DomainError('VALIDATION', 'Choose the account of the same person, not the walk-in record itself.', { fields: { accountPatientId: 'invalid' } });
  }
  // Lock both diaries (in a fixed order) so no booking for either lands while the appointments move.
  for (const id of [walkInPatientId, accountPatientId].sort((a, b) => a - b)) await serialize(ctx.db, ctx.deps.dialect, `patient:${id}`);
  const [walkIn, account] = await Promise.all([patientById(ctx.db, walkInPatientId), patientById(ctx.db, accountPatientId)]);
  if (!walkIn || walkIn.merged_into !== null) throw new DomainError('NOT_FOUND', 'No walk-in record has this number, or it is already linked.');
  if (walkIn.user_id !== null) throw new DomainError('CONFLICT', 'This record already belongs to an account: there is nothing to link.');
  if (!account || account.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  if (account.user_id === null) {
    throw new DomainError('CONFLICT', 'The other record has no account either. Ask the person to sign up first, then link the two.');
  }
  const samePhone = walkIn.phone === account.phone;
  const sameEmail = !!walkIn.email && walkIn.email === account.email;
  if (!samePhone && !sameEmail) {
    throw new DomainError('CONFLICT', 'The two records share neither the mobile number nor the email address, so they cannot be linked here.');
  }
  if (await repo.activeOverlap(ctx.db, walkIn.id, account.id)) {
    throw new DomainError('CONFLICT', 'Both records have an appointment at the same time. Cancel one of them first, then link the records.');
  }
  const nowIso = ctx.now.toISOString();
  const moved = await repo.moveRecords(ctx.db, walkIn.id, account.id, nowIso);
  await repo.markMerged(ctx.db, walkIn.id, account.id, nowIso);
  const detail = { walkInPatientId: walkIn.id, accountPatientId: account.id, appointments: moved, matched: samePhone ? 'phone' : 'email' };
  // One entry against each record, so the log filtered by either patient number shows the link.
  await record(ctx, { action: 'patient.account_linked', actorId: session.userId, patientId: walkIn.id, detail });
  await record(ctx, { action: 'patient.account_linked', actorId: session.userId, patientId: account.id, detail });
  // The moved appointments now show on the account holder's own list.
  if (moved > 0) announce(ctx, appointmentChange(null, account.user_id));
  return { patient: toView((await patientById(ctx.db, account.id))!), movedAppointments: moved };
}

/**
 * The front desk's day: a column per doctor taking appointments (and any other doctor who still has
 * appointments that day), each with the day's appointments in start order, and who is waiting. Every
 * patient on the board is an access to their data and is recorded.
 */
export async function board(ctx: Ctx, input: ParsedInput<'desk.board'>): Promise<Output<'desk.board'>> {
  const session = requireSession(ctx);
  const timeZone = (await clinicSettings(ctx))?.timeZone ?? 'Asia/Kolkata';
  const today = zonedParts(ctx.now, timeZone).date;
  const { fromIso, toIso } = await dayBounds(ctx, input.date, input.date);
  // Each patient on the board is an access to their data, recorded: the audit log's lock comes with the read.
  const { appointments: rows, doctors } = await readBeforeRecording(ctx, repo.boardReads(ctx.db, fromIso, toIso), 'appointments');

  const nowMs = ctx.now.getTime();
  const opensMinutes = await checkInOpensMinutes(ctx);
  const card = (r: (typeof rows)[number]): BoardAppointment => {
    const changeable = r.status === 'booked' && nowMs < Date.parse(r.start_at);
    return {
      id: r.id,
      number: r.number,
      start: r.start_at,
      end: r.end_at,
      mode: r.mode as BoardAppointment['mode'],
      status: r.status as BoardAppointment['status'],
      reason: r.reason,
      cancelReason: r.cancel_reason,
      patientId: r.patient_id,
      patientName: r.patient_name,
      patientHasAccount: r.patient_user_id !== null,
      contactName: r.holder_name,
      phone: r.patient_phone,
      seriesId: r.series_id,
      checkInCode: r.status === 'booked' && r.mode === 'in_person' ? r.check_in_code : null,
      checkedInAt: r.checked_in_at ?? null,
      queueNumber: r.queue_number,
      canCheckIn: allowedChanges(r, ctx.now, opensMinutes).canCheckIn,
      canCancel: changeable,
      canReschedule: changeable,
    };
  };
  const columns: BoardDoctor[] = doctors.map((d) => ({
    id: d.id,
    fullName: d.full_name,
    speciality: d.speciality as Speciality,
    specialityOther: d.speciality_other ?? undefined,
    practising: d.status === 'verified' && d.suspended_at === null,
    appointments: rows.filter((r) => r.doctor_id === d.id).map(card),
  }));
  const waiting: WaitingPatient[] = rows
    .filter((r) => r.status === 'checked_in')
    .map((r) => ({
      appointmentId: r.id,
      patientId: r.patient_id,
      patientName: r.patient_name,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      start: r.start_at,
      checkedInAt: r.checked_in_at ?? null,
      queueNumber: r.queue_number,
    }));

  await recordView(ctx, { action: 'appointment.board_viewed', actorId: session.userId, detail: { date: input.date } }, rows.map((r) => r.patient_id));
  return { date: input.date, today, doctors: columns, waiting };
}
