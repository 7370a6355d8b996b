// Doctors' hours as last read, kept in memory while the hours counter doctor search keeps stands still
// (search/versions.repo.ts: raised in the same transaction as any change to hours, schedule settings, holidays or
// who is searchable, on every seat; with the clinic's zone). Two things are kept per app:
// - each doctor's rules (what availability.service's rulesFor reads: three statements, each a round trip on
//   PostgreSQL), for the booking's check and the slot lists;
// - their open slots over a range of days as slots.ts worked them out before busy time, already in the shape the
//   screens receive. A kept list is what slots.ts would give again: a later instant on the same clinic day only
//   drops the starts it has passed (with the notice), and the horizon moves only with the day. Busy time is read
//   for every call; slotsBetween's answer is then the kept list without what takenBy says is taken.
// Read the counter (search.repo's versionRows) in the caller's transaction before the hours (or in one statement
// with other reads), so what is kept under it is never older than it says; and never from a transaction that has
// itself changed hours (a rollback would leave rules kept under a counter value that comes back with other hours).
import type { SlotView } from '../../../shared/contract';
import { zonedParts } from '../../../shared/clinic-time';
import type { AvailabilityRules } from '../availability/slots';
import { firstAtOrAfter } from '../sorted';
import type { Ctx, Deps } from '../context';
import type { Versions } from '../search/search.repo';
import { rulesFor } from './availability.service';

const MINUTE = 60_000;
/** Kept per app, the least recently used going first. A list of 60 days is some 3,000 slots. */
const MAX_LISTS = 200;
const MAX_RULES = 5_000;

export interface OpenList {
  rules: AvailabilityRules;
  views: SlotView[];
  startsMs: number[];
  endsMs: number[];
  /** The first slot still bookable now. */
  first: number;
}

interface KeptList extends Omit<OpenList, 'first'> {
  hoursKey: string;
  today: string;
  atMs: number;
}

export interface ListRequest {
  doctorId: number;
  fromDate: string;
  toDate: string;
}

const listKey = (r: ListRequest) => `${r.doctorId}|${r.fromDate}|${r.toDate}`;

function touch<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

class KeptHours {
  private readonly rules = new Map<number, { hoursKey: string; rules: AvailabilityRules }>();
  private readonly lists = new Map<string, KeptList>();

  async rulesOf(ctx: Ctx, doctorId: number, versions: Versions): Promise<AvailabilityRules> {
    const kept = this.rules.get(doctorId);
    if (kept?.hoursKey === versions.key) return kept.rules;
    const rules = (await rulesFor(ctx, [doctorId])).get(doctorId)!;
    return touch(this.rules, doctorId, { hoursKey: versions.key, rules }, MAX_RULES).rules;
  }

  /** The open slots from `now` on, if a list worked out under the same hours counter earlier this clinic day is kept. */
  openList(request: ListRequest, versions: Versions, now: Date): OpenList | null {
    const key = listKey(request);
    const kept = this.lists.get(key);
    const nowMs = now.getTime();
    if (!kept || kept.hoursKey !== versions.key || nowMs < kept.atMs || zonedParts(now, versions.timeZone).date !== kept.today) return null;
    touch(this.lists, key, kept, MAX_LISTS);
    // Starts are in order: the first one still far enough ahead.
    return { ...kept, first: firstAtOrAfter(kept.startsMs, nowMs + kept.rules.minNoticeMinutes * MINUTE) };
  }

  keepOpenList(request: ListRequest, versions: Versions, now: Date, list: Omit<OpenList, 'first'>): OpenList {
    touch(this.lists, listKey(request), { ...list, hoursKey: versions.key, today: zonedParts(now, versions.timeZone).date, atMs: now.getTime() }, MAX_LISTS);
    return { ...list, first: 0 };
  }
}

/** One store per running app (its Deps), dropped with it. */
const stores = new WeakMap<Deps, KeptHours>();

export function keptHours(deps: Deps): KeptHours {
  let s = stores.get(deps);
  if (!s) stores.set(deps, (s = new KeptHours()));
  return s;
}
