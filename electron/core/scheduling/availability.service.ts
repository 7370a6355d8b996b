import type { AvailabilityView, ParsedInput, TimeRangeInput } from '../../../shared/contract';
import type { AvailabilityRules, Mode, TimeRange } from '../availability/slots';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { doctorByUser } from '../doctors/doctors.repo';
import { searchChanged } from '../search/changes';
import * as repo from './availability.repo';

export const DEFAULT_SCHEDULE = { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 60 };

const modesOf = (r: { online: number; in_person: number }): Mode[] => [
  ...(r.online ? (['online'] as const) : []),
  ...(r.in_person ? (['in_person'] as const) : []),
];
const toRange = (r: repo.AvailabilityRow): TimeRange => ({ start: r.start_time!, end: r.end_time!, modes: modesOf(r) });
const toRow = (r: TimeRangeInput): repo.RangeRow => ({ start: r.start, end: r.end, online: r.modes.includes('online'), inPerson: r.modes.includes('in_person') });

/** The doctor signed in, refused unless verified and not suspended: only they may practise. */
export async function practisingDoctor(ctx: Ctx) {
  const doctor = await doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) {
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
  const rules = new Map<number, AvailabilityRules>();
  for (const id of doctorIds) {
    const s = schedules.find((x) => x.doctor_id === id);
    const mine = rows.filter((r) => r.doctor_id === id);
    const weekly = [0, 1, 2, 3, 4, 5, 6]
      .map((weekday) => ({ weekday, ranges: mine.filter((r) => r.weekday === weekday).map(toRange) }))
      .filter((d) => d.ranges.length > 0);
    const dates = [...new Set(mine.filter((r) => r.date !== null).map((r) => r.date!))].sort();
    const exceptions = dates.map((date) => {
      const ranges = mine.filter((r) => r.date === date && r.start_time !== null).map(toRange);
      return ranges.length ? { date, kind: 'hours' as const, ranges } : { date, kind: 'off' as const };
    });
    rules.set(id, {
      timeZone,
      slotMinutes: s?.slot_minutes ?? DEFAULT_SCHEDULE.slotMinutes,
      bufferMinutes: s?.buffer_minutes ?? DEFAULT_SCHEDULE.bufferMinutes,
      minNoticeMinutes: s?.min_notice_minutes ?? DEFAULT_SCHEDULE.minNoticeMinutes,
      horizonDays: s?.horizon_days ?? DEFAULT_SCHEDULE.horizonDays,
      weekly,
      exceptions,
      holidays,
    });
  }
  return rules;
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
  await searchChanged(ctx);
  return view(ctx, doctor.id);
}

export async function setException(ctx: Ctx, input: ParsedInput<'availability.setException'>): Promise<AvailabilityView> {
  const doctor = await practisingDoctor(ctx);
  await repo.replaceException(ctx.db, doctor.id, input.date, input.ranges.map(toRow));
  await searchChanged(ctx);
  return view(ctx, doctor.id);
}

export async function removeException(ctx: Ctx, date: string): Promise<AvailabilityView> {
  const doctor = await practisingDoctor(ctx);
  await repo.replaceException(ctx.db, doctor.id, date, null);
  await searchChanged(ctx);
  return view(ctx, doctor.id);
}

export const holidays = async (ctx: Ctx) => (await repo.holidays(ctx.db)).map((h) => ({ date: h.date, name: h.name }));

export async function setHoliday(ctx: Ctx, date: string, name: string) {
  await repo.setHoliday(ctx.db, date, name);
  await searchChanged(ctx);
  return { done: true as const };
}

export async function removeHoliday(ctx: Ctx, date: string) {
  await repo.removeHoliday(ctx.db, date);
  await searchChanged(ctx);
  return { done: true as const };
}
