import { describe, expect, it, vi } from 'vitest';
import { ok } from '../helpers/clinic';
import { googleClinic, googleFake, jobRows } from '../helpers/google';
import { bookingClinic, ist } from '../helpers/scheduling';
import { openSeat, SEATS_TIMEOUT } from '../helpers/seat';
import { outboxRows } from '../helpers/smtp';

// Two seats, each a process of its own with its own job worker and Google client, work through one clinic's
// video jobs at the same time: each appointment gets one calendar event and one meeting, and each person one mail.

const TIMES = ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15'];

describe('video jobs with two seat processes', () => {
  it('never make two events for one appointment', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    fake.calendarDelayMs = 20;
    const clinic = await googleClinic(fake);
    const { doctor, asha } = await bookingClinic(clinic);
    const booked = [];
    for (const time of TIMES) {
      booked.push(ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', time), mode: 'online' }, asha.token)));
    }
    const [first, second] = await Promise.all([openSeat(clinic, { google: fake.endpoints }), openSeat(clinic, { google: fake.endpoints })]);

    const [a, b] = await Promise.all([first.runJobs(), second.runJobs()]);
    expect(a.done + b.done).toBe(TIMES.length);
    expect(a.done).toBeGreaterThan(0);
    expect(b.done).toBeGreaterThan(0);
    expect(a.failed + b.failed).toBe(0);

    expect(fake.liveEvents()).toHaveLength(TIMES.length);
    const inserts = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/calendar'));
    expect(inserts.map((r) => r.status)).toEqual(TIMES.map(() => 200));
    const links = await clinic.app.deps.db.selectFrom('video_links').selectAll().orderBy('appointment_id').execute();
    expect(links.map((l) => [l.appointment_id, l.state])).toEqual(booked.map((x) => [x.id, 'ready']));
    expect(new Set(links.map((l) => l.url)).size).toBe(TIMES.length);
    expect((await jobRows(clinic.app)).every((j) => j.status === 'done')).toBe(true);
    const mails = await outboxRows(clinic.app);
    expect(mails.filter((m) => m.kind === 'video_link')).toHaveLength(TIMES.length);
    expect(mails.filter((m) => m.kind === 'doctor_video_link')).toHaveLength(TIMES.length);
    expect([first.log, second.log]).toEqual([[], []]);
  }, SEATS_TIMEOUT);

  it('a job taken over while its first seat still waits for Google makes one event, one link and one set of mails', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const clinic = await googleClinic(fake);
    const { doctor, asha } = await bookingClinic(clinic);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-03', '10:00'), mode: 'online' }, asha.token));
    const [slow, other] = await Promise.all([openSeat(clinic, { google: fake.endpoints }), openSeat(clinic, { google: fake.endpoints })]);

    // The first seat's insert takes long; meanwhile its lease runs out (as seen from the other seat's clock).
    fake.calendarDelayMs = 1500;
    const slowRun = slow.runJobs();
    await vi.waitFor(() => expect(fake.requests.some((r) => r.method === 'POST' && r.path.startsWith('/calendar'))).toBe(true), { timeout: 20_000 });
    await other.advanceClock(6);
    const [first, second] = await Promise.all([slowRun, other.runJobs()]);
    expect(first.done + second.done).toBe(2);

    // Both asked Google to make the same event: the second ask was refused (409) and read the first one's.
    const inserts = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/calendar'));
    expect(inserts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(fake.liveEvents()).toHaveLength(1);
    const link = await clinic.app.deps.db.selectFrom('video_links').selectAll().where('appointment_id', '=', a.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ state: 'ready', url: fake.liveEvents()[0]!.meetLink });
    const mails = await outboxRows(clinic.app);
    expect(mails.filter((m) => m.kind === 'video_link' || m.kind === 'doctor_video_link')).toHaveLength(2);
    expect(slow.log).toEqual([expect.stringContaining('done, but its claim had run out')]);
  }, SEATS_TIMEOUT);
});
