import { randomUUID } from 'node:crypto';
import type { Mode } from '../availability/slots';
import { record } from '../audit/audit.service';
import { requireSession, type Ctx } from '../context';
import { newCheckInCode } from './check-in-code';
import type { VideoLinkRow } from '../video/video-links.repo';
import { linkAfterChange, type LinkColumns } from '../video/video-links.service';
import * as repo from './appointments.repo';

// The writes of a booking, a move and a cancellation, once the caller has checked the time (time-check.ts) and
// holds the diaries: one appointment at a time, or every visit of a series in one transaction. Each keeps the
// appointment's history, the audit log and its video link; the caller sends the emails.

export interface NewBooking {
  doctorId: number;
  patientId: number;
  start: Date;
  end: Date;
  mode: Mode;
  reason: string | null;
  seriesId: number | null;
}

/** The appointment's row as a write left it, with its video link (what repo.detailed adds of it). */
export type WrittenRow = repo.AppointmentRow & LinkColumns;

/** `reserved`: the booking's id and number, taken with its check (time-check.ts checkTime). */
export async function insertBooking(ctx: Ctx, b: NewBooking, reserved?: repo.Reserved): Promise<WrittenRow> {
  const actorId = requireSession(ctx).userId;
  const nowIso = ctx.now.toISOString();
  const icsUid = `${randomUUID()}@medlink`;
  const start = b.start.toISOString();
  const end = b.end.toISOString();
  const row = await repo.insertAppointment(ctx.db, {
    doctor_id: b.doctorId, patient_id: b.patientId, start_at: start, end_at: end, mode: b.mode, reason: b.reason, status: 'booked',
    cancel_reason: null, check_in_code: await newCheckInCode(ctx, b.start), queue_number: null, ics_uid: icsUid, created_by: actorId, created_at: nowIso,
    updated_at: nowIso, series_id: b.seriesId,
  }, reserved);
  await repo.addHistory(ctx.db, { appointmentId: row.id, at: nowIso, actorId, change: 'booked', to: { start, mode: b.mode } });
  await record(ctx, { action: 'appointment.booked', actorId, patientId: b.patientId, detail: { appointmentId: row.id, doctorId: b.doctorId } });
  return { ...row, ...(await linkAfterChange(ctx, row)) };
}

/** The appointment as the change leaves it (`row` with `set`), written. */
async function update<R extends repo.DetailedRow>(ctx: Ctx, row: R, set: Partial<repo.AppointmentRow>): Promise<R> {
  await repo.updateAppointment(ctx.db, row.id, set);
  return { ...row, ...set };
}

/** `link`: the appointment's video link as the caller has read it (null: none; absent: not read). */
export async function moveBooking(ctx: Ctx, row: repo.DetailedRow, start: Date, end: Date, mode: Mode, link?: VideoLinkRow | null): Promise<repo.DetailedRow> {
  const actorId = requireSession(ctx).userId;
  const nowIso = ctx.now.toISOString();
  const after = await update(ctx, row, {
    start_at: start.toISOString(), end_at: end.toISOString(), mode,
    // A code is good for its appointment's day only: the moved appointment gets a new one, in the email that moves it.
    check_in_code: await newCheckInCode(ctx, start),
    ics_sequence: row.ics_sequence + 1, updated_at: nowIso,
  });
  await repo.addHistory(ctx.db, {
    appointmentId: row.id, at: nowIso, actorId, change: 'rescheduled', from: { start: row.start_at, mode: row.mode }, to: { start: start.toISOString(), mode },
  });
  await record(ctx, { action: 'appointment.rescheduled', actorId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  return { ...after, ...(await linkAfterChange(ctx, after, { ...row, link })) };
}

export async function cancelBooking(ctx: Ctx, row: repo.DetailedRow, reason: string, link?: VideoLinkRow | null): Promise<repo.DetailedRow> {
  const actorId = requireSession(ctx).userId;
  const nowIso = ctx.now.toISOString();
  const after = await update(ctx, row, { status: 'cancelled', cancel_reason: reason, ics_sequence: row.ics_sequence + 1, updated_at: nowIso });
  await repo.addHistory(ctx.db, { appointmentId: row.id, at: nowIso, actorId, change: 'cancelled', from: { status: row.status }, to: { status: 'cancelled', reason } });
  await record(ctx, { action: 'appointment.cancelled', actorId, patientId: row.patient_id, detail: { appointmentId: row.id } });
  return { ...after, ...(await linkAfterChange(ctx, after, { ...row, link })) };
}
