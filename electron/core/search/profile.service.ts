import { addDays, zonedParts } from '../../../shared/clinic-time';
import type { DoctorProfile } from '../../../shared/contract';
import type { Speciality } from '../../../shared/specialities';
import { nextFreeSlot, slotsBetween, weeklyModes, type Busy } from '../availability/slots';
import { effectiveFees, feeDefaultsFrom } from '../billing/billing-settings';
import { clinicSettingsFrom } from '../clinic/clinic.service';
import { DomainError, type Ctx } from '../context';
import { photoDataUrl } from '../doctors/doctor-profile.service';
import { busyOfDoctor } from '../scheduling/appointments.repo';
import { rulesOf } from '../scheduling/availability.service';
import { slotView } from '../scheduling/slots.service';
import { profileRows } from './profile.repo';

const DAY = 86_400_000;
/** Free slots shown on a profile: today and the six clinic-local days after it. */
const PROFILE_DAYS = 7;
/** Busy time read with the profile: from a buffer's length before now (at most two hours) to this far ahead. */
const NEAR_MS = (PROFILE_DAYS + 2) * DAY;
const BEFORE_MS = 2 * 3_600_000;

const toBusy = (rows: { start_at: string; end_at: string }[]): Busy[] => rows.map((b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) }));

/**
 * A verified, non-suspended doctor's public profile: credentials, where and how they see patients, their next
 * free slot and the free slots of the coming week. Email and phone only when the doctor chose to show them.
 */
export async function profile(ctx: Ctx, doctorId: number): Promise<DoctorProfile> {
  const nowMs = ctx.now.getTime();
  const fromIso = new Date(nowMs - BEFORE_MS).toISOString();
  const nearEnd = nowMs + NEAR_MS;
  const row = await profileRows(ctx.db, ctx.deps.dialect, doctorId, { fromIso, toIso: new Date(nearEnd).toISOString(), nowIso: ctx.now.toISOString() });
  if (!row || row.status !== 'verified' || row.suspended_at) {
    throw new DomainError('NOT_FOUND', 'This doctor is not on the clinic’s list of doctors.');
  }
  const clinic = clinicSettingsFrom(row.settings);
  const rules = rulesOf(clinic?.timeZone ?? 'Asia/Kolkata', row.holidays, row.schedule, row.availability);
  const today = zonedParts(ctx.now, rules.timeZone).date;
  // The busy time read with the profile covers the week shown; a next free slot beyond it (its buffer included),
  // or none, is worked out again with the busy time of the whole horizon.
  let busy = toBusy(row.busy);
  let next = nextFreeSlot(rules, busy, ctx.now);
  if (!next || next.end.getTime() + rules.bufferMinutes * 60_000 > nearEnd) {
    busy = toBusy(await busyOfDoctor(ctx.db, row.id, fromIso, new Date(nowMs + (rules.horizonDays + 2) * DAY).toISOString(), ctx.now.toISOString()));
    next = nextFreeSlot(rules, busy, ctx.now);
  }
  const fees = effectiveFees(row.fees, feeDefaultsFrom(row.settings));
  return {
    id: row.id,
    fullName: row.full_name,
    hasPhoto: row.photo_file !== null,
    speciality: row.speciality as Speciality,
    ...(row.speciality_other ? { specialityOther: row.speciality_other } : {}),
    qualifications: row.education.map((e) => ({ degree: e.degree, institution: e.institution, year: e.year })),
    hospital: row.hospital,
    experienceYears: row.experience_years,
    languages: JSON.parse(row.languages) as string[],
    modes: weeklyModes(rules),
    nextSlot: next ? { start: next.start.toISOString(), date: next.date, time: next.time, modes: next.modes } : null,
    fees: { in_person: fees.consultation_in_person, online: fees.consultation_online },
    registrationNumber: row.registration_number,
    registrationCouncil: row.registration_council,
    ...(row.bio ? { bio: row.bio } : {}),
    clinicAddress: clinic?.address ?? '',
    ...(row.show_email ? { email: row.email } : {}),
    ...(row.show_phone ? { phone: row.phone } : {}),
    ...(row.photo_file ? { photo: await photoDataUrl(ctx, row.photo_file) } : {}),
    slots: slotsBetween(rules, busy, ctx.now, today, addDays(today, PROFILE_DAYS - 1)).map(slotView),
  };
}
