// The clinic every benchmark measures: 10,000 verified doctors with weekly hours, upcoming visits on their grids,
// and years of past visits until the appointments table holds 1,000,000 rows (issue 3). MEDLINK_BENCH_SCALE=0.1
// shrinks every count (for quick runs while working on a benchmark; the figures in the README are at scale 1).
import SQLite from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import { loadavg } from 'node:os';
import pg from 'pg';
import { join } from 'node:path';
import { SPECIALITIES } from '../shared/specialities';
import { createApp, type MedLinkApp } from '../electron/core/app';
import { moveToPostgres } from '../electron/core/db/move-to-postgres';
import { signUp } from '../electron/core/demo';
import { addDays, clockTime, zonedInstant, zonedParts } from '../shared/clinic-time';
import type { Database } from '../electron/core/db/schema';
import { keyConnection } from '../electron/core/db/sqlite-cipher';
import { databaseKey } from '../electron/core/secrets/database-key';
import { seatKeyFile } from '../electron/core/secrets/seat-key';
import { postgresBin, startCluster } from '../tests/helpers/postgres-cluster';
import { pick, random, withTempDir } from './lib';

const SCALE = Number(process.env.MEDLINK_BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('MEDLINK_BENCH_SCALE must be a number in (0, 1]');
export const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

export const DOCTORS = scaled(10_000);
const PATIENTS = scaled(2_000);
const UPCOMING = scaled(30_000);
const TOTAL_APPOINTMENTS = scaled(1_000_000);
export const TZ = 'Asia/Kolkata';
const IST_OFFSET_MIN = 330;
export const PASSWORD = 'bench-password-2026';

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
function generate(db: SQLite.Database, today: string): { ranges: number; appointments: number } {
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
            hours.run(id, weekday, clockTime(s), clockTime(e), mode < 0.75 ? 1 : 0, mode > 0.25 ? 1 : 0);
            ranges++;
          }
          days.set(weekday, list);
        }
      }
      weekly.push({ doctorId: id, slot, days });
    }
    for (let p = 0; p < PATIENTS; p++) patient.run(`Patient ${p}`, now, now);
    // Booked visits over the next four weeks, on each doctor's grid.
    for (let a = 0; a < UPCOMING; a++) {
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
  return { ranges, appointments };
}

/** Rows written straight into the file get the booking numbers the app would have given them; the counter moves past them. */
function giveBookingNumbers(db: SQLite.Database) {
  db.prepare('update appointments set number = id where number is null').run();
  db.prepare("update counters set value = (select max(number) from appointments) where name = 'appointment'").run();
}

