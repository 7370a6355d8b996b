import type { AvailabilityView, ParsedInput, TimeRangeInput } from '../../../shared/contract';
import type { AvailabilityRules, Mode, TimeRange } from '../availability/slots';
import { record } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { doctorByUser, type DoctorRow } from '../doctors/doctors.repo';
import { hasPractised } from '../doctors/doctors.service';
import { searchChanged } from '../search/changes';
// New hours free times for the waitlist (offers.ts reads these services' rules in turn: a cycle of functions only).
import { offerFreedTimes, offerToAllWaiting } from '../waitlist/offers';
import { lockDiaries } from './time-check';
import * as repo from './availability.repo';

const DEFAULT_SCHEDULE = { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 60 };

const modesOf = (r: { online: number; in_person: number }): Mode[] => [
  ...(r.online ? (['online'] as const) : []),
  ...(r.in_person ? (['in_person'] as const) : []),
];
const toRange = (r: repo.AvailabilityRow): TimeRange => ({ start: r.start_time!, end: r.end_time!, modes: modesOf(r) });
const byStart = (a: repo.AvailabilityRow, b: repo.AvailabilityRow) => {
  const x = a.start_time ?? '';
  const y = b.start_time ?? '';
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
};
const toRow = (r: TimeRangeInput): repo.RangeRow => ({ start: r.start, end: r.end, online: r.modes.includes('online'), inPerson: r.modes.includes('in_person') });

/**
 * The doctor signed in, refused unless verified (or verified before and waiting for changed credentials to be
 * checked again, who keeps their diary) and not suspended. Bookings check that the doctor is verified now.
 */
export const practisingDoctor = async (ctx: Ctx) => asPractising(await doctorByUser(ctx.db, requireSession(ctx).userId));

/** The signed-in doctor's row as read, refused as practisingDoctor refuses. */
export function asPractising<D extends Pick<DoctorRow, 'status' | 'verified_before_at' | 'suspended_at'>>(doctor: D | undefined): D {
  if (!doctor || !hasPractised(doctor) || doctor.suspended_at) {
    throw new DomainError('FORBIDDEN', 'Only a verified doctor can do this. Your credentials are still being checked, or your account is suspended.');
  }
  return doctor;
}

/** Each doctor's availability rules in the clinic's zone, with the clinic's holidays. */
export async function rulesFor(ctx: Ctx, doctorIds: number[]): Promise<Map<number, AvailabilityRules>> {
  const [clinic, schedules, rows, days] = await Promise.all([
    clinicSettings(ctx),
    repo.scheduleOf(ctx.db, doctorIds),
    repo.availabilityOf(ctx.db, doctorIds),
    repo.holidays(ctx.db),
  ]);
  const timeZone = clinic?.timeZone ?? 'Asia/Kolkata';
  const holidays = days.map((d) => d.date);
  return new Map(
    doctorIds.map((id) => [id, rulesOf(timeZone, holidays, schedules.find((s) => s.doctor_id === id), rows.filter((r) => r.doctor_id === id))]),
  );
}

/**
 * One doctor's rules from their schedule and availability rows (in any order): booking reads them through
 * rulesFor, search's catalog for every searchable doctor at once.
 */
export function rulesOf(timeZone: string, holidays: string[], schedule: repo.ScheduleRow | undefined, rows: readonly repo.AvailabilityRow[]): AvailabilityRules {
  const byWeekday: (TimeRange[] | undefined)[] = [];
  const byDate = new Map<string, TimeRange[]>();
  // Ranges in order of start, so the rules (and the hours a doctor is shown) come out the same on either database.
  for (const r of [...rows].sort(byStart)) {
    if (r.weekday !== null) (byWeekday[r.weekday] ??= []).push(toRange(r));
    if (r.date !== null) {
      const list = byDate.get(r.date) ?? [];
      byDate.set(r.date, list);
      // A row without times is the date's day off.
      if (r.start_time !== null) list.push(toRange(r));
    }
  }
  const weekly: AvailabilityRules['weekly'] = [];
  byWeekday.forEach((ranges, weekday) => {
    if (ranges?.length) weekly.push({ weekday, ranges });
  });
  const exceptions = [...byDate.keys()].sort().map((date) => {
    const ranges = byDate.get(date)!;
    return ranges.length ? { date, kind: 'hours' as const, ranges } : { date, kind: 'off' as const };
  });
  return {
    timeZone,
    slotMinutes: schedule?.slot_minutes ?? DEFAULT_SCHEDULE.slotMinutes,
    bufferMinutes: schedule?.buffer_minutes ?? DEFAULT_SCHEDULE.bufferMinutes,
    minNoticeMinutes: schedule?.min_notice_minutes ?? DEFAULT_SCHEDULE.minNoticeMinutes,
    horizonDays: schedule?.horizon_days ?? DEFAULT_SCHEDULE.horizonDays,
    weekly,
    exceptions,
    holidays,
  };
}

