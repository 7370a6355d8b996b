import { describe, expect, it } from 'vitest';
import { latestTo } from '../../electron/core/outbox/outbox.repo';
import { renderRow } from '../../electron/core/outbox/outbox.service';
import { newClinic, ok, refused, type Clinic } from '../helpers/clinic';
import { settingsInput } from '../helpers/data';
import { auditRows, expectNoWrites } from '../helpers/db';
import { listening, openFeed } from '../helpers/live';
import { bookingClinic, ist } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune. The doctor sees patients 09:00–13:00 on weekdays,
// in 15-minute slots; Tuesday is fully booked by one walk-in, so the waitlist is all anyone can join.
const TUESDAY = '2026-03-03';

async function fullTuesday(clinic: Clinic) {
  const setup = await bookingClinic(clinic);
  const { doctor, desk } = setup;
  const filler = ok(await clinic.call('patients.registerWalkIn', { fullName: 'Ramesh Patil', phone: '9822044444' }, desk.token));
  const booked = new Map<string, number>();
  for (const s of ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, desk.token))) {
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: s.start, mode: 'in_person', patientId: filler.id }, desk.token));
    booked.set(s.time, a.id);
  }
  const join = async (token: string, dayParts: ('morning' | 'afternoon' | 'evening')[] = ['morning']) =>
    ok(await clinic.call('waitlist.join', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY, dayParts, reason: 'Cough' }, token));
  const cancel = (time: string) => clinic.call('appointments.cancel', { appointmentId: booked.get(time)!, reason: 'Cannot come' }, desk.token);
  return { ...setup, booked, join, cancel };
}

/** Time passes while the people keep their windows open (sessions end after 15 idle minutes). */
async function pass(clinic: Clinic, minutes: number, tokens: string[]) {
  for (let left = minutes; left > 0; left -= 10) {
    clinic.clock.advanceMinutes(Math.min(10, left));
    for (const token of tokens) ok(await clinic.call('auth.session', {}, token));
  }
}

const offerOf = async (clinic: Clinic, token: string) => ok(await clinic.call('waitlist.mine', {}, token))[0]?.offer ?? null;

