import { describe, expect, it, vi } from 'vitest';
import { ADMIN_EMAIL, ok, PASSWORD, refused, signIn, type Clinic } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { connectGoogle, googleClinic, googleFake, jobRows, linkRow, type GoogleFake } from '../helpers/google';
import { bookingClinic, ist } from '../helpers/scheduling';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

// An online appointment's link through its life, against the fake Google: made as a Meet event by a job (pending,
// then a link), moved with the appointment, deleted when it goes in person or is cancelled; a Jitsi room without
// Google; the doctor's own link or a new one; every change mailed to the patient and the doctor.

const TUESDAY = '2026-03-03';
const WEDNESDAY = '2026-03-04';
const MEET = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
const JITSI = /^https:\/\/meet\.jit\.si\/MedLink-[0-9a-f]{32}$/;

async function setUp(fake: GoogleFake, options: { connect?: boolean; fallbackMinutes?: number } = {}) {
  const clinic = await googleClinic(fake, options);
  const people = await bookingClinic(clinic);
  const smtp = await smtpServer();
  await useSmtp(clinic, smtp.port);
  const book = async (time = '10:00', mode: 'online' | 'in_person' = 'online') =>
    ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: ist(TUESDAY, time), mode, reason: 'Follow-up of blood pressure' }, people.asha.token));
  return { clinic, ...people, smtp, book };
}

/** The appointment as the patient's and the doctor's screens show it. */
async function seenBy(clinic: Clinic, id: number, patientToken: string, doctorToken: string) {
  const mine = ok(await clinic.call('appointments.mine', {}, patientToken));
  const schedule = ok(await clinic.call('appointments.schedule', { fromDate: TUESDAY, toDate: WEDNESDAY }, doctorToken));
  const find = <T extends { id: number }>(list: T[]) => list.find((a) => a.id === id);
  return { patient: find([...mine.upcoming, ...mine.past])!, doctor: find(schedule.appointments)! };
}

const mailsOf = (smtp: Awaited<ReturnType<typeof smtpServer>>, to: string) =>
  smtp.received.filter((r) => r.envelopeTo.includes(to)).map((r) => ({ subject: r.mail.subject ?? '', text: r.mail.text ?? '' }));

