// Doctor search over 10,000 verified doctors: the in-memory catalog (token index, slot caches) against a naive
// LIKE scan over name, speciality, hospital and degrees with the same filters. MEDLINK_BENCH_VERBOSE=1 prints
// each kind of search. generate() is exported for other benchmarks that need a large clinic.
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { contract, type Input } from '../shared/contract';
import { SPECIALITIES } from '../shared/specialities';
import { createApp, type MedLinkApp } from '../electron/core/app';
import { addDays, zonedParts } from '../electron/core/availability/tz';
import type { Ctx } from '../electron/core/context';
import type { Database } from '../electron/core/db/schema';
import { loadCatalog } from '../electron/core/search/load-catalog';
import { search } from '../electron/core/search/search.service';
import { queryWords } from '../electron/core/search/text';
import { bumpBusyVersion, bumpSearchVersion } from '../electron/core/search/versions.repo';
import { count, median, ms, percentile, pick, random, ratio, withTempDir, type Benchmark } from './lib';

const DOCTORS = 10_000;
const PATIENTS = 2_000;
const APPOINTMENTS = 30_000;
const ROUNDS = 60;
const TZ = 'Asia/Kolkata';
const IST_OFFSET_MIN = 330;

const FIRST = ['Aarti', 'Aditya', 'Amit', 'Anita', 'Anjali', 'Arjun', 'Ayesha', 'Deepak', 'Divya', 'Farah', 'Gaurav', 'Harish', 'Isha', 'Kabir', 'Kavita', 'Kiran', 'Lakshmi', 'Manoj', 'Meena', 'Mohan', 'Nandini', 'Neha', 'Nikhil', 'Pooja', 'Prakash', 'Priya', 'Rahul', 'Rajesh', 'Ravi', 'Rekha', 'Rohan', 'Sanjay', 'Sara', 'Shalini', 'Sneha', 'Sunil', 'Suresh', 'Tanvi', 'Vikram', 'Zoya'];
const LAST = ['Agarwal', 'Banerjee', 'Bhat', 'Chatterjee', 'Das', 'Deshpande', 'Gupta', 'Iyer', 'Jain', 'Joshi', 'Kapoor', 'Khan', 'Kulkarni', 'Kumar', 'Mehta', 'Menon', 'Mishra', 'Nair', 'Patel', 'Pillai', 'Rao', 'Reddy', 'Saxena', 'Shah', 'Shaikh', 'Sharma', 'Singh', 'Sinha', 'Srinivasan', 'Verma'];
const HOSPITALS = ['Apollo Hospital', 'Fortis Hospital', 'Lilavati Hospital', 'Ruby Hall Clinic', 'Sunrise Clinic', 'Manipal Hospital', 'Kokilaben Hospital', 'Jehangir Hospital', 'Sahyadri Hospital', 'Max Healthcare', 'Narayana Health', 'City Care Clinic'];
const CITIES = ['Pune', 'Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Hyderabad', 'Kolkata', 'Nashik', 'Nagpur', 'Ahmedabad'];
const LANGUAGES = ['Hindi', 'Marathi', 'Tamil', 'Telugu', 'Bengali', 'Gujarati', 'Kannada', 'Urdu', 'Malayalam', 'Punjabi'];
const DEGREE: Partial<Record<string, string>> = {
  cardiology: 'DM (Cardiology)', dermatology: 'MD (Dermatology)', orthopaedics: 'MS (Orthopaedics)', ent: 'MS (ENT)',
  paediatrics: 'MD (Paediatrics)', gynaecology: 'MS (Obstetrics and Gynaecology)', psychiatry: 'MD (Psychiatry)', neurology: 'DM (Neurology)',
};
const NON_MBBS: Partial<Record<string, string>> = { dentistry: 'BDS', ayurveda: 'BAMS', homoeopathy: 'BHMS', physiotherapy: 'BPT' };

