import { sql } from 'kysely';
import { describe, expect, inject, it, vi } from 'vitest';
import type { Ctx } from '../../electron/core/context';
import { announce, appointmentChange, sendAnnounced } from '../../electron/core/live/changes';
import { createWatch } from '../../electron/core/live/watch';
import { enrolledSeat, newClinic, ok, refused, signIn, signupPatient, type Clinic } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { listening, openFeed } from '../helpers/live';
import { bookingClinic, ist } from '../helpers/scheduling';
import { openSeat, SEATS_TIMEOUT } from '../helpers/seat';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune.
const TUESDAY = '2026-03-03';

/** A change announced inside a transaction of the clinic's own, which then commits or rolls back: the dispatcher's path, bare. */
async function announceIn(clinic: Clinic, appointmentId: number, outcome: 'commit' | 'rollback') {
  const after: (() => void)[] = [];
  await clinic.app.deps.db
    .transaction()
    .execute(async (trx) => {
      const ctx: Ctx = { db: trx, now: clinic.clock.now(), deps: clinic.app.deps, session: null, afterCommit: (fn) => after.push(fn) };
      announce(ctx, appointmentChange(appointmentId));
      await sendAnnounced(ctx);
      if (outcome === 'rollback') throw new Error('rolled back on purpose');
    })
    .catch((e: Error) => expect(e.message).toBe('rolled back on purpose'));
  if (outcome === 'commit') for (const fn of after) fn();
}

describe('live updates', () => {
  it('a booking, once committed, reaches the feeds of the desk, the patient and the doctor, once each, and no one else', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    const feeds = {
      desk: await openFeed(clinic.app, desk.token),
      asha: await openFeed(clinic.app, asha.token),
      vikram: await openFeed(clinic.app, vikram.token),
      doctor: await openFeed(clinic.app, doctor.token),
      admin: await openFeed(clinic.app, clinic.adminToken),
    };
    await listening(feeds.desk, !!clinic.databaseUrl);

    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:15'), mode: 'in_person' }, asha.token));
    // Told on commit: by the time the call answers, every feed has heard it.
    const change = { topic: 'appointments', id: booked.id };
    expect(feeds.desk.changes()).toEqual([change]);
    expect(feeds.asha.changes()).toEqual([change]);
    expect(feeds.doctor.changes()).toEqual([change]);
    expect(feeds.vikram.changes()).toEqual([]);
    // The booking's three emails: the administrator's mail queue hears of them once.
    expect(feeds.admin.changes()).toEqual([{ topic: 'mail', id: null }]);

    // A cancellation is heard the same way. Events carry kinds and ids only.
    ok(await clinic.call('appointments.cancel', { appointmentId: booked.id, reason: 'Feeling better' }, asha.token));
    expect(feeds.doctor.changes()).toEqual([change, change]);
    expect(JSON.stringify(feeds.desk.heard)).not.toMatch(/Asha|Kulkarni|Feeling/);
  });

  it("a red flag told to the assistant reaches the administrator's and doctors' feeds, as does its handling, and no patient's", async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const feeds = { admin: await openFeed(clinic.app, clinic.adminToken), doctor: await openFeed(clinic.app, doctor.token), asha: await openFeed(clinic.app, asha.token) };
    await listening(feeds.admin, !!clinic.databaseUrl);

    ok(await clinic.call('assistant.ask', { text: 'my father has chest pain and is sweating', language: 'en' }));
    const raised = { topic: 'alerts', id: null };
    expect(feeds.admin.changes()).toEqual([raised]);
    expect(feeds.doctor.changes()).toEqual([raised]);

    const [alert] = ok(await clinic.call('alerts.list', {}, doctor.token));
    ok(await clinic.call('alerts.handle', { alertId: alert!.id }, doctor.token));
    expect(feeds.admin.changes()).toEqual([raised, { topic: 'alerts', id: alert!.id }]);
    expect(feeds.asha.changes()).toEqual([]);
    expect(JSON.stringify(feeds.admin.heard)).not.toMatch(/chest/);
  });

  it('a refused call and a rolled-back transaction tell no one, here or at another seat', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    const here = await openFeed(clinic.app, desk.token);
    const other = clinic.databaseUrl ? await openFeed(await enrolledSeat(clinic), desk.token) : null;
    await listening(here, !!clinic.databaseUrl);
    if (other) await listening(other, true);
    const start = ist(TUESDAY, '10:00');
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode: 'in_person' }, asha.token));
    if (other) await vi.waitFor(() => expect(other.changes()).toHaveLength(1));

    expect(refused(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode: 'in_person' }, vikram.token)).code).toBe('SLOT_TAKEN');
    await announceIn(clinic, booked.id, 'rollback');
    // What commits after them is heard, and nothing before it: the rolled-back NOTIFY never went out.
    await announceIn(clinic, booked.id, 'commit');
    const change = { topic: 'appointments', id: booked.id };
    expect(here.changes()).toEqual([change, change]);
    if (other) {
      await vi.waitFor(() => expect(other.changes()).toEqual([change, change]));
      // Its own change, heard through its own NOTIFY as well, is not told twice to its own screens.
      expect(here.changes()).toHaveLength(2);
    }
  });

  it('a feed opened again after a gap hears what it missed; one from an earlier run of the seat is told to read everything', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const first = await openFeed(clinic.app, desk.token);
    await listening(first, !!clinic.databaseUrl);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person' }, asha.token));
    const resumeFrom = first.lastEventId();
    first.stop();

    // While the screen was away (its connection dropped): a cancellation and a new booking.
    ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Wrong day' }, asha.token));
    const b = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token));
    expect(first.changes()).toEqual([{ topic: 'appointments', id: a.id }]);

    const again = await openFeed(clinic.app, desk.token, resumeFrom);
    expect(again.changes()).toEqual([{ topic: 'appointments', id: a.id }, { topic: 'appointments', id: b.id }]);
    // Not a thing twice: from where it now stands, nothing is replayed.
    expect((await openFeed(clinic.app, desk.token, again.lastEventId())).changes()).toEqual([]);
    // A resume point from before a restart (another bus) or one it never gave: read everything.
    for (const stale of ['0123456789abcdef.7', 'not an id']) {
      expect((await openFeed(clinic.app, desk.token, stale)).heard.map((h) => h.event)).toEqual([{ topic: 'all', id: null }]);
    }
  });

  it('a feed is only for an open session, and watching does not keep one open', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
    for (const token of [undefined, '', 'made-up']) expect(refused(await clinic.app.watch(token, undefined, { deliver: () => undefined, end: () => undefined })).code).toBe('UNAUTHENTICATED');

    // Checked again every so often (here every 20 ms): signing out ends the feed.
    const live = createWatch(clinic.app.deps, { recheckMs: 20 });
    const feed = await openFeed(live, patient.token);
    ok(await clinic.call('auth.logout', {}, patient.token));
    await vi.waitFor(() => expect(feed.ended()).toBe(true));

    // Idle past the clinic's limit (15 minutes) with a feed open the whole time: the session still runs out.
    const again = ok(await signIn(clinic, patient.email, patient.password, 'patient')).token;
    const watched = await openFeed(live, again);
    clinic.clock.advanceMinutes(16);
    await vi.waitFor(() => expect(watched.ended()).toBe(true));
    expect(refused(await clinic.call('auth.session', {}, again)).code).toBe('SESSION_EXPIRED');
    await live.close();
  });
});