describe('video links with Google', () => {
  it('a booking queues the Meet event; the link comes once Google has made the meeting, and goes to both in a follow-up', async () => {
    const fake = await googleFake();
    const { clinic, doctor, asha, smtp, book } = await setUp(fake);
    const a = await book('11:00');
    // The booking did not wait for Google: nothing was asked of it yet.
    expect(fake.requests.filter((r) => r.path.startsWith('/calendar'))).toEqual([]);
    expect(a.video).toEqual({ provider: 'google_meet', state: 'pending', url: null, moderatorSignIn: false });
    expect((await jobRows(clinic.app)).map((j) => [j.kind, j.appointment_id, j.status])).toEqual([['video.sync', a.id, 'pending']]);

    // The confirmation goes out at once, saying the link follows.
    await clinic.app.sender.runOnce();
    const confirmation = mailsOf(smtp, asha.email).find((m) => m.subject.startsWith('Appointment confirmed'))!;
    expect(confirmation.text).toContain('Your video link is being made and follows in a separate email shortly.');
    expect(mailsOf(smtp, doctor.email).find((m) => m.subject.startsWith('New appointment'))!.text).toContain('The video link follows in a separate email.');

    // First try: the event is made, its conference still pending at Google.
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 0 });
    const [insert] = fake.requests.filter((r) => r.method === 'POST' && r.path === '/calendar/v3/calendars/primary/events');
    expect(insert!.query).toMatchObject({ conferenceDataVersion: '1', sendUpdates: 'none' });
    const link = (await linkRow(clinic.app, a.id))!;
    expect(insert!.body).toMatchObject({
      id: link.event_id,
      start: { dateTime: ist(TUESDAY, '11:00'), timeZone: 'Asia/Kolkata' },
      end: { dateTime: ist(TUESDAY, '11:15'), timeZone: 'Asia/Kolkata' },
      attendees: [{ email: asha.email, displayName: 'Asha Kulkarni' }, { email: doctor.email, displayName: 'Dr Rohan Mehta' }],
      conferenceData: { createRequest: { requestId: link.event_id, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    // The reason for the visit stays in MedLink.
    expect(JSON.stringify(insert!.body)).not.toContain('blood pressure');
    expect(link).toMatchObject({ provider: 'google_meet', state: 'pending', url: null, calendar_owner: 'clinic', generation: 1 });
    const [job] = await jobRows(clinic.app);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, last_error: null, due_at: new Date(clinic.clock.now().getTime() + 2_000).toISOString() });

    // Looked at again: the meeting is there.
    clinic.clock.advanceMinutes(1);
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    const ready = (await linkRow(clinic.app, a.id))!;
    expect(ready).toMatchObject({ state: 'ready', provider: 'google_meet' });
    expect(ready.url).toMatch(MEET);
    expect(fake.liveEvents()).toHaveLength(1);

    const seen = await seenBy(clinic, a.id, asha.token, doctor.token);
    expect(seen.patient.video).toEqual({ provider: 'google_meet', state: 'ready', url: ready.url, moderatorSignIn: false });
    expect(seen.doctor.video).toEqual(seen.patient.video);
    expect([seen.patient.canChangeLink, seen.doctor.canChangeLink]).toEqual([false, true]);

    await clinic.app.sender.runOnce();
    const followUp = mailsOf(smtp, asha.email).find((m) => m.subject.startsWith('Video link for your appointment'))!;
    expect(followUp.text).toContain(`Join the video consultation: ${ready.url}`);
    expect(mailsOf(smtp, doctor.email).find((m) => m.subject.startsWith('Video link: Asha Kulkarni'))!.text).toContain(ready.url!);
    // The reminder, written at booking without a link, was written again with it.
    const reminders = (await outboxRows(clinic.app)).filter((r) => r.kind === 'appointment_reminder');
    expect(reminders.map((r) => r.status)).toEqual(['cancelled', 'pending']);
    expect(reminders[1]!.text).toContain(ready.url!);

    // Nothing more to do; running again asks Google nothing.
    const asked = fake.requests.length;
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 0 });
    expect(fake.requests.length).toBe(asked);
  });

  it('a move keeps the link and moves the event; going in person or cancelling deletes it; back online makes a new one', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const { clinic, doctor, asha, smtp, book } = await setUp(fake);
    const a = await book();
    await clinic.app.jobs.runOnce();
    const first = (await linkRow(clinic.app, a.id))!;
    expect(first.url).toMatch(MEET);
    await clinic.app.sender.runOnce();
    const linkMails = () => mailsOf(smtp, asha.email).filter((m) => m.subject.startsWith('Video link')).length;
    expect(linkMails()).toBe(1);

    ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(WEDNESDAY, '11:00') }, asha.token));
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    const patch = fake.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe(`/calendar/v3/calendars/primary/events/${first.event_id}`);
    expect(patch.query).toMatchObject({ sendUpdates: 'none' });
    const event = fake.liveEvents()[0]!;
    expect(event.body.start).toEqual({ dateTime: ist(WEDNESDAY, '11:00'), timeZone: 'Asia/Kolkata' });
    expect(event.meetLink).toBe(first.url);
    expect(await linkRow(clinic.app, a.id)).toMatchObject({ state: 'ready', url: first.url, generation: 1 });
    await clinic.app.sender.runOnce();
    expect(mailsOf(smtp, asha.email).find((m) => m.subject.startsWith('Appointment moved'))!.text).toContain(`Join the video consultation: ${first.url}`);
    expect(mailsOf(smtp, doctor.email).find((m) => m.subject.startsWith('Appointment moved'))!.text).toContain(first.url!);
    // The same link: no "new link" mail.
    expect(linkMails()).toBe(1);

    ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(WEDNESDAY, '11:00'), mode: 'in_person' }, asha.token));
    expect((await seenBy(clinic, a.id, asha.token, doctor.token)).patient.video).toBeNull();
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(fake.liveEvents()).toEqual([]);
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => [r.path, r.status])).toEqual([[`/calendar/v3/calendars/primary/events/${first.event_id}`, 204]]);

    ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(WEDNESDAY, '11:00'), mode: 'online' }, asha.token));
    await clinic.app.jobs.runOnce();
    const second = (await linkRow(clinic.app, a.id))!;
    expect(second).toMatchObject({ state: 'ready', generation: 2 });
    expect(second.event_id).not.toBe(first.event_id);
    expect(second.url).toMatch(MEET);
    expect(second.url).not.toBe(first.url);

    ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Feeling better' }, asha.token));
    expect(await linkRow(clinic.app, a.id)).toMatchObject({ state: 'removed', url: null });
    // Someone had already deleted it in Google Calendar: 410 is what was wanted.
    fake.events.get(`${fake.account}/${second.event_id}`)!.status = 'cancelled';
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([204, 410]);
    expect((await jobRows(clinic.app)).every((j) => j.status === 'done')).toBe(true);
  });

  it('without Google the link is a Jitsi room at once, in the confirmation; the doctor is told about moderator sign-in', async () => {
    const fake = await googleFake();
    const { clinic, doctor, asha, smtp, book } = await setUp(fake, { connect: false });
    const a = await book();
    expect(a.video!.url).toMatch(JITSI);
    expect(a.video).toMatchObject({ provider: 'jitsi', state: 'ready', moderatorSignIn: true });
    expect(await jobRows(clinic.app)).toEqual([]);
    await clinic.app.sender.runOnce();
    expect(mailsOf(smtp, asha.email).find((m) => m.subject.startsWith('Appointment confirmed'))!.text).toContain(`Join the video consultation: ${a.video!.url}`);
    const toDoctor = mailsOf(smtp, doctor.email).find((m) => m.subject.startsWith('New appointment'))!.text;
    expect(toDoctor).toContain(a.video!.url!);
    expect(toDoctor).toContain('sign in as moderator');
    const invite = (await outboxRows(clinic.app)).find((r) => r.kind === 'booking_confirmation')!.ics!;
    expect(invite).toContain(`LOCATION:${a.video!.url}`);

    // The clinic's own Jitsi server: no moderator sign-in there.
    ok(await clinic.call('video.saveSettings', { clientId: '', jitsiServer: 'https://jitsi.sunrise.example', fallbackMinutes: 10 }, clinic.adminToken));
    const b = await book('11:00');
    expect(b.video!.url).toMatch(/^https:\/\/jitsi\.sunrise\.example\/MedLink-[0-9a-f]{32}$/);
    expect(b.video!.moderatorSignIn).toBe(false);
    // An in-person visit has no link.
    expect((await book('12:00', 'in_person')).video).toBeNull();
  });

  it("the doctor's own link, or a new one, replaces the old everywhere and is mailed to both", async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const { clinic, doctor, asha, vikram, smtp, book } = await setUp(fake);
    const a = await book();
    await clinic.app.jobs.runOnce();
    const meet = (await linkRow(clinic.app, a.id))!;
    await clinic.app.sender.runOnce();
    const before = smtp.received.length;

    // Only https on a video service; only the appointment's doctor.
    for (const url of ['http://us02web.zoom.us/j/1', 'https://evil.example/j/1', 'https://user:pw@zoom.us/j/1', 'javascript:alert(1)']) {
      const r = refused(await clinic.call('video.useOwnLink', { appointmentId: a.id, url }, doctor.token));
      expect(r.code, url).toBe('VALIDATION');
    }
    expect(refused(await clinic.call('video.useOwnLink', { appointmentId: a.id, url: 'https://evil.example/j/1' }, doctor.token)).fields).toEqual({ url: 'link_host' });
    expect(refused(await clinic.call('video.useOwnLink', { appointmentId: a.id, url: 'https://zoom.us/j/1' }, asha.token)).code).toBe('FORBIDDEN');
    const other = await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'in_person' }, vikram.token);
    expect(refused(await clinic.call('video.newLink', { appointmentId: ok(other).id }, doctor.token)).code).toBe('CONFLICT');
    expect(await linkRow(clinic.app, a.id)).toEqual(meet);

    const zoom = 'https://us02web.zoom.us/j/81234567890?pwd=abc';
    ok(await clinic.call('video.useOwnLink', { appointmentId: a.id, url: zoom }, doctor.token));
    const seen = await seenBy(clinic, a.id, asha.token, doctor.token);
    expect(seen.patient.video).toEqual({ provider: 'own', state: 'ready', url: zoom, moderatorSignIn: false });
    expect(JSON.stringify(seen)).not.toContain(meet.url!);
    await clinic.app.jobs.runOnce();
    expect(fake.liveEvents()).toEqual([]);
    await clinic.app.sender.runOnce();
    const news = smtp.received.slice(before).map((r) => [r.envelopeTo[0], r.mail.subject]);
    expect(news).toEqual(expect.arrayContaining([[asha.email, expect.stringMatching(/^Video link for your appointment/)], [doctor.email, expect.stringMatching(/^Video link: Asha/)]]));
    expect(mailsOf(smtp, asha.email).at(-1)!.text).toContain('This link replaces the one sent to you earlier');
    expect(mailsOf(smtp, asha.email).at(-1)!.text).toContain(zoom);

    ok(await clinic.call('video.newLink', { appointmentId: a.id }, doctor.token));
    expect((await seenBy(clinic, a.id, asha.token, doctor.token)).patient.video).toMatchObject({ provider: 'google_meet', state: 'pending', url: null });
    await clinic.app.jobs.runOnce();
    const fresh = (await linkRow(clinic.app, a.id))!;
    expect(fresh).toMatchObject({ provider: 'google_meet', state: 'ready', generation: 3 });
    expect(fresh.url).not.toBe(meet.url);
    await clinic.app.sender.runOnce();
    expect(mailsOf(smtp, asha.email).at(-1)!.text).toContain(fresh.url!);
    expect(mailsOf(smtp, asha.email).at(-1)!.text).toContain('This link replaces the one sent to you earlier');
    expect((await auditRows(clinic.app, 'video.link_replaced')).map((r) => [r.patient_id, JSON.parse(r.detail).provider])).toEqual([
      [asha.patientId, 'own'],
      [asha.patientId, 'google_meet'],
    ]);
  });

  it("a doctor's own Google calendar takes their appointments; the clinic's takes the others", async () => {
    const fake = await googleFake({ account: 'reception@sunrise.example' });
    fake.pendingPolls = 0;
    const { clinic, doctor, book } = await setUp(fake);
    fake.account = 'dr.mehta@gmail.com';
    await connectGoogle(clinic, fake, doctor.token, 'mine');
    const a = await book();
    await clinic.app.jobs.runOnce();
    expect(await linkRow(clinic.app, a.id)).toMatchObject({ calendar_owner: `doctor:${doctor.doctorId}`, state: 'ready' });
    expect(fake.liveEvents().map((e) => e.account)).toEqual(['dr.mehta@gmail.com']);
  });
});

