// Slots for a busy doctor and the booking rate, on a clinic with 10,000 doctors and 1,000,000 appointments.
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { createApp } from '../electron/core/app';
import { addDays, zonedInstant, zonedParts } from '../electron/core/availability/tz';
import { generate, pragmas } from './search.bench';
import { count, ms, percentile, random, ratio, sample, withTempDir, type Benchmark } from './lib';

const TZ = 'Asia/Kolkata';
const TOTAL_APPOINTMENTS = 1_000_000;
const BOOKINGS = 1_000;
const PASSWORD = 'bench-password-2026';

/** Past visits (completed, cancelled, no-show) until the table holds a million rows, as years of a busy clinic would. */
function fillHistory(file: string, today: string) {
  const db = new SQLite(file);
  const rnd = random(7);
  const have = (db.prepare('select count(*) as n from appointments').get() as { n: number }).n;
  const doctors = (db.prepare('select count(*) as n from doctor_info').get() as { n: number }).n;
  const now = new Date().toISOString();
  const insert = db.prepare(
    'insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, 1, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'no_show'];
  const base = Date.parse(`${addDays(today, -730)}T03:30:00Z`);
  db.transaction(() => {
    for (let i = have; i < TOTAL_APPOINTMENTS; i++) {
      const start = base + Math.floor(rnd() * 720) * 86_400_000 + Math.floor(rnd() * 32) * 900_000;
      insert.run(1 + Math.floor(rnd() * doctors), new Date(start).toISOString(), new Date(start + 900_000).toISOString(),
        rnd() < 0.5 ? 'online' : 'in_person', statuses[i % statuses.length], `hist-${i}@medlink`, now, now);
    }
  })();
  db.close();
}

export const schedulingBench: Benchmark = {
  name: 'scheduling',
  async run(log) {
    await withTempDir(async (dir) => {
      const file = join(dir, 'medlink.sqlite');
      const app = await createApp({ dataDir: dir, bcryptCost: 4, log: () => undefined });
      try {
        const call = async <T>(channel: string, input: unknown, token?: string): Promise<T> => {
          const r = await app.dispatch(channel, input, token);
          if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
          return r.data as T;
        };
        const admin = await call<{ token: string }>('setup.complete', {
          clinic: { name: 'Bench Clinic', address: '1 FC Road, Pune', state: 'Maharashtra', timeZone: TZ },
          admin: { fullName: 'Bench Admin', email: 'admin@bench.medlink', phone: '9822000000', password: PASSWORD },
        });
        const today = zonedParts(new Date(), TZ).date;
        generate(file, today);
        fillHistory(file, today);

        // The busy doctor: every day 08:00–20:00, 15-minute slots, half of the next 60 days already booked.
        const doctor = await call<{ token: string }>('doctors.signup', {
          email: 'busy@bench.medlink', password: PASSWORD,
          credentials: {
            fullName: 'Dr Busy Bench', phone: '9822000001', education: [{ degree: 'MBBS', institution: 'B. J. Medical College', year: 2010 }],
            speciality: 'general_medicine', registrationNumber: 'BENCH-BUSY', registrationCouncil: 'Maharashtra Medical Council',
            hospital: 'Bench Clinic', experienceYears: 12, languages: ['English'],
          },
        });
        const { id: doctorId } = await call<{ id: number }>('doctors.me', {}, doctor.token);
        await call('admin.decideDoctor', { doctorId, decision: 'approve' }, admin.token);
        await call('availability.save', {
          settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 },
          weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '20:00', modes: ['in_person', 'online'] }] })),
        }, doctor.token);
        const raw = new SQLite(file);
        const starts: string[] = [];
        for (let d = 1; d <= 60; d++) {
          for (let m = 0; m < 48; m++) {
            starts.push(zonedInstant(addDays(today, d), `${String(8 + Math.floor(m / 4)).padStart(2, '0')}:${String((m % 4) * 15).padStart(2, '0')}`, TZ)!.toISOString());
          }
        }
        const now = new Date().toISOString();
        const insert = raw.prepare(
          "insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, 1, ?, ?, 'in_person', 'booked', ?, 1, ?, ?)",
        );
        raw.transaction(() => starts.forEach((s, i) => i % 2 === 0 && insert.run(doctorId, s, new Date(Date.parse(s) + 900_000).toISOString(), `busy-${i}@medlink`, now, now)))();
        const appointments = (raw.prepare('select count(*) as n from appointments').get() as { n: number }).n;

        // Slots: the app's one query for busy time and a sweep, against a query per candidate slot.
        const from = addDays(today, 1);
        const to = addDays(today, 60);
        const slotTimes = await sample(() => call('doctors.slots', { doctorId, fromDate: from, toDate: to }, doctor.token), 200);
        const overlap = raw.prepare(
          "select 1 from appointments where doctor_id = ? and status in ('booked', 'checked_in') and start_at < ? and end_at > ? limit 1",
        );
        const perSlot = await sample(() => {
          const free: string[] = [];
          for (const s of starts) if (!overlap.get(doctorId, new Date(Date.parse(s) + 900_000).toISOString(), s)) free.push(s);
          return free;
        }, 50);
        const slotP95 = percentile(slotTimes, 95);
        log(`bench busy-doctor-slots-60-days: p95 ${ms(slotP95)} ms, ${ratio(percentile(perSlot, 95), slotP95)} vs a query per slot (${count(starts.length)} candidate slots, ${count(starts.length / 2)} booked)`);

        // Booking: the front desk books walk-ins into the free half, each booking one transaction with its checks, history, audit and emails.
        const staff = await call<{ email: string; temporaryPassword: string }>('admin.createStaff', { fullName: 'Bench Desk', email: 'desk@bench.medlink', phone: '9822000002' }, admin.token);
        const deskLogin = await call<{ token: string }>('auth.login', { email: staff.email, password: staff.temporaryPassword, portal: 'clinic' });
        await call('auth.changePassword', { currentPassword: staff.temporaryPassword, newPassword: PASSWORD }, deskLogin.token);
        const firstPatient = (raw.prepare('select max(id) as n from patient_info').get() as { n: number }).n + 1;
        const newPatient = raw.prepare("insert into patient_info (full_name, phone, state, created_at, updated_at) values (?, '9822000000', 'Maharashtra', ?, ?)");
        raw.transaction(() => { for (let i = 0; i < BOOKINGS; i++) newPatient.run(`Walk-in ${i}`, now, now); })();
        const freeStarts = starts.filter((_, i) => i % 2 === 1).slice(0, BOOKINGS);
        const t0 = performance.now();
        for (let i = 0; i < BOOKINGS; i++) {
          await call('appointments.book', { doctorId, start: freeStarts[i], mode: 'in_person', patientId: firstPatient + i }, deskLogin.token);
        }
        const bookingRate = BOOKINGS / ((performance.now() - t0) / 1000);

        // Baseline: a raw better-sqlite3 insert of the same row, one transaction each, same pragmas, same file.
        raw.pragma('synchronous = FULL');
        const plain = raw.prepare(
          "insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, ?, ?, ?, 'in_person', 'cancelled', ?, 1, ?, ?)",
        );
        const t1 = performance.now();
        for (let i = 0; i < BOOKINGS; i++) plain.run(doctorId, firstPatient + i, freeStarts[i], freeStarts[i], `raw-${i}@medlink`, now, now);
        const rawRate = BOOKINGS / ((performance.now() - t1) / 1000);
        raw.close();
        log(`bench booking: ${Math.round(bookingRate)}/s, ${(bookingRate / rawRate).toFixed(2)}x vs raw better-sqlite3 insert (${Math.round(rawRate)}/s)`);
        log(`  data: ${count(appointments)} appointments, ${BOOKINGS} bookings; ${await pragmas(app.deps.db)}`);
      } finally {
        await app.close();
      }
    });
  },
};
