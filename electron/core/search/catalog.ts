// Every searchable doctor in memory: what a result shows, their words for the token index, their availability
// rules, lookups for the filters and sorts, and caches of each one's first open and next free slot. Built from
// the database (load-catalog.ts) at the first search and again after any change to doctors (the search version
// counter); its busy-time caches are dropped whenever the busy-time counter moves.
import { SPECIALITIES, type Speciality } from '../../../shared/specialities';
import type { AvailabilityRules, Mode } from '../availability/slots';
import { compileSchedule, firstOpenSlot, openSlotsOnDay, rulesForMode, ZoneClocks, type Days, type OpenSlot, type Schedule } from './open-slots';
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
  /** Consultation fees in paise (their own, else the clinic's default). */
  fees: { in_person: number; online: number };
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
export interface DayActivity {
  appointments: Map<number, number>;
  blocked: { doctor_id: number; start_at: string; end_at: string }[];
  /**
   * Per mode key: the start (ms) of the last free slot that day of each doctor whose busy time had to be read
   * (-Infinity: none). The doctor is free while it is still beyond their notice: the clock only takes slots away.
   */
  lastFree?: Map<number, number>[];
}

/** The first open slot (no busy time) of every doctor for one mode key, and when it was worked out. */
interface OpenCache {
  schedules: (Schedule | undefined)[];
  /** Each schedule's notice (ms), NaN until compiled: the hot checks read it here, not from the schedule object. */
  notice: Float64Array;
  rules: (AvailabilityRules | undefined)[];
  ms: Float64Array;
  slot: (OpenSlot | null)[];
  at: Float64Array;
  today: string[];
}

/** Every doctor in order of first open slot (see sortedBySlot). */
interface SlotOrder { docs: Int32Array; key: Float64Array; moved: Uint8Array; displaced: number; at: number; today: string }

/** Minutes since 1970 stay below this until the 23rd century; it stands for "no open slot". */
const NO_MINUTE = 2 ** 27;
/** Name ranks below 2^24: (minute, rank) packs into one double exactly (under 2^51). */
const RANK = 2 ** 24;

/** The mask of a language no doctor speaks (never written to). */
const NOBODY = new Uint8Array(0);

export class Catalog {
  readonly byId = new Map<number, number>();
  readonly tokens: TokenIndex;
  /** Doctors by position in alphabetical order of names, and each doctor's position (a search's second key). */
  readonly byName: Int32Array;
  readonly nameRankOf: Int32Array;
  /** Each doctor's years of experience (the experience order's first key), beside the entries a sort would visit. */
  readonly experienceOf: Int16Array;
  /** Every doctor, most experienced first (then by name). */
  readonly byExperience: Int32Array;
  /** Every doctor's number, and a mask with every doctor in it. */
  readonly everyone: Int32Array;
  readonly all: Uint8Array;
  /** Filters as lookups: speciality (index in SPECIALITIES), modes (MODE_BIT), doctors per speciality and per language. */
  readonly specialityOf: Uint8Array;
  readonly modeBits: Uint8Array;
  /** Per doctor, the consultation fee the maximum-fee filter compares: per mode key (any mode: their cheaper offered mode). */
  readonly feeOf: Float64Array[];
  readonly bySpeciality = new Map<string, number[]>();
  readonly byLanguage = new Map<string, number[]>();
  /** Wall-clock conversions per date and today's date, shared by the searches on this catalog. */
  readonly clocks: ZoneClocks;
  /** Busy time per date, summed up (SearchPass.availableOn), while the busy-time counter stands still. */
  readonly dayActivity = new Map<string, DayActivity>();

  private readonly open: OpenCache[];
  private readonly sorted: (SlotOrder | undefined)[] = [];
  private readonly dayCounts = new Map<string, Int16Array>();
  private readonly speakers = new Map<string, Uint8Array>();
  private busyVersion = '';
  private exactCache: ExactCache[] = [];

