// Reading the catalog: every searchable doctor, their education, schedule and hours, and the clinic's holidays.
import type { Kysely } from 'kysely';
import type { Speciality } from '../../../shared/specialities';
import type { AvailabilityRules, Mode } from '../availability/slots';
import type { Database } from '../db/schema';
import { holidays as loadHolidays, type AvailabilityRow, type ScheduleRow } from '../scheduling/availability.repo';
import { DEFAULT_SCHEDULE } from '../scheduling/availability.service';
import { Catalog, type DoctorEntry } from './catalog';
import * as repo from './search.repo';
import { normalize } from './text';

const modesOf = (r: { online: number; in_person: number }): Mode[] => [
  ...(r.online ? (['online'] as const) : []),
  ...(r.in_person ? (['in_person'] as const) : []),
];

function rulesOf(
  timeZone: string,
  holidays: string[],
  schedule: ScheduleRow | undefined,
  rows: AvailabilityRow[],
): AvailabilityRules {
  // The same rules availability.service's rulesFor builds for one doctor (tests compare them), in one pass.
  const toRange = (r: AvailabilityRow) => ({ start: r.start_time!, end: r.end_time!, modes: modesOf(r) });
  const byWeekday: (ReturnType<typeof toRange>[] | undefined)[] = [];
  const byDate = new Map<string, ReturnType<typeof toRange>[]>();
  for (const r of rows) {
    if (r.weekday !== null) (byWeekday[r.weekday] ??= []).push(toRange(r));
    if (r.date !== null) {
      const list = byDate.get(r.date) ?? [];
      byDate.set(r.date, list);
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

const group = <T extends { doctor_id: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.doctor_id);
    if (list) list.push(r);
    else map.set(r.doctor_id, [r]);
  }
  return map;
};

/** Reads every searchable doctor (in the caller's transaction, so one consistent snapshot on either database). */
export async function loadCatalog(db: Kysely<Database>, key: string, timeZone: string): Promise<Catalog> {
  const doctors = await repo.searchableDoctors(db);
  const education = group(await repo.educationOfSearchable(db));
  const schedules = new Map((await repo.schedulesOfSearchable(db)).map((s) => [s.doctor_id, s]));
  const availability = group(await repo.availabilityOfSearchable(db));
  const holidays = (await loadHolidays(db)).map((h) => h.date);
  const byStart = (a: AvailabilityRow, b: AvailabilityRow) => {
    const x = a.start_time ?? '';
    const y = b.start_time ?? '';
    return x < y ? -1 : x > y ? 1 : a.id - b.id;
  };
  const docs: DoctorEntry[] = doctors.map((d) => {
    // Ordered by start as availability.repo's availabilityOf orders one doctor's rows, so the rules come out the same.
    const rows = (availability.get(d.id) ?? []).sort(byStart);
    const rules = rulesOf(timeZone, holidays, schedules.get(d.id), rows);
    const weeklyModes = new Set(rules.weekly.flatMap((w) => w.ranges.flatMap((r) => r.modes)));
    const languages = JSON.parse(d.languages) as string[];
    return {
      id: d.id,
      fullName: d.full_name,
      hasPhoto: d.photo_file !== null,
      speciality: d.speciality as Speciality,
      specialityOther: d.speciality_other ?? undefined,
      qualifications: (education.get(d.id) ?? []).map((e) => ({ degree: e.degree, institution: e.institution, year: e.year })),
      hospital: d.hospital,
      experienceYears: d.experience_years,
      languages,
      languageKeys: new Set(languages.map((l) => l.trim().toLowerCase())),
      modes: (['online', 'in_person'] as const).filter((m) => weeklyModes.has(m)),
      rules,
      nameRank: 0,
    };
  });
  // By name without case or accents (a collator per comparison would cost more than the rest of the build).
  const keys = docs.map((d) => normalize(d.fullName));
  [...docs.keys()]
    .sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : docs[a]!.id - docs[b]!.id))
    .forEach((doc, rank) => {
      docs[doc]!.nameRank = rank;
    });
  return new Catalog(key, timeZone, docs, new Set(holidays));
}
