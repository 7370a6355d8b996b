// Finding a verified doctor: free text with prefixes and one-letter mistakes, filters, and a neutral order.
import type { ParsedInput, SearchResult } from '../../../shared/contract';
import { SPECIALITIES } from '../../../shared/specialities';
import type { Ctx, Deps } from '../context';
import { MODE_BIT, modeKey, type Catalog } from './catalog';
import { loadCurrentCatalog } from './load-catalog';
import { smallest } from './ranking';
import * as repo from './search.repo';
import { ALL, SearchPass, type Docs } from './search-pass';
import { queryWords } from './text';

/** Results per search; the next free slot is worked out for these only (and the few that compete for a place). */
export const PAGE_SIZE = 50;
const RANK = 2 ** 24;

interface Holder { catalog: Catalog | null; building: Promise<Catalog> | null }
/** One catalog per running app (its Deps), dropped with it; no module-level state beyond this lookup. */
const holders = new WeakMap<Deps, Holder>();

/**
 * The catalog matching the database as this transaction sees it, its busy-time caches dropped after a change to
 * appointments or blocked time. The one held is checked with one settings read (unless `knownStale`); none held
 * (or an old one), the catalog is read whole, its counters with it.
 */
async function catalogFor(ctx: Ctx, knownStale = false): Promise<Catalog> {
  let h = holders.get(ctx.deps);
  if (!h) holders.set(ctx.deps, (h = { catalog: null, building: null }));
  if (h.catalog && !knownStale) {
    const { key, busy } = await repo.catalogKey(ctx.db);
    if (h.catalog.key === key) {
      h.catalog.syncBusy(busy);
      return h.catalog;
    }
  }
  // A build already under way on this seat serves too: a search on it that finds it stale builds again.
  if (h.building) return h.building;
  const building = loadCurrentCatalog(ctx.db).then(({ catalog, busy }) => {
    catalog.syncBusy(busy);
    return catalog;
  });
  h.building = building;
  try {
    const catalog = await building;
    if (h.building === building) h.catalog = catalog;
    return catalog;
  } finally {
    if (h.building === building) h.building = null;
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

/** The doctors matching the text and the speciality, mode, language and maximum-fee filters. */
function candidates(catalog: Catalog, input: ParsedInput<'doctors.search'>, words: string[], score: Int32Array): Docs {
  const language = input.language?.trim().toLowerCase() || undefined;
  const speciality = input.speciality ? SPECIALITIES.indexOf(input.speciality) : -1;
  const modeBit = input.mode ? MODE_BIT[input.mode] : 0;
  const fees = input.maxFee === undefined ? null : catalog.feeOf[modeKey(input.mode)]!;
  let from: ArrayLike<number>;
  if (words.length > 0) {
    from = textMatches(catalog, words, score);
    // No filter: the matches (a fresh array) are the candidates.
    if (speciality < 0 && !modeBit && !language && !fees) return from as number[];
  } else if (input.speciality) from = catalog.bySpeciality.get(input.speciality) ?? [];
  else if (language) from = catalog.byLanguage.get(language) ?? [];
  else if (modeBit || fees) from = catalog.everyone;
  else return ALL;
  const speaks = language ? catalog.speaking(language) : null;
  const out: number[] = [];
  for (let i = 0; i < from.length; i++) {
    const d = from[i]!;
    if (speciality >= 0 && catalog.specialityOf[d] !== speciality) continue;
    if (modeBit && !(catalog.modeBits[d]! & modeBit)) continue;
    if (speaks && !speaks[d]) continue;
    if (fees && fees[d]! > input.maxFee!) continue;
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
async function order(search: SearchPass, docs: Docs, score: Int32Array, hasText: boolean, sort: ParsedInput<'doctors.search'>['sort']): Promise<number[]> {
  const c = search.catalog;
  const byName = (d: number) => c.nameRankOf[d]!;
  // Without text every score is 0, so the second key is the name.
  if (sort === 'next_slot') return search.firstBySlot(docs, PAGE_SIZE, (d) => -score[d]! * RANK + byName(d), !hasText);
  if (sort === 'experience') {
    let page: number[];
    if (docs === ALL) page = Array.from(c.byExperience.subarray(0, PAGE_SIZE));
    else {
      const keys = docs.map((d) => ((70 - Math.min(70, c.experienceOf[d]!)) * 1024 + (1023 - Math.min(1023, score[d]!))) * RANK + byName(d));
      page = smallest(keys, PAGE_SIZE).map((k) => c.byName[k % RANK]!);
    }
    await search.settle(page);
    return page;
  }
  if (docs === ALL) return search.firstBySlot(ALL, PAGE_SIZE, byName, true);
  // Relevance: groups of equal score, best first; within a group, next free slot then name.
  const groups = new Map<number, number[]>();
  // Often every match scores the same (one word, matched alike): one group, the candidates themselves.
  let alike = true;
  for (let i = 1; i < docs.length && alike; i++) alike = score[docs[i]!] === score[docs[0]!];
  if (alike && docs.length > 0) groups.set(score[docs[0]!]!, docs);
  else {
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const g = groups.get(score[d]!);
      if (g) g.push(d);
      else groups.set(score[d]!, [d]);
    }
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

/** The page of one search on one catalog, in order. */
async function rank(ctx: Ctx, catalog: Catalog, input: ParsedInput<'doctors.search'>) {
  const s = new SearchPass(ctx, catalog, modeKey(input.mode));
  const words = queryWords(input.text);
  const score = new Int32Array(catalog.docs.length);
  let docs = candidates(catalog, input, words, score);
  if (input.availableOn) docs = await s.availableOn(docs, input.availableOn);
  return { s, page: await order(s, docs, score, words.length > 0, input.sort) };
}

/** Tries before a search stops checking whether changes committed meanwhile (each try sees every earlier one). */
const ATTEMPTS = 3;

/**
 * Verified, non-suspended doctors matching the text and filters: at most PAGE_SIZE, each with their next free slot.
 * Optimistic: the search runs on the catalog in memory and then reads, in one round trip (one statement on
 * PostgreSQL, two plain reads on SQLite), the change counters and the doctors who may not be shown. Counters
 * unchanged: every cache it used was current (on SQLite the transaction sees one snapshot; on PostgreSQL, the latest
 * commits). Otherwise it catches up and runs again.
 */
export async function search(ctx: Ctx, input: ParsedInput<'doctors.search'>): Promise<SearchResult[]> {
  let catalog = holders.get(ctx.deps)?.catalog ?? (await catalogFor(ctx));
  for (let attempt = 1; ; attempt++) {
    const { s, page } = await rank(ctx, catalog, input);
    // A guard behind the catalog: the doctors who may not be shown are read now, so one suspended or unverified by
    // a change that forgot searchChanged never shows.
    const check = await repo.checkpoint(ctx.db, ctx.deps.dialect);
    if ((check.key !== catalog.key || check.busy !== catalog.busy) && attempt < ATTEMPTS) {
      catalog = check.key === catalog.key ? await catalogFor(ctx) : await catalogFor(ctx, true);
      continue;
    }
    const shown = check.unsearchable.size === 0 ? page : page.filter((d) => !check.unsearchable.has(catalog.docs[d]!.id));
    if (shown.length < page.length) {
      const h = holders.get(ctx.deps);
      if (h?.catalog === catalog) h.catalog = null;
    }
    return shown.map((d) => {
      const e = catalog.docs[d]!;
      const result: SearchResult = {
        id: e.id,
        fullName: e.fullName,
        hasPhoto: e.hasPhoto,
        speciality: e.speciality,
        qualifications: e.qualifications,
        hospital: e.hospital,
        experienceYears: e.experienceYears,
        languages: e.languages,
        modes: e.modes,
        nextSlot: catalog.exactSlot(d, s.mk),
        fees: e.fees,
      };
      // Set after, not spread in: a spread in the literal made building the page a third of a warm search.
      if (e.specialityOther) result.specialityOther = e.specialityOther;
      return result;
    });
  }
}
