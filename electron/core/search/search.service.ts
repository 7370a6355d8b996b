// Finding a verified doctor: free text with prefixes and one-letter mistakes, filters, and a neutral order.
import type { ParsedInput, SearchResult } from '../../../shared/contract';
import { SPECIALITIES } from '../../../shared/specialities';
import { nextFreeSlot, slotsBetween, type Busy, type Slot } from '../availability/slots';
import { clockTime } from '../availability/tz';
import type { Ctx, Deps } from '../context';
import { loadCatalog, MODE_BIT, modeKey, type Catalog, type DayActivity, type ModeKey, type SlotView } from './catalog';
import { Days, firstOnDay, openSlotsOnDay, touchesBusy, type OpenSlot } from './open-slots';
import { firstBySlot, smallest, type SlotKeys } from './ranking';
import * as repo from './search.repo';
import { queryWords } from './text';

/** Results per search; the next free slot is worked out for these only (and the few that compete for a place). */
export const PAGE_SIZE = 50;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Busy time this long before a slot can still touch it: the longest buffer a doctor may set. */
const MAX_BUFFER = 2 * HOUR;
const RANK = 2 ** 24;
/** From this many candidates on, the next-slot order is read from the catalog's sorted list rather than a heap of them all. */
const SORTED_FROM = 256;

/** Catalog doctor numbers; ALL when no text nor filter narrowed them (most of the work is then skipped). */
type Docs = number[] | typeof ALL;
const ALL = 'all' as const;

interface Holder { catalog: Catalog | null; building: Promise<Catalog> | null; buildingKey: string }
/** One catalog per running app (its Deps), dropped with it; no module-level state beyond this lookup. */
const holders = new WeakMap<Deps, Holder>();

/**
 * The catalog matching the database as this transaction sees it: one settings read per search, a rebuild after
 * a change, and its busy-time caches dropped after a change to appointments or blocked time.
 */
async function catalogFor(ctx: Ctx): Promise<Catalog> {
  const { key, timeZone, busy } = await repo.catalogKey(ctx.db);
  const catalog = await catalogWithKey(ctx, key, timeZone);
  catalog.syncBusy(busy);
  return catalog;
}

async function catalogWithKey(ctx: Ctx, key: string, timeZone: string): Promise<Catalog> {
  let h = holders.get(ctx.deps);
  if (!h) holders.set(ctx.deps, (h = { catalog: null, building: null, buildingKey: '' }));
  if (h.catalog?.key === key) return h.catalog;
  if (h.building && h.buildingKey === key) return h.building;
  const building = loadCatalog(ctx.db, key, timeZone);
  h.building = building;
  h.buildingKey = key;
  try {
    const catalog = await building;
    if (h.building === building) h.catalog = catalog;
    return catalog;
  } finally {
    if (h.building === building) h.building = null;
  }
}

const toBusy = (rows: { startMs: number; endMs: number }[]): Busy[] => rows.map((b) => ({ start: new Date(b.startMs), end: new Date(b.endMs) }));

function groupBusy(rows: repo.BusyRow[]): Map<number, { startMs: number; endMs: number }[]> {
  const map = new Map<number, { startMs: number; endMs: number }[]>();
  for (const r of rows) {
    const b = { startMs: Date.parse(r.start_at), endMs: Date.parse(r.end_at) };
    const list = map.get(r.doctor_id);
    if (list) list.push(b);
    else map.set(r.doctor_id, [b]);
  }
  return map;
}

type NextSlot = SlotView;
const fromOpen = (s: OpenSlot): NextSlot => ({ start: new Date(s.startMs).toISOString(), date: s.date, time: clockTime(s.minute), modes: s.modes });
const fromSlot = (s: Slot): NextSlot => ({ start: s.start.toISOString(), date: s.date, time: s.time, modes: s.modes });

/** One search's view: the catalog, the clock, the mode asked for, and what it has settled so far. */
class Search {
  readonly nowMs: number;
  readonly days: Days;
  /** Doctors the database confirmed, during this search, as verified and not suspended. */
  readonly standing = new Set<number>();

  constructor(
    readonly ctx: Ctx,
    readonly catalog: Catalog,
    readonly mk: ModeKey,
  ) {
    this.nowMs = ctx.now.getTime();
    this.days = new Days(catalog.timeZone, ctx.now, catalog.clocks);
  }

