// Doctor search over 10,000 verified doctors and 1,000,000 appointments: the in-memory catalog (token index, slot
// caches) against a naive LIKE scan over name, speciality, hospital and degrees with the same filters.
// MEDLINK_BENCH_VERBOSE=1 prints each kind of search.
import { sql, type Kysely } from 'kysely';
import { contract, type Input } from '../shared/contract';
import { addDays } from '../shared/clinic-time';
import type { Ctx } from '../electron/core/context';
import type { Database } from '../electron/core/db/schema';
import { loadCatalog } from '../electron/core/search/load-catalog';
import { search } from '../electron/core/search/search.service';
import { queryWords } from '../electron/core/search/text';
import { bumpBusyVersion, bumpSearchVersion } from '../electron/core/search/versions.repo';
import { benchClinic, DOCTORS, loadAverage, pragmas, TZ } from './clinic-data';
import { count, median, ms, percentile, ratio, withTempDir, type Benchmark } from './lib';

const ROUNDS = 60;

/** The baseline: what a first version would write. LIKE '%word%' on every field for every word, the same filters in SQL. */
async function naiveSearch(db: Kysely<Database>, input: Input<'doctors.search'>, weekdayOf: (date: string) => number) {
  const lower = (col: string) => sql<string>`lower(${sql.ref(col)})`;
  let q = db
    .selectFrom('doctor_info as d')
    .select(['d.id', 'd.full_name', 'd.speciality', 'd.hospital', 'd.experience_years', 'd.languages'])
    .where('d.status', '=', 'verified')
    .where('d.suspended_at', 'is', null);
  for (const w of queryWords(input.text)) {
    const like = `%${w}%`;
    q = q.where((eb) =>
      eb.or([
        eb(lower('d.full_name'), 'like', like),
        eb(lower('d.speciality'), 'like', like),
        eb(lower('d.hospital'), 'like', like),
        eb.exists(eb.selectFrom('doctor_education as e').select('e.id').whereRef('e.doctor_id', '=', 'd.id').where(lower('e.degree'), 'like', like)),
      ]),
    );
  }
  if (input.speciality) q = q.where('d.speciality', '=', input.speciality);
  if (input.language) q = q.where(lower('d.languages'), 'like', `%"${input.language.toLowerCase()}"%`);
  if (input.mode) {
    const column = input.mode === 'online' ? 'a.online' : 'a.in_person';
    q = q.where((eb) => eb.exists(eb.selectFrom('availability as a').select('a.id').whereRef('a.doctor_id', '=', 'd.id').where('a.weekday', 'is not', null).where(column, '=', 1)));
  }
  if (input.availableOn) {
    const weekday = weekdayOf(input.availableOn);
    q = q.where((eb) => eb.exists(eb.selectFrom('availability as a').select('a.id').whereRef('a.doctor_id', '=', 'd.id').where('a.weekday', '=', weekday)));
  }
  const order = input.sort === 'experience' ? q.orderBy('d.experience_years', 'desc').orderBy('d.full_name') : q.orderBy('d.full_name');
  return order.limit(50).execute();
}

