import { addDays, zonedInstant, zonedParts } from '../../../shared/clinic-time';
import { dayPartOf, type DayPart } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { slotsBetween, takenBy, type Busy, type Slot } from '../availability/slots';
import { clinicSettings, waitlistHoldMinutes } from '../clinic/clinic.service';
import { inTransaction, type Ctx, type Deps } from '../context';
import { readTogether, type ReadRows } from '../db/dialects';
import { doctorById } from '../doctors/doctors.repo';
import type { JobHandlers } from '../jobs/jobs.service';
import { enqueueJob } from '../jobs/jobs.service';
import { clinicInfo } from '../mail/notify';
import { enqueueMail } from '../outbox/outbox.service';
import { contactOf } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import { doctorMailInfo } from '../scheduling/appointment-mail';
import { busyOfDoctor, type DoctorOf } from '../scheduling/appointments.repo';
import { rulesFor } from '../scheduling/availability.service';
import { diaryLocks, lockDiaries } from '../scheduling/time-check';
import { announce, sendAnnounced, waitlistChange } from '../live/changes';
import { bumpBusyVersion } from '../search/versions.repo';
import * as repo from './waitlist.repo';

// Offering freed times to the waitlist. Whatever may have freed a doctor's time (a cancellation, a move, new hours
// or exceptions, unblocked time, a removed holiday, an offer declined or let run out) calls offerFreedTimes in its
// own transaction: under the doctor's diary lock, every hold that has run out ends, then each entry still waiting,
// first in line first, is offered the earliest free time that suits it and that it was never offered before. An
// offer holds its time (the booking check counts it as busy) until it expires; a job then moves the list on.

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The day a free time must fall on and the part of the day, for one waiting entry. */
function suits(e: repo.EntryRow, slot: Slot): boolean {
  return slot.date >= e.from_date && slot.date <= e.to_date && (e.day_parts.split(',') as DayPart[]).includes(dayPartOf(slot.time));
}

/** What offerFreedTimes reads of a doctor's waitlist: the holds that have run out, and the entries waiting. */
export async function waitlistReads(ctx: Ctx, doctor: number | DoctorOf) {
  const nowIso = ctx.now.toISOString();
  return { overdue: repo.overdueOffers(ctx.db, doctor, nowIso), entries: repo.entriesToOffer(ctx.db, doctor, await clinicToday(ctx), nowIso) };
}
export type WaitlistRead = ReadRows<Awaited<ReturnType<typeof waitlistReads>>>;

/**
 * Offers the doctor's free times to their waitlist. The caller has taken the doctor's diary lock before writing
 * to the audit log (time-check.ts lockDiaries); it is taken again here, where two seats freeing times of one doctor
 * at once take turns, and the second sees the first one's offers. `read`: waitlistReads' rows, read by the caller
 * under the doctor's lock (with its own read, sparing a round trip).
 */
