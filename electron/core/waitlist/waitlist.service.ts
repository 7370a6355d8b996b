import { WAITLIST_MAX_DAYS, type DayPart, type Output, type ParsedInput, type WaitlistEntry } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { DomainError, isDesk, requireSession, type Ctx } from '../context';
import { actingFor, actingPatients, mayActFor } from '../patients/acting-for';
import { announce, waitlistChange } from '../live/changes';
import { patientById } from '../patients/patients.repo';
import { book, bookableDoctor } from '../scheduling/appointments.service';
import { lockDiaries } from '../scheduling/time-check';
import { clinicToday, offerFreedTimes } from './offers';
import * as repo from './waitlist.repo';

// A patient (or the front desk for them) waits for a doctor's time; the first in line is offered a freed time
// (offers.ts) and takes it through the normal booking, or declines it and stays on the list.

const DAY = 86_400_000;

function toView(r: repo.ListedEntry): WaitlistEntry {
  return {
    id: r.id,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    patientId: r.patient_id,
    patientName: r.patient_name,
    contactName: r.holder_name,
    phone: r.phone,
    fromDate: r.from_date,
    toDate: r.to_date,
    dayParts: r.day_parts.split(',') as DayPart[],
    reason: r.reason,
    joinedAt: r.created_at,
    offer: r.offer_id
      ? { id: r.offer_id, start: r.offer_start!, end: r.offer_end!, expiresAt: r.offer_expires!, modes: r.offer_modes!.split(',') as ('online' | 'in_person')[] }
      : null,
  };
}

/** The patient a call acts for: the one the front desk names, or the patient themselves or a family member. */
async function patientFor(ctx: Ctx, patientId: number | undefined) {
  if (!isDesk(ctx)) return actingFor(ctx, patientId);
  if (!patientId) throw new DomainError('VALIDATION', 'Choose the patient.', { fields: { patientId: 'patient_required' } });
  const p = await patientById(ctx.db, patientId);
  if (!p || p.merged_into !== null) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  return p;
}

/** An entry the caller may act on: their own or their family's, or any for the front desk. */
async function entryFor(ctx: Ctx, entryId: number) {
  const entry = await repo.entryById(ctx.db, entryId);
  if (!entry || (!isDesk(ctx) && !(await mayActFor(ctx, entry.patient_id)))) throw new DomainError('NOT_FOUND', 'No waitlist place has this number.');
  return entry;
}

export async function join(ctx: Ctx, input: ParsedInput<'waitlist.join'>): Promise<WaitlistEntry> {
  const session = requireSession(ctx);
  const doctor = await bookableDoctor(ctx, input.doctorId);
  const patient = await patientFor(ctx, input.patientId);
  // A time free now is offered at once, under the doctor's lock (taken before the audit log's).
  await lockDiaries(ctx, [doctor.id]);
  const today = await clinicToday(ctx);
  if (input.toDate < today) throw new DomainError('VALIDATION', 'Choose days from today on.', { fields: { toDate: 'date_past' } });
  if (Date.parse(input.toDate) - Date.parse(input.fromDate) > WAITLIST_MAX_DAYS * DAY) {
    throw new DomainError('VALIDATION', `Choose at most ${WAITLIST_MAX_DAYS} days.`, { fields: { toDate: 'range_too_long' } });
  }
  if (await repo.waitingFor(ctx.db, doctor.id, patient.id, today)) {
    throw new DomainError('CONFLICT', `${patient.full_name} is already on this doctor's waitlist. Leave it first to choose other days.`);
  }
  const nowIso = ctx.now.toISOString();
  const id = await repo.insertEntry(ctx.db, {
    doctor_id: doctor.id, patient_id: patient.id, from_date: input.fromDate < today ? today : input.fromDate, to_date: input.toDate,
    day_parts: [...new Set(input.dayParts)].join(','), reason: input.reason || null, status: 'waiting', created_by: session.userId, created_at: nowIso, updated_at: nowIso,
  });
  await record(ctx, { action: 'waitlist.joined', actorId: session.userId, patientId: patient.id, detail: { doctorId: doctor.id, from: input.fromDate, to: input.toDate } });
  announce(ctx, waitlistChange(doctor.id));
  // A time that suits may be free already: it is offered at once.
  await offerFreedTimes(ctx, doctor.id);
  return toView((await repo.entriesOfPatients(ctx.db, [patient.id], today)).find((e) => e.id === id)!);
}