async function view(ctx: Ctx, doctorId: number): Promise<AvailabilityView> {
  const r = (await rulesFor(ctx, [doctorId])).get(doctorId)!;
  return {
    settings: { slotMinutes: r.slotMinutes, bufferMinutes: r.bufferMinutes, minNoticeMinutes: r.minNoticeMinutes, horizonDays: r.horizonDays },
    weekly: r.weekly,
    exceptions: r.exceptions.map((e) => ({ date: e.date, ranges: e.kind === 'hours' ? e.ranges : [] })),
  };
}

export const get = async (ctx: Ctx) => view(ctx, (await practisingDoctor(ctx)).id);

export async function save(ctx: Ctx, input: ParsedInput<'availability.save'>): Promise<AvailabilityView> {
  const doctor = await practisingDoctor(ctx);
  await lockDiaries(ctx, [doctor.id]);
  const { settings } = input;
  await repo.saveSchedule(ctx.db, {
    doctor_id: doctor.id,
    slot_minutes: settings.slotMinutes,
    buffer_minutes: settings.bufferMinutes,
    min_notice_minutes: settings.minNoticeMinutes,
    horizon_days: settings.horizonDays,
    updated_at: ctx.now.toISOString(),
  });
  await repo.replaceWeekly(ctx.db, doctor.id, input.weekly.map((d) => ({ weekday: d.weekday, ranges: d.ranges.map(toRow) })));
  await record(ctx, { action: 'availability.hours_saved', actorId: requireSession(ctx).userId, detail: { doctorId: doctor.id, ...settings, weekly: input.weekly } });
  await searchChanged(ctx);
  await offerFreedTimes(ctx, doctor.id);
  return view(ctx, doctor.id);
}

export async function setException(ctx: Ctx, input: ParsedInput<'availability.setException'>): Promise<AvailabilityView> {
  const doctor = await practisingDoctor(ctx);
  await lockDiaries(ctx, [doctor.id]);
  await repo.replaceException(ctx.db, doctor.id, input.date, input.ranges.map(toRow));
  await record(ctx, { action: 'availability.exception_set', actorId: requireSession(ctx).userId, detail: { doctorId: doctor.id, date: input.date, ranges: input.ranges } });
  await searchChanged(ctx);
  await offerFreedTimes(ctx, doctor.id);
  return view(ctx, doctor.id);
}

export async function removeException(ctx: Ctx, date: string): Promise<AvailabilityView> {
  const doctor = await practisingDoctor(ctx);
  await lockDiaries(ctx, [doctor.id]);
  await repo.replaceException(ctx.db, doctor.id, date, null);
  await record(ctx, { action: 'availability.exception_removed', actorId: requireSession(ctx).userId, detail: { doctorId: doctor.id, date } });
  await searchChanged(ctx);
  await offerFreedTimes(ctx, doctor.id);
  return view(ctx, doctor.id);
}

export const holidays = async (ctx: Ctx) => (await repo.holidays(ctx.db)).map((h) => ({ date: h.date, name: h.name }));

export async function setHoliday(ctx: Ctx, date: string, name: string) {
  await repo.setHoliday(ctx.db, date, name);
  await record(ctx, { action: 'holiday.set', actorId: requireSession(ctx).userId, detail: { date, name } });
  await searchChanged(ctx);
  return { done: true as const };
}

export async function removeHoliday(ctx: Ctx, date: string) {
  await repo.removeHoliday(ctx.db, date);
  await searchChanged(ctx);
  // Before the audit row: the waitlists' diaries are locked before the log's lock.
  await offerToAllWaiting(ctx);
  await record(ctx, { action: 'holiday.removed', actorId: requireSession(ctx).userId, detail: { date } });
  return { done: true as const };
}
