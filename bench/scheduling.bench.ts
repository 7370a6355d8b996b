// Slots for a busy doctor and the booking rate on SQLite, on a clinic with 10,000 doctors and 1,000,000
// appointments. Every figure is a call through the dispatcher, as a screen makes it (validation, session, roles,
// transaction, output parse), against a baseline measured in the same run.
import { addDays } from '../shared/clinic-time';
import { bumpSearchVersion } from '../electron/core/search/versions.repo';
import { benchClinic, busyDoctor, frontDesk, loadAverage, pragmas, scaled, walkIns } from './clinic-data';
import { count, ms, percentile, ratio, sample, withTempDir, type Benchmark } from './lib';

const BOOKINGS = scaled(1_000);
/** Bookings and raw inserts alternate in blocks this long, so both see the same state of a shared machine. */
const BLOCK = 50;

export const schedulingBench: Benchmark = {
  name: 'scheduling',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const { app, call, today } = clinic;
      try {
        const doctor = await busyDoctor(clinic);
        const { doctorId } = doctor;
        const raw = clinic.raw();

        // Slots: the app's one query for busy time over kept open slots, against a query per candidate slot.
        const input = { doctorId, fromDate: addDays(today, 1), toDate: addDays(today, 60) };
        const listed = await call<unknown[]>('doctors.slots', input, doctor.token);
        const slotTimes = await sample(() => call('doctors.slots', input, doctor.token), 200);
        // The first listing after the doctor's hours change works the open slots out again (no list kept).
        const afterHours = await sample(async () => {
          await bumpSearchVersion(app.deps.db);
          return call('doctors.slots', input, doctor.token);
        }, 50);
        const overlap = raw.prepare(
          "select 1 from appointments where doctor_id = ? and status in ('booked', 'checked_in') and start_at < ? and end_at > ? limit 1",
        );
        const perSlot = await sample(() => {
          const free: string[] = [];
          for (const s of doctor.starts) if (!overlap.get(doctorId, new Date(Date.parse(s) + 900_000).toISOString(), s)) free.push(s);
          return free;
        }, 50);
        const slotP95 = percentile(slotTimes, 95);
        log(`bench busy-doctor-slots-60-days: p95 ${ms(slotP95)} ms, ${ratio(percentile(perSlot, 95), slotP95)} vs a query per slot (p95 ${ms(percentile(perSlot, 95))} ms)`);
        log(
          `  ${count(listed.length)} free of ${count(doctor.starts.length)} candidate slots; median ${ms(percentile(slotTimes, 50))} ms; ` +
            `first listing after an hours change: p95 ${ms(percentile(afterHours, 95))} ms; ${loadAverage()}`,
        );

        // Booking: the front desk books walk-ins into the free half, each booking one transaction with its checks, history, audit and emails.
        const desk = await frontDesk(clinic);
        const firstPatient = walkIns(clinic, BOOKINGS);
        const outboxBefore = (raw.prepare('select count(*) as n from outbox').get() as { n: number }).n;
        // Baseline: a raw better-sqlite3 insert of the same row, one transaction each, same pragmas, same file.
        raw.pragma('synchronous = FULL');
        raw.pragma('foreign_keys = ON');
        const plain = raw.prepare(
          "insert into appointments (doctor_id, patient_id, start_at, end_at, mode, status, ics_uid, created_by, created_at, updated_at) values (?, ?, ?, ?, 'in_person', 'cancelled', ?, 1, ?, ?)",
        );
        const now = new Date().toISOString();
        const booked: number[] = [];
        const inserted: number[] = [];
        for (let at = 0; at < BOOKINGS; at += BLOCK) {
          const block = Array.from({ length: Math.min(BLOCK, BOOKINGS - at) }, (_, k) => at + k);
          for (const i of block) {
            const t = performance.now();
            await call('appointments.book', { doctorId, start: doctor.freeStarts[i], mode: 'in_person', patientId: firstPatient + i }, desk.token);
            booked.push(performance.now() - t);
          }
          for (const i of block) {
            const t = performance.now();
            plain.run(doctorId, firstPatient + i, doctor.freeStarts[i], doctor.freeStarts[i], `raw-${i}@medlink`, now, now);
            inserted.push(performance.now() - t);
          }
        }
        const rate = (times: number[]) => times.length / (times.reduce((x, y) => x + y, 0) / 1000);
        const queued = (raw.prepare('select count(*) as n from outbox').get() as { n: number }).n - outboxBefore;
        raw.close();
        log(`bench booking: ${Math.round(rate(booked))}/s, ${(rate(booked) / rate(inserted)).toFixed(2)}x vs raw SQLite insert (${Math.round(rate(inserted))}/s)`);
        log(
          `  p95 ${ms(percentile(booked, 95))} ms vs ${ms(percentile(inserted, 95))} ms; ${count(BOOKINGS)} bookings (${count(queued)} emails queued) ` +
            `among ${count(clinic.appointments)} appointments; SQLite ${await pragmas(app.deps.db)}; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
