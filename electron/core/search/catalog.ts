// Every searchable doctor in memory: what a result shows, their words for the token index, their availability
// rules, and a cache of each one's first open slot. Built from the database at the first search and again
// after any change (search.repo's version counter), so it never outlives what it was built from.
import type { Kysely } from 'kysely';
import { SPECIALITIES, type Speciality } from '../../../shared/specialities';
import type { AvailabilityRules, Mode } from '../availability/slots';
import type { Database } from '../db/schema';
import { holidays as loadHolidays, type AvailabilityRow, type ScheduleRow } from '../scheduling/availability.repo';
import { DEFAULT_SCHEDULE } from '../scheduling/availability.service';
import { compileSchedule, firstOpenSlot, rulesForMode, type Days, type OpenSlot, type Schedule } from './open-slots';
import * as repo from './search.repo';
import { specialityWords } from './synonyms';
import { wordsOf } from './text';
import { TokenIndex } from './token-index';

export interface DoctorEntry {
  id: number;
  fullName: string;
  hasPhoto: boolean;
  speciality: Speciality;
  specialityOther?: string;
  qualifications: { degree: string; institution: string; year: number }[];
  hospital: string;
  experienceYears: number;
  languages: string[];
  /** Lower-cased languages, for the case-insensitive filter. */
  languageKeys: Set<string>;
  /** Modes the weekly hours offer. */
  modes: Mode[];
  rules: AvailabilityRules;
  /** Position in alphabetical order of names: the last tie-breaker of every sort. */
  nameRank: number;
}

/** 0: any mode; 1 and 2: the ranges offering that mode only. */
export type ModeKey = 0 | 1 | 2;
export const modeKey = (mode: Mode | undefined): ModeKey => (mode === 'online' ? 1 : mode === 'in_person' ? 2 : 0);
const MODE_OF: (Mode | undefined)[] = [undefined, 'online', 'in_person'];
export const MODE_BIT: Record<Mode, number> = { online: 1, in_person: 2 };

function push<K>(map: Map<K, number[]>, key: K, doc: number) {
  const list = map.get(key);
  if (list) list.push(doc);
  else map.set(key, [doc]);
}

/** A next free slot as a result shows it. */
export interface SlotView { start: string; date: string; time: string; modes: Mode[] }

/** Each doctor's exact next free slot (busy time included), while the busy-time counter stands still. */
interface ExactCache { ms: Float64Array; slot: (SlotView | null)[]; at: Float64Array; today: string[] }

/** What keeps doctors busy on one clinic-local date: appointments per doctor, and blocked time. */
export interface DayActivity { appointments: Map<number, number>; blocked: { doctor_id: number; start_at: string; end_at: string }[] }

/** The first open slot (no busy time) of every doctor for one mode key, and when it was worked out. */
interface OpenCache {
  schedules: (Schedule | undefined)[];
  rules: (AvailabilityRules | undefined)[];
  ms: Float64Array;
  slot: (OpenSlot | null)[];
  at: Float64Array;
  today: string[];
}

const modesOf = (r: { online: number; in_person: number }): Mode[] => [
  ...(r.online ? (['online'] as const) : []),
  ...(r.in_person ? (['in_person'] as const) : []),
];

export class Catalog {
  readonly byId = new Map<number, number>();
  readonly tokens: TokenIndex;
  /** Wall-clock conversions per date, shared by the searches on this catalog. */
  readonly clocks = new Map<string, (minute: number) => number | null>();
  private readonly open: OpenCache[];