/** Bulk rows straight into the file (one transaction, prepared statements), as no screen would: the point is the data. */
export function generate(file: string, today: string): { ranges: number; appointments: number } {
  const db = new SQLite(file);
  const rnd = random(2026);
  const now = new Date().toISOString();
  let ranges = 0;
  let appointments = 0;
  db.transaction(() => {
    const user = db.prepare('insert into users (email, full_name, phone, password_hash, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
    const role = db.prepare("insert into user_roles (user_id, role) values (?, 'doctor')");
    const doctor = db.prepare(
      `insert into doctor_info (user_id, full_name, phone, speciality, speciality_other, registration_number, registration_council, hospital,
        experience_years, languages, status, submitted_at, decided_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'Maharashtra Medical Council', ?, ?, ?, 'verified', ?, ?, ?, ?)`,
    );
    const education = db.prepare('insert into doctor_education (doctor_id, position, degree, institution, year) values (?, ?, ?, ?, ?)');
    const schedule = db.prepare('insert into doctor_schedule (doctor_id, slot_minutes, buffer_minutes, min_notice_minutes, horizon_days, updated_at) values (?, ?, ?, ?, ?, ?)');
    const hours = db.prepare('insert into availability (doctor_id, weekday, date, start_time, end_time, online, in_person) values (?, ?, null, ?, ?, ?, ?)');
    const patient = db.prepare("insert into patient_info (full_name, phone, state, created_at, updated_at) values (?, '9822000000', 'Maharashtra', ?, ?)");
    const appointment = db.prepare(
      "insert or ignore into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, 'booked', ?, 1, ?, ?)",
    );
    const weekly: { doctorId: number; slot: number; days: Map<number, [number, number][]> }[] = [];
    for (let i = 0; i < DOCTORS; i++) {
      const name = `Dr ${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
      const userId = Number(user.run(`doctor${i}@bench.medlink`, name, '9822000000', 'x', now, now).lastInsertRowid);
      role.run(userId);
      const speciality = pick(rnd, SPECIALITIES);
      const languages = ['English', ...new Set([pick(rnd, LANGUAGES), pick(rnd, LANGUAGES)].slice(0, 1 + Math.floor(rnd() * 2)))];
      const id = Number(
        doctor.run(userId, name, '9822000000', speciality, speciality === 'other' ? 'Sports medicine' : null, `BENCH-${i}`,
          `${pick(rnd, HOSPITALS)}, ${pick(rnd, CITIES)}`, Math.floor(rnd() * 40), JSON.stringify(languages), now, now, now, now).lastInsertRowid,
      );
      const first = NON_MBBS[speciality] ?? 'MBBS';
      education.run(id, 0, first, 'Government Medical College', 1990 + Math.floor(rnd() * 30));
      if (DEGREE[speciality]) education.run(id, 1, DEGREE[speciality], 'AIIMS, New Delhi', 1995 + Math.floor(rnd() * 28));
      const slot = pick(rnd, [10, 15, 20, 30]);
      schedule.run(id, slot, pick(rnd, [0, 0, 5]), pick(rnd, [60, 120, 240]), pick(rnd, [30, 60, 90]), now);
      const days = new Map<number, [number, number][]>();
      for (const weekday of [0, 1, 2, 3, 4, 5, 6]) {
        if (rnd() < (weekday === 0 ? 0.15 : 0.75)) {
          const morning: [number, number] = [(8 + Math.floor(rnd() * 3)) * 60, (12 + Math.floor(rnd() * 2)) * 60];
          const list = [morning];
          if (rnd() < 0.5) list.push([(16 + Math.floor(rnd() * 2)) * 60, (19 + Math.floor(rnd() * 2)) * 60]);
          for (const [s, e] of list) {
            const mode = rnd();
            hours.run(id, weekday, hhmm(s), hhmm(e), mode < 0.75 ? 1 : 0, mode > 0.25 ? 1 : 0);
            ranges++;
          }
          days.set(weekday, list);
        }
      }
      weekly.push({ doctorId: id, slot, days });
    }
    for (let p = 0; p < PATIENTS; p++) patient.run(`Patient ${p}`, now, now);
    // Booked visits over the next four weeks, on each doctor's grid.
    for (let a = 0; a < APPOINTMENTS; a++) {
      const w = pick(rnd, weekly);
      const date = addDays(today, 1 + Math.floor(rnd() * 28));
      const list = w.days.get(new Date(`${date}T00:00:00Z`).getUTCDay());
      if (!list) continue;
      const [s, e] = pick(rnd, list);
      const minute = s + w.slot * Math.floor(rnd() * Math.floor((e - s) / w.slot));
      const start = Date.parse(`${date}T00:00:00Z`) + (minute - IST_OFFSET_MIN) * 60_000;
      const r = appointment.run(w.doctorId, 1 + Math.floor(rnd() * PATIENTS), new Date(start).toISOString(), new Date(start + w.slot * 60_000).toISOString(),
        rnd() < 0.5 ? 'online' : 'in_person', `bench-${a}@medlink`, now, now);
      appointments += r.changes;
    }
  })();
  db.close();
  return { ranges, appointments };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

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

export async function pragmas(db: Kysely<Database>): Promise<string> {
  const one = async (name: string) => {
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db);
    return String(Object.values(rows[0] ?? {})[0]);
  };
  const sync = await one('synchronous');
  return `journal_mode=${await one('journal_mode')}, synchronous=${sync}${sync === '2' ? ' (FULL)' : ''}, foreign_keys=${await one('foreign_keys')}`;
}

export const searchBench: Benchmark = {
  name: 'doctor-search',
  async run(log) {
    await withTempDir(async (dir) => {
      const app: MedLinkApp = await createApp({ dataDir: dir, bcryptCost: 4, log: () => undefined });
      try {
        const setup = await app.dispatch('setup.complete', {
          clinic: { name: 'Bench Clinic', address: '1 FC Road, Pune', state: 'Maharashtra', timeZone: TZ },
          admin: { fullName: 'Bench Admin', email: 'admin@bench.medlink', phone: '9822000000', password: 'bench-password-2026' },
        });
        if (!setup.ok) throw new Error(setup.error.message);
        const today = zonedParts(new Date(), TZ).date;
        const t0 = performance.now();
        const data = generate(join(dir, 'medlink.sqlite'), today);
        const generated = performance.now() - t0;

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
          `  data: ${count(DOCTORS)} verified doctors (${count(data.ranges)} weekly ranges, ${count(data.appointments)} booked visits, ${count(tokens)} distinct words), ` +
            `generated in ${ms(generated / 1000)} s; SQLite ${await pragmas(app.deps.db)}; load average ${loadavg()[0]!.toFixed(1)}`,
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