  lowerBound(doc: number): number {
    return this.catalog.firstOpen(doc, this.mk, this.days, this.nowMs)?.startMs ?? Infinity;
  }

  /**
   * The exact next free slot of these doctors: their first open slot unless busy time touches it, and then
   * slots.ts's nextFreeSlot over their rules and busy time. One query reads the busy time around the first open
   * slots and whether each doctor is still verified and not suspended; a second, only for the doctors whose
   * first open slot is taken, reads their busy time up to the horizon.
   */
  async settle(docs: number[]): Promise<void> {
    const c = this.catalog;
    const need = docs.filter((d) => this.exact(d) === undefined);
    if (need.length === 0) return;
    const fromIso = new Date(this.nowMs - MAX_BUFFER).toISOString();
    let until = this.nowMs;
    for (const d of need) {
      const first = c.firstOpen(d, this.mk, this.days, this.nowMs);
      if (first) until = Math.max(until, first.endMs);
    }
    const near = await repo.busyAndStanding(this.ctx.db, need.map((d) => c.docs[d]!.id), fromIso, new Date(until + MAX_BUFFER).toISOString());
    for (const id of near.searchable) this.standing.add(id);
    const nearBusy = groupBusy(near.busy);
    const taken: number[] = [];
    for (const d of need) {
      const first = c.firstOpen(d, this.mk, this.days, this.nowMs);
      const mine = nearBusy.get(c.docs[d]!.id);
      if (first && mine && touchesBusy(first, c.schedule(d, this.mk).bufferMs, mine)) taken.push(d);
      else this.record(d, first ? fromOpen(first) : null);
    }
    if (taken.length === 0) return;
    let horizon = 0;
    for (const d of taken) horizon = Math.max(horizon, c.schedule(d, this.mk).horizonDays);
    const all = groupBusy(await repo.busyOfDoctors(this.ctx.db, taken.map((d) => c.docs[d]!.id), fromIso, new Date(this.nowMs + (horizon + 2) * DAY).toISOString()));
    for (const d of taken) {
      const exact = nextFreeSlot(c.rules(d, this.mk), toBusy(all.get(c.docs[d]!.id) ?? []), this.ctx.now);
      this.record(d, exact ? fromSlot(exact) : null);
    }
  }

  private record(doc: number, slot: NextSlot | null): void {
    this.catalog.setExact(doc, this.mk, slot, this.days, this.nowMs);
  }

  /** The doctor's exact next free slot (ms; Infinity: none) if known and still exact, else undefined. */
  exact(doc: number): number | undefined {
    return this.catalog.exact(doc, this.mk, this.days, this.nowMs);
  }

  /** The first `count` of `docs` by next free slot then `second`; over many candidates, read from the catalog's sorted list. */
  firstBySlot(docs: Docs, count: number, second: (doc: number) => number, secondFollowsName = false): Promise<number[]> {
    const keys: SlotKeys = {
      lowerBound: (d) => this.lowerBound(d),
      exact: (d) => this.exact(d),
      second,
      settle: (ds) => this.settle(ds),
    };
    if (docs !== ALL && docs.length <= SORTED_FROM) return firstBySlot(docs, count, keys);
    let member = this.catalog.all;
    if (docs !== ALL) {
      member = new Uint8Array(this.catalog.docs.length);
      for (const d of docs) member[d] = 1;
    }
    return firstBySlot({ ...this.catalog.sortedBySlot(this.mk, this.days, this.nowMs), member, secondFollowsList: secondFollowsName }, count, keys);
  }

