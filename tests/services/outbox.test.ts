import { describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../../electron/core/context';
import { buildIcs } from '../../electron/core/mail/ics';
import { mailCatalog } from '../../electron/core/mail/templates';
import { claimNext } from '../../electron/core/queue/queue.repo';
import { cancelPendingLater, enqueue, enqueueMail } from '../../electron/core/outbox/outbox.service';
import { smtpTransport, type Transport } from '../../electron/core/outbox/smtp';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, refused, signIn, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { doctorSignupInput } from '../helpers/data';
import { freePort, openAgain, outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (iso: string) => Date.parse(iso);

/** Runs `fn` as a service would: inside a transaction of the clinic's database. */
async function inTransaction<T>(clinic: Clinic, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const after: (() => void)[] = [];
  const result = await clinic.app.deps.db.transaction().execute((trx) =>
    fn({ db: trx, now: clinic.clock.now(), deps: clinic.app.deps, session: null, afterCommit: (f) => after.push(f) }),
  );
  after.forEach((f) => f());
  return result;
}

async function queueTests(clinic: Clinic, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(ok(await clinic.call('mail.sendTest', { to: `reader${i}@example.in` }, clinic.adminToken)).id);
  return ids;
}

/** After the test clock jumped past the idle limit, the administrator signs in again. */
async function signInAgain(clinic: Clinic) {
  clinic.adminToken = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).token;
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the outbox', () => {
  it('a verification decision sends the doctor exactly one email, in their language, with names escaped', async () => {
    const clinic = await newClinic();
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    const hindi = await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Farah <Sheikh>' }));
    await clinic.app.deps.db.updateTable('users').set({ language: 'hi' }).where('email', '=', hindi.email).execute();
    const english = await signupDoctor(clinic);

    const reason = 'Registration <b>MMC</b> & "council" do not match';
    ok(await clinic.call('admin.decideDoctor', { doctorId: hindi.doctorId, decision: 'reject', reason }, clinic.adminToken));
    ok(await clinic.call('admin.decideDoctor', { doctorId: english.doctorId, decision: 'approve' }, clinic.adminToken));
    // A refused decision (already decided) writes no email.
    expect(refused(await clinic.call('admin.decideDoctor', { doctorId: english.doctorId, decision: 'approve' }, clinic.adminToken)).code).toBe('CONFLICT');

    const rows = await outboxRows(clinic.app);
    expect(rows.map((r) => [r.kind, r.recipient, r.status])).toEqual([
      ['verification_rejected', hindi.email, 'pending'],
      ['verification_approved', english.email, 'pending'],
    ]);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 2, failed: 0 });
    expect(server.received).toHaveLength(2);

    const toHindi = server.received.find((r) => r.envelopeTo[0] === hindi.email)!.mail;
    expect(toHindi.subject).toBe(mailCatalog('hi').verification_rejected!.subject);
    expect(toHindi.messageId).toBe(rows[0]!.message_id);
    expect(toHindi.from?.value[0]).toMatchObject({ address: 'reception@sunrise.in', name: 'Sunrise Clinic' });
    expect(toHindi.text).toContain('प्रिय Dr Farah <Sheikh>,');
    expect(toHindi.text).toContain(reason);
    expect(toHindi.text).toContain('सत्यापित नहीं हो सकी');
    const html = String(toHindi.html);
    expect(html).toContain('प्रिय Dr Farah &lt;Sheikh&gt;,');
    expect(html).toContain('Registration &lt;b&gt;MMC&lt;/b&gt; &amp; &quot;council&quot; do not match');
    expect(html).not.toContain('<b>MMC</b>');
    expect(html).not.toContain('<Sheikh>');

    const toEnglish = server.received.find((r) => r.envelopeTo[0] === english.email)!.mail;
    expect(toEnglish.subject).toBe('Your MedLink doctor account is verified');
    expect(toEnglish.text).toContain('Dear Dr Rohan Mehta,');
    expect((await outboxRows(clinic.app)).map((r) => [r.status, r.attempts, r.sent_at])).toEqual([
      ['sent', 0, clinic.clock.now().toISOString()],
      ['sent', 0, clinic.clock.now().toISOString()],
    ]);
  });

  it('a message is written in the transaction of its change: rolled back with it, kept with it', async () => {
    const clinic = await newClinic();
    const message = { to: 'someone@example.in', language: 'en', data: { clinic: { name: 'Sunrise Clinic', address: 'Pune', timeZone: 'Asia/Kolkata' }, sentBy: 'Admin' } };
    await expect(
      inTransaction(clinic, async (ctx) => {
        await enqueue(ctx, 'test_message', message);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxRows(clinic.app)).toEqual([]);
    const { id, messageId } = await inTransaction(clinic, (ctx) => enqueue(ctx, 'test_message', message));
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@medlink\.local>$/);
    expect(await outboxRows(clinic.app)).toMatchObject([{ id, message_id: messageId, status: 'pending', attempts: 0, due_at: clinic.clock.now().toISOString() }]);
  });

  it('with no SMTP server configured, messages wait as pending, then go once one is', async () => {
    const clinic = await newClinic();
    const [id] = await queueTests(clinic, 1);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });
    clinic.clock.advanceMinutes(24 * 60);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });
    expect(await outboxRows(clinic.app)).toMatchObject([{ id, status: 'pending', attempts: 0, last_error: null }]);

    const server = await smtpServer();
    await signInAgain(clinic);
    await useSmtp(clinic, server.port);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(server.received.map((r) => r.mail.subject)).toEqual(['MedLink test email from Sunrise Clinic']);
  });

  it('while the SMTP server is down, each failure counts and waits longer; once it is up, every message arrives once', async () => {
    const clinic = await newClinic();
    const port = await freePort();
    await useSmtp(clinic, port);
    await queueTests(clinic, 3);
    const doctor = await signupDoctor(clinic);
    ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'approve' }, clinic.adminToken));
    const start = clinic.clock.now().getTime();

    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 4 });
    for (const r of await outboxRows(clinic.app)) {
      expect(r).toMatchObject({ status: 'pending', attempts: 1, lease_until: null });
      expect(at(r.due_at) - start).toBe(30 * SECOND);
      expect(r.last_error).toContain('ECONNREFUSED');
    }
    // Not due yet: nothing is tried.
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });

    clinic.clock.advanceMinutes(1);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 4 });
    for (const r of await outboxRows(clinic.app)) {
      expect(r).toMatchObject({ status: 'pending', attempts: 2 });
      expect(at(r.due_at) - clinic.clock.now().getTime()).toBe(60 * SECOND);
    }

    const server = await smtpServer({ port });
    clinic.clock.advanceMinutes(2);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 4, failed: 0 });
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });
    const rows = await outboxRows(clinic.app);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(server.countsByMessageId()).toEqual(new Map(rows.map((r) => [r.message_id, 1])));
  });

  it('a message that keeps failing is given up as dead, listed in the queue, and sent again on retry', async () => {
    const clinic = await newClinic();
    const port = await freePort();
    await useSmtp(clinic, port);
    const [id] = await queueTests(clinic, 1);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 1 });
      const [row] = await outboxRows(clinic.app);
      expect(row).toMatchObject({ attempts: attempt, status: attempt < 8 ? 'pending' : 'dead' });
      if (attempt < 8) waits.push((at(row!.due_at) - clinic.clock.now().getTime()) / SECOND);
      clinic.clock.advanceMinutes(61);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });

    await signInAgain(clinic);
    const dead = ok(await clinic.call('mail.queue', { status: 'dead' }, clinic.adminToken));
    expect(dead.messages).toMatchObject([{ id, kind: 'test_message', recipient: 'reader0@example.in', status: 'dead', attempts: 8, sentAt: null }]);
    expect(dead.messages[0]!.lastError).toContain('ECONNREFUSED');
    expect(ok(await clinic.call('mail.queue', { status: 'pending' }, clinic.adminToken)).messages).toEqual([]);

    ok(await clinic.call('mail.retry', { id: id! }, clinic.adminToken));
    expect(ok(await clinic.call('mail.queue', {}, clinic.adminToken)).messages).toMatchObject([
      { id, status: 'pending', attempts: 0, lastError: null, dueAt: clinic.clock.now().toISOString() },
    ]);
    const server = await smtpServer({ port });
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 1, failed: 0 });
    expect(server.received).toHaveLength(1);
    expect(ok(await clinic.call('mail.queue', { status: 'sent' }, clinic.adminToken)).messages).toMatchObject([
      { id, status: 'sent', sentAt: clinic.clock.now().toISOString() },
    ]);

    expect(refused(await clinic.call('mail.retry', { id: id! }, clinic.adminToken)).code).toBe('CONFLICT');
    expect(refused(await clinic.call('mail.retry', { id: 9999 }, clinic.adminToken)).code).toBe('NOT_FOUND');
  });

  it('a process that dies after claiming a message, before sending it: after a restart it goes out once', async () => {
    const clinic = await newClinic();
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    const [id] = await queueTests(clinic, 1);
    const [queued] = await outboxRows(clinic.app);

    const claimed = deferred();
    const hangs: Transport = {
      send: () => {
        claimed.resolve();
        return new Promise<void>(() => undefined);
      },
      close: () => undefined,
    };
    const dying = await openAgain(clinic, { mail: { createTransport: () => hangs, stopGraceMs: 20 } });
    void dying.sender.runOnce();
    await claimed.promise;
    const lease = new Date(clinic.clock.now().getTime() + 5 * MINUTE).toISOString();
    expect(await outboxRows(clinic.app)).toMatchObject([{ id, status: 'sending', lease_until: lease }]);
    await dying.close();

    const restarted = await openAgain(clinic);
    // Until the lease runs out, the message may still be on its way: nobody takes it.
    expect(await restarted.sender.runOnce()).toEqual({ done: 0, failed: 0 });
    clinic.clock.advanceMinutes(6);
    // Starting up sends at once what is due.
    restarted.startBackground();
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    expect(server.received[0]!.mail.messageId).toBe(queued!.message_id);
    await vi.waitFor(async () => expect(await outboxRows(clinic.app)).toMatchObject([{ id, status: 'sent', lease_until: null }]));
  });

  it('a process that dies after the server took the message, before recording it: re-sent with the same Message-ID', async () => {
    const clinic = await newClinic();
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    await queueTests(clinic, 1);
    const [queued] = await outboxRows(clinic.app);

    const delivered = deferred();
    const dying = await openAgain(clinic, {
      mail: {
        stopGraceMs: 20,
        createTransport: (config) => {
          const real = smtpTransport(config);
          return {
            async send(mail) {
              await real.send(mail);
              delivered.resolve();
              await new Promise<void>(() => undefined);
            },
            close: () => real.close(),
          };
        },
      },
    });
    void dying.sender.runOnce();
    await delivered.promise;
    await dying.close();
    expect((await outboxRows(clinic.app))[0]!.status).toBe('sending');

    const restarted = await openAgain(clinic);
    clinic.clock.advanceMinutes(6);
    expect(await restarted.sender.runOnce()).toEqual({ done: 1, failed: 0 });
    // Nothing lost; the one duplicate carries the same Message-ID, so the reader's mail program can drop it.
    expect(server.countsByMessageId()).toEqual(new Map([[queued!.message_id, 2]]));
    expect((await outboxRows(clinic.app))[0]!.status).toBe('sent');
  });

  it('two senders on one database deliver each message once', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ delayMs: 5 });
    await useSmtp(clinic, server.port);
    await queueTests(clinic, 12);
    const other = await openAgain(clinic);
    const [a, b] = await Promise.all([clinic.app.sender.runOnce(), other.sender.runOnce()]);
    expect(a.done + b.done).toBe(12);
    expect(a.failed + b.failed).toBe(0);
    const rows = await outboxRows(clinic.app);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(server.countsByMessageId()).toEqual(new Map(rows.map((r) => [r.message_id, 1])));
  });

  it('claims made at the same moment from two seats never take the same message', async () => {
    const clinic = await newClinic();
    await queueTests(clinic, 20);
    const other = await openAgain(clinic);
    const now = clinic.clock.now().toISOString();
    const lease = new Date(clinic.clock.now().getTime() + 5 * MINUTE).toISOString();
    const claims = await Promise.all(
      Array.from({ length: 24 }, (_, i) => claimNext((i % 2 ? other : clinic.app).deps.db, clinic.app.deps.dialect, 'outbox', { now, dueBy: now, leaseUntil: lease })),
    );
    const ids = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('a reminder is withdrawn when its appointment changes; what was already due still goes, with its invitation', async () => {
    const clinic = await newClinic();
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    const doctor = await signupDoctor(clinic);
    const patient = await signupPatient(clinic);
    const start = new Date('2026-03-03T05:00:00.000Z');
    const end = new Date('2026-03-03T05:15:00.000Z');
    const nowIso = clinic.clock.now().toISOString();
    const { id: appointmentId } = await clinic.app.deps.db
      .insertInto('appointments')
      .values({
        number: 1, doctor_id: doctor.doctorId, patient_id: patient.patientId, start_at: start.toISOString(), end_at: end.toISOString(), mode: 'online',
        reason: null, status: 'booked', cancel_reason: null, ics_uid: 'appt-1@medlink.local', ics_sequence: 0,
        created_by: patient.login.user.id, created_at: nowIso, updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const clinicInfo = { name: 'Sunrise Clinic', address: '1 FC Road, Shivajinagar, Pune', timeZone: 'Asia/Kolkata' };
    const data = {
      clinic: clinicInfo, patientName: 'Asha Kulkarni', bookingNumber: 1,
      doctor: { name: 'Dr Rohan Mehta', qualifications: 'MBBS', speciality: 'general_medicine' as const },
      visit: { start, end, mode: 'online' as const },
    };
    const ics = buildIcs({
      method: 'REQUEST', uid: 'appt-1@medlink.local', sequence: 0, start, end, summary: 'Consultation with Dr Rohan Mehta',
      description: 'Online consultation', location: 'Online', organizer: { name: 'Sunrise Clinic', email: 'reception@sunrise.in' },
      attendee: { name: 'Asha Kulkarni', email: patient.email }, stamp: clinic.clock.now(),
    });
    await inTransaction(clinic, async (ctx) => {
      await enqueueMail(ctx, 'booking_confirmation', { to: patient.email, language: 'en', data, ics, appointmentId });
      await enqueueMail(ctx, 'appointment_reminder', { to: patient.email, language: 'en', data, appointmentId, dueAt: new Date(start.getTime() - 60 * MINUTE) });
    });
    await inTransaction(clinic, (ctx) => cancelPendingLater(ctx, appointmentId, 'appointment_reminder'));

    expect(await clinic.app.sender.runOnce()).toEqual({ done: 1, failed: 0 });
    clinic.clock.advanceMinutes(2 * 24 * 60);
    expect(await clinic.app.sender.runOnce()).toEqual({ done: 0, failed: 0 });
    expect((await outboxRows(clinic.app)).map((r) => [r.kind, r.status])).toEqual([
      ['booking_confirmation', 'sent'],
      ['appointment_reminder', 'cancelled'],
    ]);
    // A sent message is not withdrawn.
    await inTransaction(clinic, (ctx) => cancelPendingLater(ctx, appointmentId, 'booking_confirmation'));
    expect((await outboxRows(clinic.app)).map((r) => r.status)).toEqual(['sent', 'cancelled']);
    await signInAgain(clinic);
    expect(ok(await clinic.call('mail.queue', { status: 'cancelled' }, clinic.adminToken)).messages.map((m) => m.kind)).toEqual(['appointment_reminder']);

    const [{ mail }] = server.received as [(typeof server.received)[0]];
    expect(mail.subject).toBe('Appointment confirmed with Dr Rohan Mehta on 3 March 2026, 10:30 am');
    expect(mail.text).toContain('Tuesday, 3 March 2026, 10:30 am (India Standard Time)');
    const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar, 'a text/calendar part').toBeDefined();
    const icsText = calendar!.content.toString('utf8');
    expect(icsText).toContain('METHOD:REQUEST\r\n');
    expect(icsText).toContain('UID:appt-1@medlink.local\r\n');
    expect(icsText).toContain('DTSTART:20260303T050000Z\r\n');
  });
});