/** The access token as stored for every seat runs out now: the next caller must refresh it. */
async function expireStoredToken(clinic: Clinic) {
  const { db, keyring } = clinic.app.deps;
  const row = await db.selectFrom('google_connections').select(['owner', 'tokens']).executeTakeFirstOrThrow();
  const tokens = JSON.parse(keyring.secrets.open(row.tokens)) as Record<string, unknown>;
  await db.updateTable('google_connections').set({ tokens: keyring.secrets.seal(JSON.stringify({ ...tokens, expiry_date: Date.now() - 1000 })) }).where('owner', '=', row.owner).execute();
}

describe('video links when Google misbehaves', () => {
  it('concurrent callers share one token refresh, and the refreshed token is stored for every seat', async () => {
    const fake = await googleFake();
    const { clinic } = await setUp(fake);
    const stored = async () => (await clinic.app.deps.db.selectFrom('google_connections').select('tokens').executeTakeFirstOrThrow()).tokens;
    const sealedBefore = await stored();
    fake.expireAccessTokens();
    await expireStoredToken(clinic);
    const sealedExpired = await stored();
    fake.refreshDelayMs = 100;
    const deps = clinic.app.deps;
    const clients = await Promise.all(Array.from({ length: 5 }, () => deps.google.authorised(deps, 'clinic')));
    expect(fake.grants.refresh_token).toBe(1);
    expect(new Set(clients.map((c) => c.credentials.access_token)).size).toBe(1);
    expect(await stored()).not.toBe(sealedBefore);
    expect(await stored()).not.toBe(sealedExpired);
    expect(JSON.parse(deps.keyring.secrets.open(await stored())).access_token).toBe(clients[0]!.credentials.access_token);
  });

  it('a revoked grant (invalid_grant) breaks the connection: "Reconnect", and waiting links become Jitsi rooms at once', async () => {
    const fake = await googleFake();
    const { clinic, doctor, asha, vikram, smtp } = await setUp(fake);
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online' }, asha.token));
    const b = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '10:30'), mode: 'online' }, vikram.token));
    // The person removed MedLink's access in their Google account: the next call (its token refresh) is refused.
    fake.revokeAll();
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 2, failed: 0 });
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken)).status).toBe('broken');
    for (const id of [a.id, b.id]) {
      const link = (await linkRow(clinic.app, id))!;
      expect(link).toMatchObject({ provider: 'jitsi', state: 'ready' });
      expect(link.url).toMatch(JITSI);
      expect(link.last_error).toContain('Google refused the connection: Token has been expired or revoked.');
    }
    await clinic.app.sender.runOnce();
    expect(mailsOf(smtp, asha.email).some((m) => m.subject.startsWith('Video link for your appointment'))).toBe(true);
    expect(mailsOf(smtp, doctor.email).filter((m) => m.subject.startsWith('Video link:'))).toHaveLength(2);
    expect((await auditRows(clinic.app, 'google.broken')).map((r) => JSON.parse(r.detail).calendar)).toEqual(['clinic']);

    // New online bookings get Jitsi at once until someone reconnects.
    const c = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token));
    expect(c.video!.provider).toBe('jitsi');
    await connectGoogle(clinic, fake, clinic.adminToken, 'clinic');
    const d = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:30'), mode: 'online' }, vikram.token));
    expect(d.video!.provider).toBe('google_meet');
  });

  it('429 waits as long as Google says (or backs off), 500 is tried again, and each then succeeds', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const { clinic, book } = await setUp(fake);
    const a = await book();
    const job = async () => (await jobRows(clinic.app))[0]!;
    const now = () => clinic.clock.now().getTime();

    fake.failNext({ status: 429, retryAfter: 20 });
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 1 });
    expect(await job()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse((await job()).due_at) - now()).toBe(20_000);
    expect((await job()).last_error).toContain('429 rateLimitExceeded');

    clinic.clock.advanceMinutes(1);
    fake.failNext({ status: 429 });
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 1 });
    expect(Date.parse((await job()).due_at) - now()).toBe(60_000);

    clinic.clock.advanceMinutes(1);
    fake.failNext({ status: 500 });
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 1 });
    expect((await job()).last_error).toContain('500');
    expect(Date.parse((await job()).due_at) - now()).toBe(120_000);

    clinic.clock.advanceMinutes(2);
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect((await linkRow(clinic.app, a.id))!.url).toMatch(MEET);
    // However often it was tried, one event and one meeting.
    expect(fake.liveEvents()).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/calendar')).map((r) => r.status)).toEqual([429, 429, 500, 200]);
  });

  it('an answer lost on the way: the retry finds the event already made (409) and makes no second meeting', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const { clinic, book } = await setUp(fake);
    const a = await book();
    fake.loseNextInsertAnswer = true;
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 0, failed: 1 });
    expect((await jobRows(clinic.app))[0]!.last_error).toContain('Google could not be reached');
    expect(fake.liveEvents()).toHaveLength(1);
    clinic.clock.advanceMinutes(1);
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(fake.requests.filter((r) => r.path.startsWith('/calendar')).map((r) => [r.method, r.status])).toEqual([['POST', 0], ['POST', 409], ['GET', 200]]);
    expect(fake.liveEvents()).toHaveLength(1);
    expect((await linkRow(clinic.app, a.id))!.url).toBe(fake.liveEvents()[0]!.meetLink);
  });

  it('cancelled while Google is making the event: the event made a moment later is deleted too', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    fake.calendarDelayMs = 300;
    const { clinic, asha, book } = await setUp(fake);
    const a = await book();
    const running = clinic.app.jobs.runOnce();
    await vi.waitFor(() => expect(fake.requests.some((r) => r.method === 'POST' && r.path.startsWith('/calendar'))).toBe(true));
    ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Feeling better' }, asha.token));
    await running;
    // The cancellation's delete may have come before the event existed (404); the job that made it queued another.
    for (let i = 0; i < 3 && fake.liveEvents().length > 0; i++) await clinic.app.jobs.runOnce();
    expect(fake.liveEvents()).toEqual([]);
    expect(await linkRow(clinic.app, a.id)).toMatchObject({ state: 'removed', url: null });
    expect((await outboxRows(clinic.app)).filter((m) => m.kind === 'video_link')).toEqual([]);
  });

  it('Google down: the link waits, then becomes a Jitsi room at the fallback time and everyone is told', async () => {
    const fake = await googleFake();
    const { clinic, doctor, asha, smtp, book } = await setUp(fake, { fallbackMinutes: 10 });
    await fake.down();
    const a = await book();
    const due = async () => Date.parse((await jobRows(clinic.app))[0]!.due_at);
    const start = clinic.clock.now().getTime();

    // Tried at 0, +30 s, +1.5 min, +3.5 min, +7.5 min, then at the fallback time rather than 8 min later.
    const tries: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(await clinic.app.jobs.runOnce()).toMatchObject({ done: i === 5 ? 1 : 0 });
      if (i < 5) {
        tries.push((await due()) - start);
        clinic.clock.advanceMinutes(((await due()) - clinic.clock.now().getTime()) / 60_000);
      }
    }
    expect(tries).toEqual([30_000, 90_000, 210_000, 450_000, 600_000]);
    const link = (await linkRow(clinic.app, a.id))!;
    expect(link).toMatchObject({ provider: 'jitsi', state: 'ready' });
    expect(link.last_error).toContain('Google failed for too long: Google could not be reached');
    expect((await seenBy(clinic, a.id, asha.token, doctor.token)).patient.video!.url).toBe(link.url);

    await clinic.app.sender.runOnce();
    expect(mailsOf(smtp, asha.email).find((m) => m.subject.startsWith('Video link for your appointment'))!.text).toContain(link.url!);
    expect(mailsOf(smtp, doctor.email).find((m) => m.subject.startsWith('Video link:'))!.text).toContain(link.url!);

    // Google may have made the event after all: once it answers again, it is deleted (here it never was: 404).
    await fake.up();
    clinic.clock.advanceMinutes(1);
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([404]);
    expect((await jobRows(clinic.app)).map((j) => [j.kind, j.status])).toEqual([['video.sync', 'done'], ['video.delete', 'done']]);
  });

  it('a dead job is listed for the administrator and runs again on retry', async () => {
    const fake = await googleFake();
    fake.pendingPolls = 0;
    const { clinic, asha, book } = await setUp(fake);
    const a = await book();
    await clinic.app.jobs.runOnce();
    await fake.down();
    ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Feeling better' }, asha.token));
    for (let i = 0; i < 8; i++) {
      await clinic.app.jobs.runOnce();
      clinic.clock.advanceMinutes(61);
    }
    clinic.adminToken = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).token;
    const [dead] = ok(await clinic.call('video.jobs', {}, clinic.adminToken));
    expect(dead).toMatchObject({ kind: 'video.delete', status: 'dead', attempts: 8 });
    expect(dead!.lastError).toContain('Google could not be reached');
    await fake.up();
    ok(await clinic.call('video.retryJob', { id: dead!.id }, clinic.adminToken));
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(fake.liveEvents()).toEqual([]);
    expect(ok(await clinic.call('video.jobs', {}, clinic.adminToken))).toEqual([]);
    expect(refused(await clinic.call('video.retryJob', { id: dead!.id }, clinic.adminToken)).code).toBe('CONFLICT');
  });
});