  /**
   * Keeps the doctors with a free slot on that clinic-local date (in the mode asked for). The day's busy time of
   * a whole clinic is many rows, so it is read as a count of appointments per doctor: a doctor with more open
   * slots that day than their appointments could possibly cover is free without looking further; only the few
   * others (and those with blocked time) have their busy time read and their slots worked out by slots.ts.
   */
  async availableOn(docs: Docs, date: string): Promise<number[]> {
    const k = this.days.indexOf(date);
    const list = docs === ALL ? this.catalog.everyone : docs;
    if (k < 0 || list.length === 0) return [];
    const c = this.catalog;
    const open: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const s = c.schedule(d, this.mk);
      if (k <= s.horizonDays && firstOnDay(s, this.days, c.holidays, k, this.nowMs + s.minNoticeMs)) open.push(d);
    }
    if (open.length === 0) return [];
    const midnight = Date.parse(`${date}T00:00:00Z`);
    const dayStart = this.days.instantOf(this.days.day(k))(0) ?? midnight - 14 * HOUR;
    const dayEnd = this.days.instantOf(this.days.day(k + 1))(0) ?? midnight + DAY + 12 * HOUR;
    // Busy time reaching into the day's slots, buffers included.
    const fromMs = dayStart - MAX_BUFFER;
    const toMs = dayEnd + MAX_BUFFER;
    let activity: DayActivity | undefined = c.dayActivity.get(date);
    if (!activity) {
      activity = await repo.activityBetween(this.ctx.db, new Date(fromMs - repo.APPOINTMENT_MAX_MS).toISOString(), new Date(toMs).toISOString());
      c.dayActivity.set(date, activity);
    }
    const blocked = groupBusy(activity.blocked);
    const out: number[] = [];
    const unsure: number[] = [];
    for (const d of open) {
      const id = c.docs[d]!.id;
      const n = activity.appointments.get(id) ?? 0;
      if (blocked.has(id)) unsure.push(d);
      else if (n === 0) out.push(d);
      else {
        const s = c.schedule(d, this.mk);
        // One appointment (at most an hour) with its buffers covers at most this many slots of one range; twice that
        // where it straddles two ranges.
        const covers = 2 * (Math.ceil((repo.APPOINTMENT_MAX_MS + s.slotMs + 2 * s.bufferMs) / s.slotMs) + 1);
        const slots = openSlotsOnDay(s, this.days, c.holidays, k, this.nowMs + s.minNoticeMs);
        if (slots !== null && slots > n * covers) out.push(d);
        else unsure.push(d);
      }
    }
    if (unsure.length > 0) {
      const busy = groupBusy(await repo.busyOfDoctors(this.ctx.db, unsure.map((d) => c.docs[d]!.id), new Date(fromMs).toISOString(), new Date(toMs).toISOString()));
      for (const d of unsure) {
        const mine = busy.get(c.docs[d]!.id) ?? [];
        if (slotsBetween(c.rules(d, this.mk), toBusy(mine), this.ctx.now, date, date).length > 0) out.push(d);
      }
    }
    return out;
  }
}

/** Doctors matching every query word (in any of their fields), with the summed quality of their matches. */
function textMatches(catalog: Catalog, words: string[], score: Int32Array): number[] {
  let alive: number[] | null = null;
  for (const w of words) {
    const q = catalog.tokens.match(w);
    if (alive === null) {
      alive = [];
      for (let d = 0; d < q.length; d++) {
        if (q[d]) {
          alive.push(d);
          score[d] = q[d]!;
        }
      }
    } else {
      alive = alive.filter((d) => (q[d] ? ((score[d]! += q[d]!), true) : false));
    }
    if (alive.length === 0) break;
  }
  return alive ?? [];
}

/** The doctors matching the text and the speciality, mode and language filters. */
function candidates(catalog: Catalog, input: ParsedInput<'doctors.search'>, words: string[], score: Int32Array): Docs {
  const language = input.language?.trim().toLowerCase() || undefined;
  const speciality = input.speciality ? SPECIALITIES.indexOf(input.speciality) : -1;
  const modeBit = input.mode ? MODE_BIT[input.mode] : 0;
  let from: ArrayLike<number>;
  if (words.length > 0) from = textMatches(catalog, words, score);
  else if (input.speciality) from = catalog.bySpeciality.get(input.speciality) ?? [];
  else if (language) from = catalog.byLanguage.get(language) ?? [];
  else if (modeBit) from = catalog.everyone;
  else return ALL;
  const speaks = language ? new Set(catalog.byLanguage.get(language) ?? []) : null;
  const out: number[] = [];
  for (let i = 0; i < from.length; i++) {
    const d = from[i]!;
    if (speciality >= 0 && catalog.specialityOf[d] !== speciality) continue;
    if (modeBit && !(catalog.modeBits[d]! & modeBit)) continue;
    if (speaks && !speaks.has(d)) continue;
    out.push(d);
  }
  return out;
}

