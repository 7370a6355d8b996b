// Slots for a busy doctor and the booking rate, on a clinic with 10,000 doctors and 1,000,000 appointments.
import SQLite from 'better-sqlite3';
import { addDays, zonedInstant } from '../electron/core/availability/tz';
import { benchClinic, loadAverage, PASSWORD, pragmas, scaled, TZ } from './clinic-data';
import { count, ms, percentile, ratio, sample, withTempDir, type Benchmark } from './lib';

const BOOKINGS = scaled(1_000);

export const schedulingBench: Benchmark = {
  name: 'scheduling',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const { app, call, file, today } = clinic;
      try {
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
        await call('admin.decideDoctor', { doctorId, decision: 'approve' }, clinic.adminToken);
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
        log(`bench busy-doctor-slots-60-days: p95 ${ms(slotP95)} ms, ${ratio(percentile(perSlot, 95), slotP95)} vs a query per slot (${ms(percentile(perSlot, 95))} ms; ${count(starts.length)} candidate slots, ${count(starts.length / 2)} booked); ${loadAverage()}`);

        // Booking: the front desk books walk-ins into the free half, each booking one transaction with its checks, history, audit and emails.
        const staff = await call<{ email: string; temporaryPassword: string }>('admin.createStaff', { fullName: 'Bench Desk', email: 'desk@bench.medlink', phone: '9822000002' }, clinic.adminToken);
        const deskLogin = await call<{ token: string }>('auth.login', { email: staff.email, password: staff.temporaryPassword, portal: 'clinic' });
        await call('auth.changePassword', { currentPassword: staff.temporaryPassword, newPassword: PASSWORD }, deskLogin.token);
        const firstPatient = (raw.prepare('select max(id) as n from patient_info').get() as { n: number }).n + 1;
        // Walk-ins with an email address: each booking queues the patient's confirmation (with its invitation), the reminder and the doctor's note.
        const newPatient = raw.prepare("insert into patient_info (full_name, phone, email, state, created_at, updated_at) values (?, '9822000000', ?, 'Maharashtra', ?, ?)");
        raw.transaction(() => { for (let i = 0; i < BOOKINGS; i++) newPatient.run(`Walk-in ${i}`, `walkin${i}@bench.medlink`, now, now); })();
        const freeStarts = starts.filter((_, i) => i % 2 === 1).slice(0, BOOKINGS);
        const outboxBefore = (raw.prepare('select count(*) as n from outbox').get() as { n: number }).n;

        // Baseline: a raw better-sqlite3 insert of the same row, one transaction each, same pragmas, same file.
        raw.pragma('synchronous = FULL');
        raw.pragma('foreign_keys = ON');
        const plain = raw.prepare(
          "insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, ?, ?, ?, 'in_person', 'cancelled', ?, 1, ?, ?)",
        );
        // Alternating blocks of bookings and raw inserts, so both see the same state of a shared machine.
        const booked: number[] = [];
        const inserted: number[] = [];
        const BLOCK = 50;
        for (let at = 0; at < BOOKINGS; at += BLOCK) {
          const block = Array.from({ length: Math.min(BLOCK, BOOKINGS - at) }, (_, k) => at + k);
          for (const i of block) {
            const t = performance.now();
            await call('appointments.book', { doctorId, start: freeStarts[i], mode: 'in_person', patientId: firstPatient + i }, deskLogin.token);
            booked.push(performance.now() - t);
          }
          for (const i of block) {
            const t = performance.now();
            plain.run(doctorId, firstPatient + i, freeStarts[i], freeStarts[i], `raw-${i}@medlink`, now, now);
            inserted.push(performance.now() - t);
          }
        }
        const rate = (times: number[]) => times.length / (times.reduce((x, y) => x + y, 0) / 1000);
        const queued = (raw.prepare('select count(*) as n from outbox').get() as { n: number }).n - outboxBefore;
        raw.close();
        log(
          `bench booking: ${Math.round(rate(booked))}/s, ${(rate(booked) / rate(inserted)).toFixed(2)}x vs raw better-sqlite3 insert (${Math.round(rate(inserted))}/s); ` +
            `p95 ${ms(percentile(booked, 95))} ms vs ${ms(percentile(inserted, 95))} ms`,
        );
        log(
          `  data: ${count(clinic.appointments)} appointments, ${count(BOOKINGS)} bookings (${count(queued)} emails queued); ` +
            `SQLite ${await pragmas(app.deps.db)}; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