describe('the waitlist', () => {
  it('a cancellation offers the time to the first on the list, by email and in their window; it is held for them and taken through the booking', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk, join, cancel } = await fullTuesday(clinic);
    const first = await join(asha.token);
    expect(first).toMatchObject({ doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', dayParts: ['morning'], offer: null });
    await join(vikram.token);
    ok(await cancel('10:00'));

    const offer = (await offerOf(clinic, asha.token))!;
    expect(offer).toMatchObject({ start: ist(TUESDAY, '10:00'), expiresAt: '2026-03-02T05:00:00.000Z', modes: ['online', 'in_person'] });
    expect(await offerOf(clinic, vikram.token)).toBeNull();
    const mail = renderRow((await latestTo(clinic.app.deps.db, 'waitlist_offer', asha.email))!);
    expect(mail.subject).toBe('A time with Dr Rohan Mehta is free: 3 March 2026, 10:00 am');
    expect(mail.text).toContain('Held for you until: Monday, 2 March 2026, 10:30 am');

    // Held: not among the free times, and nobody else can book it, however they ask.
    expect(ok(await clinic.call('doctors.slots', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY }, vikram.token))).toEqual([]);
    const snatch = await expectNoWrites(clinic.app, () => clinic.call('appointments.book', { doctorId: doctor.doctorId, start: offer.start, mode: 'in_person' }, vikram.token));
    expect(refused(snatch).code).toBe('SLOT_TAKEN');

    // Taking it books it like any other booking (its checks, its confirmation), with the reason given on joining.
    const booked = ok(await clinic.call('waitlist.take', { offerId: offer.id, mode: 'online' }, asha.token));
    expect(booked.start).toBe(ist(TUESDAY, '10:00'));
    const mine = ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming;
    expect(mine.map((a) => [a.id, a.mode, a.reason])).toEqual([[booked.appointmentId, 'online', 'Cough']]);
    expect(ok(await clinic.call('waitlist.mine', {}, asha.token))).toEqual([]);
    expect(refused(await clinic.call('waitlist.take', { offerId: offer.id, mode: 'online' }, asha.token)).code).toBe('CONFLICT');
    expect((await auditRows(clinic.app, 'waitlist.offered')).map((r) => r.patient_id)).toEqual([asha.patientId]);
    expect((await auditRows(clinic.app, 'waitlist.offer_taken')).map((r) => r.patient_id)).toEqual([asha.patientId]);

    // The front desk sees the doctor's list: Vikram still waiting, first now.
    const list = ok(await clinic.call('waitlist.ofDoctor', { doctorId: doctor.doctorId }, desk.token));
    expect(list.map((e) => [e.patientName, e.offer])).toEqual([['Vikram Rao', null]]);
    expect(await auditRows(clinic.app, 'waitlist.viewed')).toMatchObject([{ actor_user_id: desk.id, patient_id: vikram.patientId }]);
  });

  it('an offer reaches the waiting patient’s window at once over the live feed, as does its running out; the desk’s list follows; no one else hears', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk, join, cancel } = await fullTuesday(clinic);
    await join(asha.token);
    await join(vikram.token);
    const feeds = {
      asha: await openFeed(clinic.app, asha.token),
      vikram: await openFeed(clinic.app, vikram.token),
      desk: await openFeed(clinic.app, desk.token),
      doctor: await openFeed(clinic.app, doctor.token),
    };
    await listening(feeds.asha, !!clinic.databaseUrl);
    const waitlist = { topic: 'waitlist', id: doctor.doctorId };
    const heard = (feed: keyof typeof feeds) => feeds[feed].changes().filter((c) => c.topic === 'waitlist');

    ok(await cancel('10:00'));
    expect(heard('asha')).toEqual([waitlist]);
    expect(heard('desk')).toEqual([waitlist]);
    expect(heard('vikram')).toEqual([]);
    expect(heard('doctor')).toEqual([]);

    // The hold runs out: the jobs worker tells Asha's window it is gone and Vikram's that it is his.
    await pass(clinic, 31, [asha.token, vikram.token, desk.token, doctor.token]);
    await clinic.app.jobs.runOnce();
    expect(heard('asha')).toEqual([waitlist, waitlist]);
    expect(heard('vikram')).toEqual([waitlist]);
    expect((await offerOf(clinic, vikram.token))?.start).toBe(ist(TUESDAY, '10:00'));
    expect(JSON.stringify(feeds.vikram.heard)).not.toMatch(/10:00|04:30/);
  });

  it('an expired hold moves to the next on the list; nobody is offered a time they let go or declined', async () => {
    const clinic = await newClinic();
    const { asha, vikram, desk, join, cancel } = await fullTuesday(clinic);
    await join(asha.token);
    await join(vikram.token);
    ok(await cancel('10:00'));
    const held = (await offerOf(clinic, asha.token))!;

    // Before its time the hold stays; once it has run out, the jobs worker moves the list on.
    await pass(clinic, 29, [asha.token, vikram.token, desk.token]);
    await clinic.app.jobs.runOnce();
    expect((await offerOf(clinic, asha.token))?.id).toBe(held.id);
    await pass(clinic, 2, [asha.token, vikram.token, desk.token]);
    await clinic.app.jobs.runOnce();
    expect(await offerOf(clinic, asha.token)).toBeNull();
    const next = (await offerOf(clinic, vikram.token))!;
    expect(next.start).toBe(held.start);
    expect(await latestTo(clinic.app.deps.db, 'waitlist_offer', vikram.email)).toBeTruthy();
    expect(refused(await clinic.call('waitlist.take', { offerId: held.id, mode: 'in_person' }, asha.token)).code).toBe('CONFLICT');
    expect((await auditRows(clinic.app, 'waitlist.offer_expired')).map((r) => r.patient_id)).toEqual([asha.patientId]);

    // Vikram declines: he stays on the list; the time is not offered back to Asha, and is free for anyone.
    ok(await clinic.call('waitlist.decline', { offerId: next.id }, vikram.token));
    expect(await offerOf(clinic, asha.token)).toBeNull();
    expect(await offerOf(clinic, vikram.token)).toBeNull();
    expect(ok(await clinic.call('waitlist.mine', {}, vikram.token))).toHaveLength(1);

    // Another freed time goes to the first in line again.
    ok(await cancel('11:00'));
    expect((await offerOf(clinic, asha.token))?.start).toBe(ist(TUESDAY, '11:00'));
  });

  it('the doctor’s new hours offer the times they open to whoever waits for that part of the day', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, join } = await fullTuesday(clinic);
    await join(asha.token, ['morning']);
    await join(vikram.token, ['afternoon']);
    ok(await clinic.call('availability.setException', { date: TUESDAY, ranges: [{ start: '09:00', end: '13:30', modes: ['in_person'] }] }, doctor.token));
    expect(await offerOf(clinic, asha.token)).toBeNull();
    expect(await offerOf(clinic, vikram.token)).toMatchObject({ start: ist(TUESDAY, '13:00'), modes: ['in_person'] });
  });

  it('joining when a time that suits is free offers it at once, held as long as the clinic’s setting says', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    ok(await clinic.call('settings.update', settingsInput({ waitlistHoldMinutes: 45 }), clinic.adminToken));
    // The desk puts Asha on the list for her (in the evening there are no hours, so nothing is offered).
    const evening = ok(await clinic.call('waitlist.join', { doctorId: doctor.doctorId, patientId: asha.patientId, fromDate: TUESDAY, toDate: TUESDAY, dayParts: ['evening'] }, desk.token));
    expect(evening.offer).toBeNull();
    ok(await clinic.call('waitlist.leave', { entryId: evening.id }, desk.token));
    const morning = ok(await clinic.call('waitlist.join', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY, dayParts: ['morning'] }, asha.token));
    expect(morning.offer).toMatchObject({ start: ist(TUESDAY, '09:00'), expiresAt: '2026-03-02T05:15:00.000Z' });
    const twice = await expectNoWrites(clinic.app, () => clinic.call('waitlist.join', { doctorId: doctor.doctorId, fromDate: TUESDAY, toDate: TUESDAY, dayParts: ['morning'] }, asha.token));
    expect(refused(twice).code).toBe('CONFLICT');
    const past = await expectNoWrites(clinic.app, () => clinic.call('waitlist.join', { doctorId: doctor.doctorId, patientId: asha.patientId, fromDate: '2026-02-01', toDate: '2026-02-02', dayParts: ['morning'] }, desk.token));
    expect(refused(past).fields).toEqual({ toDate: 'date_past' });
  });
});