/**
 * The page in order. NEUTRAL RANKING: the order depends only on how well the query matched (exact word, then
 * prefix, then one-letter mistake, summed over the query's words, whichever field matched), the next free
 * slot and the name, or on what the patient chose to sort by. No field, setting, payment or sign-up order can
 * lift a doctor, and repeating a word in a profile adds nothing (each query word counts once per doctor).
 */
async function order(search: Search, docs: Docs, score: Int32Array, hasText: boolean, sort: ParsedInput<'doctors.search'>['sort']): Promise<number[]> {
  const c = search.catalog;
  const byName = (d: number) => c.docs[d]!.nameRank;
  // Without text every score is 0, so the second key is the name.
  if (sort === 'next_slot') return search.firstBySlot(docs, PAGE_SIZE, (d) => -score[d]! * RANK + byName(d), !hasText);
  if (sort === 'experience') {
    let page: number[];
    if (docs === ALL) page = Array.from(c.byExperience.subarray(0, PAGE_SIZE));
    else {
      const keys = docs.map((d) => ((70 - Math.min(70, c.docs[d]!.experienceYears)) * 1024 + (1023 - Math.min(1023, score[d]!))) * RANK + byName(d));
      page = smallest(keys, PAGE_SIZE).map((k) => c.byName[k % RANK]!);
    }
    await search.settle(page);
    return page;
  }
  if (docs === ALL) return search.firstBySlot(ALL, PAGE_SIZE, byName, true);
  // Relevance: groups of equal score, best first; within a group, next free slot then name.
  const groups = new Map<number, number[]>();
  for (const d of docs) {
    const g = groups.get(score[d]!);
    if (g) g.push(d);
    else groups.set(score[d]!, [d]);
  }
  const whole: number[][] = [];
  let left = PAGE_SIZE;
  let boundary: number[] | null = null;
  for (const s of [...groups.keys()].sort((a, b) => b - a)) {
    const g = groups.get(s)!;
    if (g.length > left) {
      boundary = g;
      break;
    }
    whole.push(g);
    left -= g.length;
    if (left === 0) break;
  }
  await search.settle(whole.flat());
  const page: number[] = [];
  for (const g of whole) page.push(...(await search.firstBySlot(g, g.length, byName, true)));
  if (boundary) page.push(...(await search.firstBySlot(boundary, left, byName, true)));
  return page;
}

/** Verified, non-suspended doctors matching the text and filters: at most PAGE_SIZE, each with their next free slot. */
export async function search(ctx: Ctx, input: ParsedInput<'doctors.search'>): Promise<SearchResult[]> {
  const catalog = await catalogFor(ctx);
  const s = new Search(ctx, catalog, modeKey(input.mode));
  const words = queryWords(input.text);
  const score = new Int32Array(catalog.docs.length);
  let docs = candidates(catalog, input, words, score);
  if (input.availableOn) docs = await s.availableOn(docs, input.availableOn);
  const page = await order(s, docs, score, words.length > 0, input.sort);

  // A guard behind the catalog: each shown doctor's standing is read now (most came with their busy time), so
  // one suspended or unverified by a change that forgot searchChanged never shows, and the stale catalog is dropped.
  const unchecked = page.map((d) => catalog.docs[d]!.id).filter((id) => !s.standing.has(id));
  for (const id of await repo.stillSearchable(ctx.db, unchecked)) s.standing.add(id);
  const shown = page.filter((d) => s.standing.has(catalog.docs[d]!.id));
  if (shown.length < page.length) {
    const h = holders.get(ctx.deps);
    if (h?.catalog === catalog) h.catalog = null;
  }
  return shown.map((d) => {
    const e = catalog.docs[d]!;
    return {
      id: e.id,
      fullName: e.fullName,
      hasPhoto: e.hasPhoto,
      speciality: e.speciality,
      ...(e.specialityOther ? { specialityOther: e.specialityOther } : {}),
      qualifications: e.qualifications,
      hospital: e.hospital,
      experienceYears: e.experienceYears,
      languages: e.languages,
      modes: e.modes,
      nextSlot: catalog.exactSlot(d, s.mk),
    };
  });
}