// Seats are separate processes on the clinic's PostgreSQL server; SQLite has only the one.
describe.skipIf(!inject('postgresUrl'))('live updates between seat processes', () => {
  it("a booking at one seat reaches the desk's feed at another, through the database's notifications", async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const [frontDesk, home] = await Promise.all([openSeat(clinic), openSeat(clinic)]);
    expect((await frontDesk.watch(desk.token)).ok).toBe(true);
    // Its listener is up once it has told its feed to read everything.
    await vi.waitFor(async () => expect(await frontDesk.heard()).toEqual([{ topic: 'all', id: null }]), { timeout: 10_000, interval: 50 });

    const booked = ok(await home.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person' }, asha.token));
    await vi.waitFor(async () => expect(await frontDesk.heard()).toEqual([{ topic: 'all', id: null }, { topic: 'appointments', id: booked.id }]), {
      timeout: 5_000,
      interval: 20,
    });
  }, SEATS_TIMEOUT);

  it('a seat whose listening connection is cut connects again, listens again, has its screens read everything, and hears on', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const feed = await openFeed(await enrolledSeat(clinic), desk.token);
    await listening(feed, true);
    const { rows } = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'MedLink live' and datname = current_database()`.execute(clinic.app.deps.db);
    expect(rows[0]!.n).toBe(1);
    // What was said while nobody listened is lost: once LISTEN is in force again, the screens read everything.
    await vi.waitFor(() => expect(feed.heard.filter((h) => h.event.topic === 'all')).toHaveLength(2), { timeout: 10_000, interval: 20 });

    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '12:00'), mode: 'in_person' }, asha.token));
    await vi.waitFor(() => expect(feed.changes()).toEqual([{ topic: 'appointments', id: booked.id }]), { timeout: 5_000, interval: 20 });
  });
});