/** Past visits (completed, cancelled, no-show) until the table holds TOTAL_APPOINTMENTS rows, as years of a busy clinic would. */
function fillHistory(db: SQLite.Database, today: string) {
  const rnd = random(7);
  const have = (db.prepare('select count(*) as n from appointments').get() as { n: number }).n;
  const doctors = (db.prepare('select count(*) as n from doctor_info').get() as { n: number }).n;
  const patients = (db.prepare('select count(*) as n from patient_info').get() as { n: number }).n;
  const now = new Date().toISOString();
  // A completed visit holds its doctor's time (migration 5): a random draw that lands on a held time is skipped.
  const insert = db.prepare(
    'insert or ignore into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'no_show'];
  const base = Date.parse(`${addDays(today, -730)}T03:30:00Z`);
  db.transaction(() => {
    for (let i = have, n = have; n < TOTAL_APPOINTMENTS; i++) {
      const start = base + Math.floor(rnd() * 720) * 86_400_000 + Math.floor(rnd() * 32) * 900_000;
      n += insert.run(1 + Math.floor(rnd() * doctors), 1 + Math.floor(rnd() * patients), new Date(start).toISOString(), new Date(start + 900_000).toISOString(),
        rnd() < 0.5 ? 'online' : 'in_person', statuses[i % statuses.length], `hist-${i}@medlink`, now, now).changes;
    }
  })();
  giveBookingNumbers(db);
}

export interface BenchClinic {
  app: MedLinkApp;
  dataDir: string;
  keyFile: string;
  /** The database file, opened as it is (keyed when encrypted): for rows written as no screen would, and raw baselines. */
  raw(options?: { readonly?: boolean }): SQLite.Database;
  today: string;
  adminToken: string;
  ranges: number;
  upcoming: number;
  appointments: number;
  /** Seconds the data took to write. */
  generatedIn: number;
  /** Calls the dispatcher as a screen would; throws on a refusal. */
  call<T>(channel: string, input: unknown, token?: string): Promise<T>;
}

/**
 * A clinic set up through the app's first run and nothing more: its data folder `<dir>/data`, its key
 * `<dir>/clinic.key`, and `call`, the dispatcher as a screen calls it (throwing on a refusal). `plain`: its
 * database left unencrypted (the booking-encrypted benchmark's baseline).
 */
export async function setUpClinic(dir: string, options: { plain?: boolean } = {}) {
  const dataDir = join(dir, 'data');
  const keyFile = join(dir, 'clinic.key');
  const app = await createApp({ dataDir, keyFile, bcryptCost: 4, log: () => undefined, plainDatabaseForBenchmark: options.plain });
  const call = async <T>(channel: string, input: unknown, token?: string): Promise<T> => {
    const r = await app.dispatch(channel, input, token);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.data as T;
  };
  const admin = await call<{ token: string }>('setup.complete', {
    clinic: { name: 'Bench Clinic', address: '1 FC Road, Pune', state: 'Maharashtra', timeZone: TZ },
    admin: { fullName: 'Bench Admin', email: 'admin@bench.medlink', phone: '9822000000', password: PASSWORD },
  });
  return { app, call, dataDir, keyFile, adminToken: admin.token };
}

/**
 * A clinic set up through the app (first run), then filled with the generated data straight into its file:
 * its data folder `<dir>/data`, its key `<dir>/clinic.key`. `plain`: its database left unencrypted (the
 * booking-encrypted benchmark's baseline).
 */
export async function benchClinic(dir: string, options: { plain?: boolean } = {}): Promise<BenchClinic> {
  const { app, call, dataDir, keyFile, adminToken } = await setUpClinic(dir, options);
  const today = zonedParts(new Date(), TZ).date;
  const raw = rawOpener(dataDir, keyFile, !options.plain);
  const t0 = performance.now();
  const db = raw();
  const made = generate(db, today);
  fillHistory(db, today);
  db.close();
  const generatedIn = (performance.now() - t0) / 1000;
  const counted = raw({ readonly: true });
  const appointments = (counted.prepare('select count(*) as n from appointments').get() as { n: number }).n;
  counted.close();
  return { app, dataDir, keyFile, raw, today, adminToken, ranges: made.ranges, upcoming: made.appointments, appointments, generatedIn, call };
}

export interface PostgresClinic {
  dir: string;
  clinic: BenchClinic;
  doctor: BusyDoctor;
  desk: { email: string; token: string };
  /** The first of the walk-ins to book (the rest follow). */
  firstPatient: number;
  /** The moved clinic's database on the server, and the seconds the move took. */
  url: string;
  moved: number;
}

/**
 * The booking benchmarks on PostgreSQL: the benchmarks' clinic with its busy doctor, front desk and `walkInCount`
 * walk-ins, made in SQLite, then moved by the app's own move command into a throwaway server that is durable
 * (fsync, synchronous_commit and full_page_writes on, as a clinic's server runs). Skipped, saying so, without PostgreSQL.
 */
export async function onPostgres(name: string, walkInCount: number, log: (line: string) => void, fn: (c: PostgresClinic) => Promise<void>): Promise<void> {
  if (!postgresBin()) {
    log(`bench ${name}: skipped, PostgreSQL is not installed (apt-get install postgresql)`);
    return;
  }
  const cluster = await startCluster(['-c fsync=on', '-c synchronous_commit=on', '-c full_page_writes=on']);
  try {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const doctor = await busyDoctor(clinic);
      const desk = await frontDesk(clinic);
      const firstPatient = walkIns(clinic, walkInCount);
      await clinic.app.close();
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query('create database medlink_bench');
      await admin.end();
      const url = cluster.url.replace(/\/postgres$/, '/medlink_bench');
      const t0 = performance.now();
      await moveToPostgres({ dataDir: clinic.dataDir, keyFile: clinic.keyFile, targetUrl: url, batchSize: 2_000 });
      await fn({ dir, clinic, doctor, desk, firstPatient, url, moved: (performance.now() - t0) / 1000 });
    });
  } finally {
    cluster.stop();
  }
}

/** Opens a data folder's database file, keyed with the clinic key in `keyFile` when `encrypted`. */
export function rawOpener(dataDir: string, keyFile: string, encrypted: boolean): BenchClinic['raw'] {
  const key = encrypted ? databaseKey(seatKeyFile(keyFile).read()!) : undefined;
  return (options = {}) => {
    const db = new SQLite(join(dataDir, 'medlink.sqlite'), { readonly: options.readonly ?? false });
    if (key) keyConnection(db, key);
    return db;
  };
}

export interface BusyDoctor {
  doctorId: number;
  token: string;
  /** Every candidate start of the next 60 days, in order; the even ones are booked. */
  starts: string[];
  /** The odd ones: free. */
  freeStarts: string[];
}