  constructor(
    readonly key: string,
    readonly timeZone: string,
    readonly docs: DoctorEntry[],
    readonly holidays: ReadonlySet<string>,
  ) {
    const n = docs.length;
    this.clocks = new ZoneClocks(timeZone);
    this.byName = new Int32Array(n);
    this.nameRankOf = new Int32Array(n);
    this.experienceOf = new Int16Array(n);
    this.everyone = new Int32Array(n);
    this.all = new Uint8Array(n).fill(1);
    this.specialityOf = new Uint8Array(n);
    this.modeBits = new Uint8Array(n);
    this.feeOf = [0, 1, 2].map(() => new Float64Array(n));
    docs.forEach((d, i) => {
      this.byId.set(d.id, i);
      this.byName[d.nameRank] = i;
      this.nameRankOf[i] = d.nameRank;
      this.experienceOf[i] = d.experienceYears;
      this.everyone[i] = i;
      this.specialityOf[i] = SPECIALITIES.indexOf(d.speciality);
      this.modeBits[i] = d.modes.reduce((bits, m) => bits | MODE_BIT[m], 0);
      this.feeOf[1]![i] = d.fees.online;
      this.feeOf[2]![i] = d.fees.in_person;
      // A doctor offering one mode is compared by that mode's fee; one with none set yet, by the cheaper.
      this.feeOf[0]![i] = Math.min(...(d.modes.length ? d.modes : (['online', 'in_person'] as const)).map((m) => d.fees[m]));
      push(this.bySpeciality, d.speciality, i);
      for (const l of d.languageKeys) push(this.byLanguage, l, i);
    });
    this.byExperience = Int32Array.from(this.byName).sort((a, b) => docs[b]!.experienceYears - docs[a]!.experienceYears || docs[a]!.nameRank - docs[b]!.nameRank);
    const specialityTokens = new Map<string, string[]>();
    const wordsOfSpeciality = (s: string) => specialityTokens.get(s) ?? specialityTokens.set(s, specialityWords(s).flatMap(wordsOf)).get(s)!;
    this.tokens = new TokenIndex(
      docs.map((d) => [
        ...wordsOf(d.fullName),
        ...wordsOfSpeciality(d.speciality),
        ...wordsOf(d.specialityOther ?? ''),
        ...wordsOf(d.hospital),
        ...d.qualifications.flatMap((q) => wordsOf(q.degree)),
      ]),
    );
    this.open = [0, 1, 2].map(() => ({
      schedules: new Array<Schedule | undefined>(n),
      notice: new Float64Array(n).fill(NaN),
      rules: new Array<AvailabilityRules | undefined>(n),
      ms: new Float64Array(n).fill(-Infinity),
      slot: new Array<OpenSlot | null>(n).fill(null),
      at: new Float64Array(n),
      today: new Array<string>(n).fill(''),
    }));
  }

  /** The doctor's rules, kept to one mode's ranges when a mode is asked for (what slots.ts is given). */
  rules(doc: number, mk: ModeKey): AvailabilityRules {
    const c = this.open[mk]!;
    const mode = MODE_OF[mk];
    return (c.rules[doc] ??= mode ? rulesForMode(this.docs[doc]!.rules, mode) : this.docs[doc]!.rules);
  }

  schedule(doc: number, mk: ModeKey): Schedule {
    const c = this.open[mk]!;
    let s = c.schedules[doc];
    if (!s) {
      s = c.schedules[doc] = compileSchedule(this.rules(doc, mk));
      c.notice[doc] = s.minNoticeMs;
    }
    return s;
  }

  /** The doctor's minimum notice in this mode (ms). */
  private noticeMs(doc: number, mk: ModeKey): number {
    const n = this.open[mk]!.notice[doc]!;
    return Number.isNaN(n) ? this.schedule(doc, mk).minNoticeMs : n;
  }