  constructor(
    readonly key: string,
    readonly timeZone: string,
    readonly docs: DoctorEntry[],
    readonly holidays: ReadonlySet<string>,
  ) {
    docs.forEach((d, i) => this.byId.set(d.id, i));
    const n = docs.length;
    this.byName = new Int32Array(n);
    this.everyone = new Int32Array(n);
    this.all = new Uint8Array(n).fill(1);
    this.specialityOf = new Uint8Array(n);
    this.modeBits = new Uint8Array(n);
    docs.forEach((d, i) => {
      this.byName[d.nameRank] = i;
      this.everyone[i] = i;
      this.specialityOf[i] = SPECIALITIES.indexOf(d.speciality);
      this.modeBits[i] = (d.modes.includes('online') ? MODE_BIT.online : 0) | (d.modes.includes('in_person') ? MODE_BIT.in_person : 0);
      push(this.bySpeciality, d.speciality, i);
      for (const l of d.languageKeys) push(this.byLanguage, l, i);
    });
    this.byExperience = Int32Array.from(this.byName).sort((a, b) => docs[b]!.experienceYears - docs[a]!.experienceYears || docs[a]!.nameRank - docs[b]!.nameRank);
    const specialityTokens = new Map<string, string[]>();
    this.tokens = new TokenIndex(
      docs.map((d) => [
        ...wordsOf(d.fullName),
        ...(specialityTokens.get(d.speciality) ?? specialityTokens.set(d.speciality, specialityWords(d.speciality).flatMap(wordsOf)).get(d.speciality)!),
        ...wordsOf(d.specialityOther ?? ''),
        ...wordsOf(d.hospital),
        ...d.qualifications.flatMap((q) => wordsOf(q.degree)),
      ]),
    );
    this.open = [0, 1, 2].map(() => ({
      schedules: new Array<Schedule | undefined>(n),
      rules: new Array<AvailabilityRules | undefined>(n),
      ms: new Float64Array(n).fill(-Infinity),
      slot: new Array<OpenSlot | null>(n).fill(null),
      at: new Float64Array(n),
      today: new Array<string>(n).fill(''),
    }));
  }

  private busyVersion = '';
  private exactCache: ExactCache[] = [];
  /** Busy time per date, summed up (search.service's availableOn), while the busy-time counter stands still. */
  readonly dayActivity = new Map<string, DayActivity>();

  /** Forgets everything worked out from busy time once the busy-time counter has moved. */
  syncBusy(version: string): void {
    if (version === this.busyVersion) return;
    this.busyVersion = version;
    const n = this.docs.length;
    this.exactCache = [0, 1, 2].map(() => ({
      ms: new Float64Array(n).fill(-Infinity),
      slot: new Array<SlotView | null>(n).fill(null),
      at: new Float64Array(n),
      today: new Array<string>(n).fill(''),
    }));
    this.dayActivity.clear();
  }

  /**
   * The doctor's exact next free slot worked out by an earlier search (start in ms; Infinity: none), or
   * undefined. It stays exact while busy time and rules do not change and the clock has not passed it (notice
   * included); one of none stays so only until the clinic's day (and so the horizon) moves.
   */
  exact(doc: number, mk: ModeKey, days: Days, nowMs: number): number | undefined {
    const c = this.exactCache[mk]!;
    const ms = c.ms[doc]!;
    if (ms < nowMs + this.schedule(doc, mk).minNoticeMs || nowMs < c.at[doc]! || (ms === Infinity && c.today[doc] !== days.today)) return undefined;
    return ms;
  }

  exactSlot(doc: number, mk: ModeKey): SlotView | null {
    return this.exactCache[mk]!.slot[doc]!;
  }

  setExact(doc: number, mk: ModeKey, slot: SlotView | null, days: Days, nowMs: number): void {
    const c = this.exactCache[mk]!;
    c.ms[doc] = slot ? Date.parse(slot.start) : Infinity;
    c.slot[doc] = slot;
    c.at[doc] = nowMs;
    c.today[doc] = days.today;
  }

  /** Doctors by position in alphabetical order of names. */
  readonly byName: Int32Array;
  /** Every doctor, most experienced first (then by name). */
  readonly byExperience: Int32Array;
  /** Every doctor's number, and a mask with every doctor in it. */
  readonly everyone: Int32Array;
  readonly all: Uint8Array;
  /** Filters as lookups: speciality (index in SPECIALITIES), modes (bit 1 online, bit 2 in person), doctors per speciality and language. */
  readonly specialityOf: Uint8Array;
  readonly modeBits: Uint8Array;
  readonly bySpeciality = new Map<string, number[]>();
  readonly byLanguage = new Map<string, number[]>();
  private readonly sorted: ({ docs: Int32Array; key: Float64Array; moved: Uint8Array; displaced: number; at: number; today: string } | undefined)[] = [];