export async function offerFreedTimes(ctx: Ctx, doctorId: number, read?: WaitlistRead): Promise<void> {
  const nowIso = ctx.now.toISOString();
  const actorId = ctx.session?.userId ?? null;
  // The lock and both reads in one round trip: every change to an offer holds the doctor's lock, so the holds that
  // have run out, read beside the entries, are the ones this run ends.
  const { overdue, entries } = read ?? (await readTogether(ctx.db, ctx.deps.dialect, await waitlistReads(ctx, doctorId), diaryLocks([doctorId])));
  /** The accounts whose offers changed: their windows are told at once. */
  const told: (number | null)[] = [];
  for (const o of overdue) {
    if (!(await repo.closeOffer(ctx.db, o.id, { status: 'expired', answered_at: nowIso }))) continue;
    told.push(o.account_user_id);
    await record(ctx, { action: 'waitlist.offer_expired', actorId: null, patientId: o.patient_id, detail: { doctorId, start: o.start_at } });
  }

  if (entries.length > 0) {
    // Read afresh, not from kept-hours: the call may have just changed the hours (and could still roll back).
    const rules = (await rulesFor(ctx, [doctorId])).get(doctorId)!;
    const today = zonedParts(ctx.now, rules.timeZone).date;
    const from = entries.reduce((d, e) => (e.from_date < d ? e.from_date : d), entries[0]!.to_date);
    const to = entries.reduce((d, e) => (e.to_date > d ? e.to_date : d), today);
    const fromIso = (zonedInstant(from < today ? today : from, '00:00', rules.timeZone) ?? ctx.now).toISOString();
    const toIso = new Date((zonedInstant(addDays(to, 1), '00:00', rules.timeZone) ?? ctx.now).getTime() + DAY).toISOString();
    const busy = (await busyOfDoctor(ctx.db, doctorId, new Date(Date.parse(fromIso) - DAY).toISOString(), toIso, nowIso)).map(
      (b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) }),
    );
    const free = slotsBetween(rules, busy, ctx.now, from, to);
    const before = new Set((await repo.offeredStarts(ctx.db, entries.map((e) => e.id))).map((o) => `${o.entry_id}|${o.start_at}`));
    const patientBusy = await repo.busyOfPatients(ctx.db, [...new Set(entries.map((e) => e.patient_id))], fromIso, toIso);
    const holdMs = (await waitlistHoldMinutes(ctx)) * MINUTE;
    // Times offered in this run are busy for the entries after it.
    const held: Busy[] = [];
    for (const e of entries) {
      const taken = takenBy(held, rules.bufferMinutes);
      const ownBusy = takenBy(patientBusy.filter((b) => b.patient_id === e.patient_id).map((b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) })), 0);
      const slot = free.find(
        (s) => suits(e, s) && !before.has(`${e.id}|${s.start.toISOString()}`) && !taken(s.start.getTime(), s.end.getTime()) && !ownBusy(s.start.getTime(), s.end.getTime()),
      );
      if (!slot) continue;
      held.push({ start: slot.start, end: slot.end });
      // Never held past the last moment it could still be booked.
      const expiresAt = new Date(Math.min(ctx.now.getTime() + holdMs, slot.start.getTime() - rules.minNoticeMinutes * MINUTE));
      const offerId = await repo.insertOffer(ctx.db, {
        entry_id: e.id, doctor_id: doctorId, start_at: slot.start.toISOString(), end_at: slot.end.toISOString(), modes: slot.modes.join(','),
        status: 'open', offered_at: nowIso, expires_at: expiresAt.toISOString(), answered_at: null, appointment_id: null,
      });
      told.push(e.account_user_id);
      await offerMail(ctx, e, slot.start, expiresAt);
      await enqueueJob(ctx, { kind: 'waitlist.expire', payload: { offerId }, dueAt: expiresAt });
      await record(ctx, { action: 'waitlist.offered', actorId, patientId: e.patient_id, detail: { doctorId, start: slot.start.toISOString() } });
    }
  }
  if (told.length === 0) return;
  // Held time is busy time: doctor search's cached free slots follow.
  await bumpBusyVersion(ctx.db);
  announce(ctx, waitlistChange(doctorId, told));
}

/** Tells the patient (a family member: their holder) of the time held for them. */
async function offerMail(ctx: Ctx, e: repo.EntryRow, start: Date, heldUntil: Date) {
  const [patient, doctor] = await Promise.all([patientById(ctx.db, e.patient_id), doctorById(ctx.db, e.doctor_id)]);
  const contact = await contactOf(ctx.db, patient!);
  if (!contact.email) return;
  await enqueueMail(ctx, 'waitlist_offer', {
    to: contact.email,
    language: contact.language,
    data: { clinic: await clinicInfo(ctx), patientName: patient!.full_name, holderName: contact.holder?.full_name, doctor: doctorMailInfo(doctor!), start, heldUntil },
  });
}

/** Today in the clinic's zone. */
export const clinicToday = async (ctx: Ctx) => zonedParts(ctx.now, (await clinicSettings(ctx))?.timeZone ?? 'Asia/Kolkata').date;

/** Offers whatever is free to every doctor's waitlist (a removed holiday frees time for all of them). */
export async function offerToAllWaiting(ctx: Ctx): Promise<void> {
  const doctors = await repo.doctorsWithWaiting(ctx.db, await clinicToday(ctx));
  // Every diary at once, in order, before the first offer writes to the audit log.
  await lockDiaries(ctx, doctors);
  for (const doctorId of doctors) await offerFreedTimes(ctx, doctorId);
}

/** The job queued with each offer, due when its hold runs out: the list moves on, in a short transaction of its own. */
export const waitlistJobHandlers = (deps: Deps): JobHandlers<'waitlist.expire'> => ({
  'waitlist.expire': async (job) => {
    const { offerId } = JSON.parse(job.payload ?? '{}') as { offerId: number };
    return inTransaction(deps, async (ctx) => {
      const offer = await repo.offerById(ctx.db, offerId);
      if (offer?.status === 'open' && offer.expires_at > ctx.now.toISOString()) {
        return { done: false as const, notYet: true, error: 'still held', retryInMs: Date.parse(offer.expires_at) - ctx.now.getTime() };
      }
      if (offer?.status === 'open') {
        await offerFreedTimes(ctx, offer.doctor_id);
        await sendAnnounced(ctx);
      }
      return { done: true as const };
    });
  },
});