export const searchBench: Benchmark = {
  name: 'doctor-search',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const { app, today } = clinic;
      try {
        const inTransaction = <T>(fn: (ctx: Ctx) => Promise<T>) =>
          app.deps.db.transaction().execute((trx) => fn({ db: trx, now: app.deps.clock.now(), deps: app.deps, session: null, afterCommit: () => undefined }));
        const tomorrow = addDays(today, 1);
        const queries: Input<'doctors.search'>[] = [
          { text: 'mehta' }, { text: 'meht' }, { text: 'cardiolgy' }, { text: 'cardiology', sort: 'next_slot' }, { text: 'ENT', mode: 'online' },
          { text: 'Mumbai', language: 'Hindi' }, { text: 'MBBS' }, { text: 'sharma pune' }, { speciality: 'dermatology', availableOn: tomorrow },
          {}, { text: 'skin', sort: 'experience' }, { text: 'apolo hospital' }, { language: 'tamil', mode: 'in_person' }, { text: 'dr priya' },
          { text: 'priya', availableOn: tomorrow, mode: 'online' }, { sort: 'next_slot' },
        ];
        const parsed = queries.map((q) => contract['doctors.search'].input.parse(q));
        const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

        // The first search builds the catalog; so does the first after any change (bumped version).
        const c0 = performance.now();
        const first = await inTransaction((ctx) => search(ctx, parsed[9]!));
        const cold = performance.now() - c0;
        await inTransaction((ctx) => bumpSearchVersion(ctx.db));
        const r0 = performance.now();
        await inTransaction((ctx) => search(ctx, parsed[0]!));
        const rebuild = performance.now() - r0;

        // Interleaved round by round (each round: every kind of search once, then every naive scan), so both see the
        // same machine state (other work on the machine slows both alike); every call in its own transaction, as
        // the dispatcher runs it (input already parsed: the dispatcher's zod checks and session are not measured).
        const timed = async (fn: () => Promise<unknown>) => {
          const t = performance.now();
          await fn();
          return performance.now() - t;
        };
        const perKind = queries.map(() => ({ ours: [] as number[], naive: [] as number[] }));
        for (let round = -2; round < ROUNDS; round++) {
          const keep = (into: number[], t: number) => round >= 0 && into.push(t);
          for (let q = 0; q < parsed.length; q++) keep(perKind[q]!.ours, await timed(() => inTransaction((ctx) => search(ctx, parsed[q]!))));
          for (let q = 0; q < parsed.length; q++) keep(perKind[q]!.naive, await timed(() => inTransaction((ctx) => naiveSearch(ctx.db, queries[q]!, weekdayOf))));
        }
        const ours = perKind.flatMap((k) => k.ours);
        const naive = perKind.flatMap((k) => k.naive);
        if (process.env.MEDLINK_BENCH_VERBOSE) {
          queries.forEach((q, i) => {
            const k = perKind[i]!;
            log(`    ${JSON.stringify(q).padEnd(64)} ours median ${ms(median(k.ours))} p95 ${ms(percentile(k.ours, 95))} | naive median ${ms(median(k.naive))} p95 ${ms(percentile(k.naive, 95))}`);
          });
        }

        // A busy clinic: appointments change between searches (here the busy-time counter moves before every
        // fourth search, as a booking on any seat moves it), so cached next free slots are worked out again.
        const churn: number[] = [];
        for (let round = 0; round < ROUNDS / 2; round++) {
          for (let q = 0; q < parsed.length; q++) {
            if (q % 4 === 0) await inTransaction((ctx) => bumpBusyVersion(ctx.db));
            churn.push(await timed(() => inTransaction((ctx) => search(ctx, parsed[q]!))));
          }
        }

        const tokens = (await inTransaction((ctx) => loadCatalog(ctx.db, 'bench', TZ))).tokens.size;
        log(`bench doctor-search: p95 ${ms(percentile(ours, 95))} ms, ${ratio(percentile(naive, 95), percentile(ours, 95))} vs naive LIKE scan`);
        log(
          `  data: ${count(DOCTORS)} verified doctors (${count(clinic.ranges)} weekly ranges, ${count(tokens)} distinct words), ` +
            `${count(clinic.appointments)} appointments (${count(clinic.upcoming)} upcoming), generated in ${ms(clinic.generatedIn)} s; ` +
            `SQLite ${await pragmas(app.deps.db)}; ${loadAverage()}`,
        );
        log(
          `  search: median ${ms(median(ours))} ms, p99 ${ms(percentile(ours, 99))} ms over ${count(ours.length)} searches of ${queries.length} kinds; ` +
            `naive LIKE: median ${ms(median(naive))} ms, p95 ${ms(percentile(naive, 95))} ms (medians: ${ratio(median(naive), median(ours))})`,
        );
        log(
          `  with appointments changing before every fourth search: median ${ms(median(churn))} ms, p95 ${ms(percentile(churn, 95))} ms; ` +
            `catalog built in ${ms(cold)} ms (first search, ${first.length} results), rebuilt after a doctor change in ${ms(rebuild)} ms`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
