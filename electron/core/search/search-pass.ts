// One search's work on next free slots: settling them (exactly, busy time included) for the doctors that
// compete for the page, ordering by them without settling everyone, and the "free on this date" filter.
import { clockTime } from '../../../shared/clinic-time';
import { nextFreeSlot, slotsBetween, type Busy, type Slot } from '../availability/slots';
import type { Ctx } from '../context';
import type { Catalog, DayActivity, ModeKey, SlotView } from './catalog';
import { Days, touchesBusy, type OpenSlot } from './open-slots';
import { firstBySlot, type SlotKeys } from './ranking';
import * as repo from './search.repo';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far past the first open slots settle's first read looks. */
const NEAR_WINDOW = DAY;
/** Busy time this long before a slot can still touch it: the longest buffer a doctor may set. */
const MAX_BUFFER = 2 * HOUR;
/** From this many candidates on, the next-slot order is read from the catalog's sorted list rather than a heap of them all. */
const SORTED_FROM = 256;

/** Catalog doctor numbers; ALL when no text nor filter narrowed them (most of the work is then skipped). */
export const ALL = 'all' as const;
export type Docs = number[] | typeof ALL;

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

/** One search's view: the catalog, the clock and the mode asked for. */
export class SearchPass {
  readonly nowMs: number;
  readonly days: Days;

  constructor(
    readonly ctx: Ctx,
    readonly catalog: Catalog,
    readonly mk: ModeKey,
  ) {
    this.nowMs = ctx.now.getTime();
    this.days = new Days(ctx.now, catalog.clocks);
  }

  lowerBound(doc: number): number {
    return this.catalog.firstOpenMs(doc, this.mk, this.days, this.nowMs);
  }

  /**
   * The exact next free slot of these doctors: their first open slot unless busy time touches it, and then
   * slots.ts's nextFreeSlot over their rules and busy time. One query reads the busy time around the first open
   * slots; a second, only for the doctors whose first open slot is taken, reads their busy time up to the horizon.
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
    // A day past the latest first open slot: a doctor whose first slot is taken mostly has a free one soon after,
    // found in the same read (busy time touching the window is all read, so a slot ending a buffer before its end is exact).
    const windowEndMs = until + NEAR_WINDOW;
    const nearBusy = groupBusy(await repo.busyOfDoctors(this.ctx.db, need.map((d) => c.docs[d]!.id), fromIso, new Date(windowEndMs + MAX_BUFFER).toISOString()));
    const taken: number[] = [];
    for (const d of need) {
      const first = c.firstOpen(d, this.mk, this.days, this.nowMs);
      const mine = nearBusy.get(c.docs[d]!.id);
      if (!(first && mine && touchesBusy(first, c.schedule(d, this.mk).bufferMs, mine))) {
        this.record(d, first ? fromOpen(first) : null);
        continue;
      }
      const soon = nextFreeSlot(c.rules(d, this.mk), toBusy(mine), this.ctx.now);
      if (soon && soon.end.getTime() <= windowEndMs) this.record(d, fromSlot(soon));
      else taken.push(d);
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
      for (let i = 0; i < docs.length; i++) member[docs[i]!] = 1;
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
    const slots: number[] = [];
    const openSlots = c.openSlotCounts(this.mk, this.days, k, this.nowMs);
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const n = openSlots(d);
      if (n === 0 || k > c.schedule(d, this.mk).horizonDays) continue;
      open.push(d);
      slots.push(n);
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
    const blocked = new Set(activity.blocked.map((b) => b.doctor_id));
    const out: number[] = [];
    const unsure: number[] = [];
    open.forEach((d, i) => {
      const id = c.docs[d]!.id;
      const n = activity.appointments.get(id) ?? 0;
      const s = c.schedule(d, this.mk);
      // One appointment (at most an hour) with its buffers covers at most this many slots of one range; twice that
      // where it straddles two ranges.
      const covers = 2 * (Math.ceil((repo.APPOINTMENT_MAX_MS + s.slotMs + 2 * s.bufferMs) / s.slotMs) + 1);
      if (!blocked.has(id) && slots[i]! > n * covers) out.push(d);
      else unsure.push(d);
    });
    const lastFree = (activity.lastFree ??= [new Map(), new Map(), new Map()])[this.mk]!;
    const ask = unsure.filter((d) => {
      const last = lastFree.get(d);
      if (last !== undefined && last >= this.nowMs + c.schedule(d, this.mk).minNoticeMs) out.push(d);
      return last === undefined;
    });
    if (ask.length > 0) {
      const busy = groupBusy(await repo.busyOfDoctors(this.ctx.db, ask.map((d) => c.docs[d]!.id), new Date(fromMs).toISOString(), new Date(toMs).toISOString()));
      for (const d of ask) {
        const free = slotsBetween(c.rules(d, this.mk), toBusy(busy.get(c.docs[d]!.id) ?? []), this.ctx.now, date, date);
        if (free.length > 0) out.push(d);
        lastFree.set(d, free.reduce((last, s) => Math.max(last, s.start.getTime()), -Infinity));
      }
    }
    return out;
  }
}