  /**
   * Every doctor sorted by first open slot (to the minute, then name), for searches over many candidates. Kept
   * between searches while it holds: a doctor whose first open slot has since moved stays where it was (its old
   * key is still a lower bound); after enough of them, a new day, or a clock gone back, it is sorted again.
   */
  sortedBySlot(mk: ModeKey, days: Days, nowMs: number): { docs: Int32Array; key: Float64Array; displaced(doc: number): void } {
    let s = this.sorted[mk];
    if (!s || s.displaced > Math.max(64, this.docs.length / 16) || s.today !== days.today || nowMs < s.at) {
      const n = this.docs.length;
      const packed = new Float64Array(n);
      for (let d = 0; d < n; d++) {
        const ms = this.firstOpen(d, mk, days, nowMs)?.startMs ?? Infinity;
        // Minutes since 1970 fit 2^26 for centuries; names 2^24 ranks: the pair fits a double exactly.
        const minute = ms === Infinity ? 2 ** 26 : Math.floor(ms / 60_000);
        packed[d] = minute * 2 ** 24 + this.docs[d]!.nameRank;
      }
      packed.sort();
      const docs = new Int32Array(n);
      const key = new Float64Array(n);
      packed.forEach((p, i) => {
        const minute = Math.floor(p / 2 ** 24);
        docs[i] = this.byName[p - minute * 2 ** 24]!;
        key[i] = minute === 2 ** 26 ? Infinity : minute * 60_000;
      });
      s = { docs, key, moved: new Uint8Array(n), displaced: 0, at: nowMs, today: days.today };
      this.sorted[mk] = s;
    }
    const entry = s;
    const displaced = (doc: number) => {
      if (entry.moved[doc]) return;
      entry.moved[doc] = 1;
      entry.displaced++;
    };
    return { docs: entry.docs, key: entry.key, displaced };
  }

  /** The doctor's rules, kept to one mode's ranges when a mode is asked for (what slots.ts is given). */
  rules(doc: number, mk: ModeKey): AvailabilityRules {
    const c = this.open[mk]!;
    const mode = MODE_OF[mk];
    return (c.rules[doc] ??= mode ? rulesForMode(this.docs[doc]!.rules, mode) : this.docs[doc]!.rules);
  }

  schedule(doc: number, mk: ModeKey): Schedule {
    const c = this.open[mk]!;
    return (c.schedules[doc] ??= compileSchedule(this.rules(doc, mk)));
  }

  /**
   * The doctor's first open slot ignoring busy time: a lower bound of their next free slot. Kept between
   * searches while it stays exact: it is recomputed once the clock passes it (notice included), on a new
   * clinic day (the horizon moved) or if the clock went back.
   */
  firstOpen(doc: number, mk: ModeKey, days: Days, nowMs: number): OpenSlot | null {
    const c = this.open[mk]!;
    const s = this.schedule(doc, mk);
    if (c.ms[doc]! < nowMs + s.minNoticeMs || c.today[doc] !== days.today || nowMs < c.at[doc]!) {
      const slot = firstOpenSlot(s, days, this.holidays, nowMs);
      c.slot[doc] = slot;
      c.ms[doc] = slot ? slot.startMs : Infinity;
      c.at[doc] = nowMs;
      c.today[doc] = days.today;
    }
    return c.slot[doc]!;
  }
}

function rulesOf(
  timeZone: string,
  holidays: string[],
  schedule: ScheduleRow | undefined,
  rows: AvailabilityRow[],
): AvailabilityRules {
  // The same rules availability.service's rulesFor builds for one doctor (tests compare them).
  const toRange = (r: AvailabilityRow) => ({ start: r.start_time!, end: r.end_time!, modes: modesOf(r) });
  const weekly = [0, 1, 2, 3, 4, 5, 6]
    .map((weekday) => ({ weekday, ranges: rows.filter((r) => r.weekday === weekday).map(toRange) }))
    .filter((d) => d.ranges.length > 0);
  const dates = [...new Set(rows.filter((r) => r.date !== null).map((r) => r.date!))].sort();
  const exceptions = dates.map((date) => {
    const ranges = rows.filter((r) => r.date === date && r.start_time !== null).map(toRange);
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

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Reads every searchable doctor (in the caller's transaction, so one consistent snapshot on either database). */
export async function loadCatalog(db: Kysely<Database>, key: string, timeZone: string): Promise<Catalog> {
  const doctors = await repo.searchableDoctors(db);
  const education = group(await repo.educationOfSearchable(db));
  const schedules = new Map((await repo.schedulesOfSearchable(db)).map((s) => [s.doctor_id, s]));
  const availability = group(await repo.availabilityOfSearchable(db));
  const holidays = (await loadHolidays(db)).map((h) => h.date);
  const docs: DoctorEntry[] = doctors.map((d) => {
    const rows = availability.get(d.id) ?? [];
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
  [...docs.keys()]
    .sort((a, b) => collator.compare(docs[a]!.fullName, docs[b]!.fullName) || docs[a]!.id - docs[b]!.id)
    .forEach((doc, rank) => {
      docs[doc]!.nameRank = rank;
    });
  return new Catalog(key, timeZone, docs, new Set(holidays));
}