/** The busy doctor: every day 08:00–20:00, 15-minute slots, no notice, every other slot of the next 60 days booked. */
export async function busyDoctor(clinic: BenchClinic): Promise<BusyDoctor> {
  const { call, today } = clinic;
  const doctor = await signUp(clinic.app, 'doctors.signup', 'busy@bench.medlink', 'clinic', {
    email: 'busy@bench.medlink', password: PASSWORD,
    credentials: {
      fullName: 'Dr Busy Bench', phone: '9822000001', education: [{ degree: 'MBBS', institution: 'B. J. Medical College', year: 2010 }],
      speciality: 'general_medicine', registrationNumber: 'BENCH-BUSY', registrationCouncil: 'Maharashtra Medical Council',
      hospital: 'Bench Clinic', experienceYears: 12, languages: ['English'],
    },
  });
  const { id: doctorId } = await call<{ id: number }>('doctors.me', {}, doctor.token);
  await call('admin.decideDoctor', { doctorId, decision: 'approve' }, clinic.adminToken);
  await call('availability.save', {
    settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 },
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '20:00', modes: ['in_person', 'online'] }] })),
  }, doctor.token);
  const starts: string[] = [];
  for (let d = 1; d <= 60; d++) {
    for (let m = 0; m < 48; m++) {
      starts.push(zonedInstant(addDays(today, d), clockTime(8 * 60 + m * 15), TZ)!.toISOString());
    }
  }
  const db = clinic.raw();
  const now = new Date().toISOString();
  const insert = db.prepare(
    "insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, 1, ?, ?, 'in_person', 'booked', ?, 1, ?, ?)",
  );
  db.transaction(() => starts.forEach((s, i) => i % 2 === 0 && insert.run(doctorId, s, new Date(Date.parse(s) + 900_000).toISOString(), `busy-${i}@medlink`, now, now)))();
  giveBookingNumbers(db);
  db.close();
  return { doctorId, token: doctor.token, starts, freeStarts: starts.filter((_, i) => i % 2 === 1) };
}

/** A patient's account, signed in (the sign-up's emailed code read from the outbox). */
export async function benchPatient(clinic: BenchClinic): Promise<{ token: string }> {
  return signUp(clinic.app, 'patients.signup', 'patient@bench.medlink', 'patient', {
    password: PASSWORD,
    profile: {
      fullName: 'Bench Patient', email: 'patient@bench.medlink', phone: '9822000003', dateOfBirth: '1990-04-12', sex: 'female',
      address: { line: '1 FC Road', city: 'Pune', state: 'Maharashtra', pinCode: '411004' }, preferredLanguage: 'en',
    },
  });
}

/** The front desk's account, its temporary password changed for its own; returns its sign-in. */
export async function frontDesk(clinic: BenchClinic): Promise<{ email: string; token: string }> {
  const { call } = clinic;
  const staff = await call<{ email: string; temporaryPassword: string }>('admin.createStaff', { fullName: 'Bench Desk', email: 'desk@bench.medlink', phone: '9822000002' }, clinic.adminToken);
  const login = await call<{ token: string }>('auth.login', { email: staff.email, password: staff.temporaryPassword, portal: 'clinic' });
  await call('auth.changePassword', { currentPassword: staff.temporaryPassword, newPassword: PASSWORD }, login.token);
  return { email: staff.email, token: login.token };
}

/**
 * Walk-in patients with an email address, so each booking queues the patient's confirmation (with its
 * invitation), the reminder and the doctor's note; returns the first one's number (the rest follow).
 */
export function walkIns(clinic: BenchClinic, n: number): number {
  const db = clinic.raw();
  const first = (db.prepare('select max(id) as n from patient_info').get() as { n: number }).n + 1;
  const now = new Date().toISOString();
  const insert = db.prepare("insert into patient_info (full_name, phone, email, state, created_at, updated_at) values (?, '9822000000', ?, 'Maharashtra', ?, ?)");
  db.transaction(() => { for (let i = 0; i < n; i++) insert.run(`Walk-in ${i}`, `walkin${i}@bench.medlink`, now, now); })();
  db.close();
  return first;
}

/** The machine's state beside every figure: the benchmarks share it with other work. */
export const loadAverage = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

export async function pragmas(db: Kysely<Database>): Promise<string> {
  const one = async (name: string) => {
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db);
    return String(Object.values(rows[0] ?? {})[0]);
  };
  const sync = await one('synchronous');
  return `journal_mode=${await one('journal_mode')}, synchronous=${sync}${sync === '2' ? ' (FULL)' : ''}, foreign_keys=${await one('foreign_keys')}`;
}