  /**
   * The doctor's first open slot ignoring busy time: a lower bound of their next free slot. Kept between
   * searches while it stays exact: it is recomputed once the clock passes it (notice included), on a new
   * clinic day (the horizon moved) or if the clock went back.
   */
  firstOpen(doc: number, mk: ModeKey, days: Days, nowMs: number): OpenSlot | null {
    this.firstOpenMs(doc, mk, days, nowMs);
    return this.open[mk]!.slot[doc]!;
  }

  /** firstOpen's start (ms; Infinity: none), read from its typed array. */
  firstOpenMs(doc: number, mk: ModeKey, days: Days, nowMs: number): number {
    const c = this.open[mk]!;
    if (c.ms[doc]! < nowMs + this.noticeMs(doc, mk) || c.today[doc] !== days.today || nowMs < c.at[doc]!) {
      const slot = firstOpenSlot(this.schedule(doc, mk), days, this.holidays, nowMs);
      c.slot[doc] = slot;
      c.ms[doc] = slot ? slot.startMs : Infinity;
      c.at[doc] = nowMs;
      c.today[doc] = days.today;
    }
    return c.ms[doc]!;
  }

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
        const ms = this.firstOpenMs(d, mk, days, nowMs);
        const minute = ms === Infinity ? NO_MINUTE : Math.floor(ms / 60_000);
        packed[d] = minute * RANK + this.nameRankOf[d]!;
      }
      packed.sort();
      const docs = new Int32Array(n);
      const key = new Float64Array(n);
      packed.forEach((p, i) => {
        const minute = Math.floor(p / RANK);
        docs[i] = this.byName[p - minute * RANK]!;
        key[i] = minute === NO_MINUTE ? Infinity : minute * 60_000;
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

  /**
   * For each doctor asked, how many open slots (busy time aside) they have on day k from now on; -1 when their
   * ranges overlap that day (see openSlotsOnDay). A day that starts after the doctor's notice has run out does not
   * depend on the clock, so its counts are kept (per mode and date) for later searches. None is kept whenever found,
   * as none stays none (the clock and the notice only take slots away), and answered without the doctor's schedule:
   * most doctors of a search for a day have none that day (a Sunday), and reading each one's schedule was most of its
   * time, and all of it on the evening before, when tomorrow starts within their notice.
   */
  openSlotCounts(mk: ModeKey, days: Days, k: number, nowMs: number): (doc: number) => number {
    const dayStart = days.instantOf(days.day(k))(0);
    const key = `${mk}|${days.day(k).date}`;
    let counts = this.dayCounts.get(key);
    if (!counts) {
      if (this.dayCounts.size > 200) this.dayCounts.clear();
      counts = new Int16Array(this.docs.length).fill(-2);
      this.dayCounts.set(key, counts);
    }
    const kept = counts;
    return (doc) => {
      if (kept[doc] === 0) return 0;
      const s = this.schedule(doc, mk);
      const earliestMs = nowMs + s.minNoticeMs;
      if (dayStart === null || dayStart < earliestMs) {
        const n = openSlotsOnDay(s, days, this.holidays, k, earliestMs) ?? -1;
        if (n === 0) kept[doc] = 0;
        return n;
      }
      if (kept[doc] === -2) kept[doc] = openSlotsOnDay(s, days, this.holidays, k, earliestMs) ?? -1;
      return kept[doc]!;
    };
  }

  /** The busy-time counter the caches were worked out under. */
  get busy(): string {
    return this.busyVersion;
  }

  /** A mask of the doctors who speak `language` (one of byLanguage's keys; any other: nobody), kept with the catalog. */
  speaking(language: string): Uint8Array {
    const listed = this.byLanguage.get(language);
    if (!listed) return NOBODY;
    let mask = this.speakers.get(language);
    if (!mask) {
      mask = new Uint8Array(this.docs.length);
      for (const d of listed) mask[d] = 1;
      this.speakers.set(language, mask);
    }
    return mask;
  }

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
    if (ms < nowMs + this.noticeMs(doc, mk) || nowMs < c.at[doc]! || (ms === Infinity && c.today[doc] !== days.today)) return undefined;
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
}