export async function leave(ctx: Ctx, entryId: number): Promise<Output<'waitlist.leave'>> {
  const entry = await entryFor(ctx, entryId);
  await lockDiaries(ctx, [entry.doctor_id]);
  if (entry.status !== 'waiting') throw new DomainError('CONFLICT', 'This place on the waitlist has already ended.');
  const nowIso = ctx.now.toISOString();
  await repo.setEntryStatus(ctx.db, entry.id, 'left', nowIso);
  const open = await repo.openOfferOfEntry(ctx.db, entry.id);
  if (open) await repo.closeOffer(ctx.db, open.id, { status: 'withdrawn', answered_at: nowIso });
  await record(ctx, { action: 'waitlist.left', actorId: requireSession(ctx).userId, patientId: entry.patient_id, detail: { doctorId: entry.doctor_id } });
  announce(ctx, waitlistChange(entry.doctor_id));
  // A time it held goes to the next one waiting.
  if (open) await offerFreedTimes(ctx, entry.doctor_id);
  return { done: true };
}

/** Where the signed-in patient and their family wait, each with any time held for them. */
export async function mine(ctx: Ctx): Promise<WaitlistEntry[]> {
  const ids = (await actingPatients(ctx)).map((p) => p.id);
  return (await repo.entriesOfPatients(ctx.db, ids, await clinicToday(ctx))).map(toView);
}

/** A doctor's list for the front desk, first in line first; every patient on it is an access to their data. */
export async function ofDoctor(ctx: Ctx, doctorId: number): Promise<WaitlistEntry[]> {
  const rows = await repo.entriesOfDoctor(ctx.db, doctorId, await clinicToday(ctx));
  await recordView(ctx, { action: 'waitlist.viewed', actorId: requireSession(ctx).userId, detail: { doctorId } }, rows.map((r) => r.patient_id));
  return rows.map(toView);
}

/** An offer the caller may answer, still holding its time. */
async function openOffer(ctx: Ctx, offerId: number) {
  // Read again once the doctor's diary is held: another seat may have answered it or let it run out meanwhile.
  const found = await repo.offerById(ctx.db, offerId);
  if (found) await lockDiaries(ctx, [found.doctor_id]);
  const offer = found && (await repo.offerById(ctx.db, offerId));
  const entry = offer && (await repo.entryById(ctx.db, offer.entry_id));
  if (!offer || !entry || (!isDesk(ctx) && !(await mayActFor(ctx, entry.patient_id)))) throw new DomainError('NOT_FOUND', 'No offer has this number.');
  if (offer.status !== 'open' || offer.expires_at <= ctx.now.toISOString()) {
    throw new DomainError('CONFLICT', 'This offer has ended: the time was held until it ran out, or it was answered already. You are still on the waitlist.');
  }
  return { offer, entry };
}

/** Books the held time through the normal booking path (every check it makes), then the place on the list ends. */
export async function take(ctx: Ctx, input: ParsedInput<'waitlist.take'>): Promise<Output<'waitlist.take'>> {
  const { offer, entry } = await openOffer(ctx, input.offerId);
  const appointment = await book(
    ctx,
    { doctorId: offer.doctor_id, start: offer.start_at, mode: input.mode, reason: input.reason || entry.reason || undefined, patientId: entry.patient_id },
    offer.id,
  );
  const nowIso = ctx.now.toISOString();
  await repo.closeOffer(ctx.db, offer.id, { status: 'taken', answered_at: nowIso, appointment_id: appointment.id });
  await repo.setEntryStatus(ctx.db, entry.id, 'booked', nowIso);
  await record(ctx, { action: 'waitlist.offer_taken', actorId: requireSession(ctx).userId, patientId: entry.patient_id, detail: { appointmentId: appointment.id } });
  announce(ctx, waitlistChange(offer.doctor_id));
  return { appointmentId: appointment.id, number: appointment.number, start: appointment.start };
}

/** The time goes to the next one waiting; this patient stays on the list and is never offered this time again. */
export async function decline(ctx: Ctx, offerId: number): Promise<Output<'waitlist.decline'>> {
  const { offer, entry } = await openOffer(ctx, offerId);
  await repo.closeOffer(ctx.db, offer.id, { status: 'declined', answered_at: ctx.now.toISOString() });
  await record(ctx, { action: 'waitlist.offer_declined', actorId: requireSession(ctx).userId, patientId: entry.patient_id, detail: { doctorId: offer.doctor_id, start: offer.start_at } });
  announce(ctx, waitlistChange(offer.doctor_id));
  await offerFreedTimes(ctx, offer.doctor_id);
  return { done: true };
}
