import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused } from '../helpers/clinic';
import { bookingClinic, ist } from '../helpers/scheduling';

// A seat keeps what it last found of each session and lets the next call of that session go on with it while the
// database reads it again (on PostgreSQL in the message of the call's first statement). Whatever changed meanwhile
// at another seat (the session ended, a role taken away, a clinic setting) counts for that very call: it runs again
// with the session read first, and nothing of the first run is kept or answered.

async function clinicWithVisit() {
  const clinic = await newClinic();
  const people = await bookingClinic(clinic);
  const visit = ok(await clinic.call('appointments.book', { doctorId: people.doctor.doctorId, start: ist('2026-03-04', '10:00'), mode: 'in_person' }, people.asha.token));
  // Each seen once by this seat, so their next calls take what it kept.
  for (const p of [people.asha, people.desk]) ok(await clinic.call('auth.session', {}, p.token));
  const db = clinic.app.deps.db;
  const mails = async () => (await db.selectFrom('outbox').select('id').execute()).length;
  const status = async () => (await db.selectFrom('appointments').select('status').where('id', '=', visit.id).executeTakeFirstOrThrow()).status;
  return { clinic, ...people, visit, db, mails, status };
}

describe('a session this seat kept, changed at another seat', () => {
  it('ended: the next call is refused and changes nothing', async () => {
    const { clinic, asha, visit, db, mails, status } = await clinicWithVisit();
    const before = await mails();
    await db.updateTable('sessions').set({ ended_at: clinic.clock.now().toISOString() }).where('ended_at', 'is', null).where('user_id', '=', asha.login.user.id).execute();
    expect(refused(await clinic.call('appointments.cancel', { appointmentId: visit.id, reason: 'Feeling better' }, asha.token)).code).toBe('UNAUTHENTICATED');
    expect([await status(), await mails()]).toEqual(['booked', before]);
  });

  it('a role taken away: the next call is refused and shows nothing', async () => {
    const { clinic, desk, db } = await clinicWithVisit();
    await db.deleteFrom('user_roles').where('user_id', '=', desk.id).where('role', '=', 'front_desk').execute();
    expect(refused(await clinic.call('desk.board', { date: '2026-03-04' }, desk.token)).code).toBe('FORBIDDEN');
  });

  it('a clinic setting changed: the next call follows the new one', async () => {
    const { clinic, asha, visit, db, status } = await clinicWithVisit();
    // Online changes close 48 hours before the visit instead of the usual hours: the visit is in about 50.
    await db
      .insertInto('settings')
      .values({ key: 'appointments.cancelCutoffMinutes', value: String(72 * 60) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(72 * 60) }))
      .execute();
    const r = refused(await clinic.call('appointments.cancel', { appointmentId: visit.id, reason: 'Feeling better' }, asha.token));
    expect([r.code, r.message]).toEqual(['TOO_LATE', 'Appointments can be changed online until 72 hours before. Please call the clinic.']);
    expect(await status()).toBe('booked');
  });

  it('a clinic setting changed: a booking run again is made once, with one number and one mail of each kind', async () => {
    const { clinic, asha, doctor, db } = await clinicWithVisit();
    const kinds = async () => (await db.selectFrom('outbox').select('kind').orderBy('id').execute()).map((m) => m.kind);
    const before = await kinds();
    await db
      .insertInto('settings')
      .values({ key: 'mail.reminderHours', value: '12' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '12' }))
      .execute();
    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-05', '11:00'), mode: 'in_person' }, asha.token));
    const rows = await db.selectFrom('appointments').select(['id', 'number']).where('start_at', '=', ist('2026-03-05', '11:00')).execute();
    expect(rows).toEqual([{ id: booked.id, number: booked.number }]);
    expect(booked.number).toBe(2);
    expect((await kinds()).slice(before.length)).toEqual(['booking_confirmation', 'appointment_reminder', 'doctor_new_booking']);
    // The reminder follows the new setting: 12 hours before the visit.
    const reminder = await db.selectFrom('outbox').select('due_at').where('appointment_id', '=', booked.id).where('kind', '=', 'appointment_reminder').executeTakeFirstOrThrow();
    expect(reminder.due_at).toBe(new Date(Date.parse(ist('2026-03-05', '11:00')) - 12 * 3_600_000).toISOString());
  });

  it('unchanged: the call goes on with it, and its activity is recorded', async () => {
    const { clinic, asha, visit, db, status } = await clinicWithVisit();
    clinic.clock.advanceMinutes(5);
    expect(ok(await clinic.call('appointments.cancel', { appointmentId: visit.id, reason: 'Feeling better' }, asha.token)).status).toBe('cancelled');
    expect(await status()).toBe('cancelled');
    const seen = await db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', asha.login.user.id).where('ended_at', 'is', null).execute();
    expect(seen.map((s) => s.last_seen_at)).toContain(clinic.clock.now().toISOString());
  });
});
