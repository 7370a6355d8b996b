import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IN_ALPHABET } from '../../shared/check-in-code';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, refused, signIn, signupPatient, type Clinic } from '../helpers/clinic';
import { patientSignupInput, settingsInput } from '../helpers/data';
import { auditRows, expectNoWrites } from '../helpers/db';
import { openFeed } from '../helpers/live';
import { bookingClinic, ist } from '../helpers/scheduling';
import { openAgain } from '../helpers/smtp';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune; the doctor's first free time today is 12:00.
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';
const NOT_FOUND = { outcome: 'not_found', waitSeconds: 0 };

/**
 * The administrator makes this seat the kiosk. Booked in person today: Asha at 12:00, Vikram at 12:15, Meena at
 * 12:30; Asha also tomorrow at 09:00 and online today at 12:45. At 11:45 they arrive (and everyone has signed in again).
 */
async function kioskClinic() {
  const clinic = await newClinic();
  const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
  const meena = await signupPatient(clinic, patientSignupInput({ fullName: 'Meena Iyer', phone: '9822066666' }));
  ok(await clinic.call('kiosk.configure', { enabled: true }, clinic.adminToken));
  const book = async (token: string, start: string, mode: 'in_person' | 'online' = 'in_person') =>
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start, mode }, token));
  const visits = {
    asha: await book(asha.token, ist(MONDAY, '12:00')),
    vikram: await book(vikram.token, ist(MONDAY, '12:15')),
    meena: await book(meena.token, ist(MONDAY, '12:30')),
    ashaTomorrow: await book(asha.token, ist(TUESDAY, '09:00')),
    ashaOnline: await book(asha.token, ist(MONDAY, '12:45'), 'online'),
  };
  clinic.clock.advanceMinutes(105);
  const again = async <T extends { token: string; email: string }>(a: T, portal: 'clinic' | 'patient' = 'clinic') =>
    ({ ...a, token: ok(await signIn(clinic, a.email, PASSWORD, portal)).token });
  clinic.adminToken = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).token;
  return { clinic, visits, doctor: await again(doctor), asha: await again(asha, 'patient'), vikram: await again(vikram, 'patient'), desk: await again(desk) };
}

const byCode = async (clinic: Clinic, code: string) => ok(await clinic.call('kiosk.checkIn', { method: 'code', code }));
const seconds = (clinic: Clinic, n: number) => clinic.clock.advanceMinutes(n / 60);

describe('check-in codes', () => {
  it('each booking gets a short random code of unmistakable characters, given to its patient and to the front desk (for the slip it prints), not the doctor; a move gives a new one', async () => {
    const { clinic, doctor, asha, vikram, desk, visits } = await kioskClinic();
    const codes = Object.values(visits).map((v) => v.checkInCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CHECK_IN_ALPHABET}]{6}$`));
    expect(new Set(codes).size).toBe(codes.length);
    expect(ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming.map((a) => a.checkInCode)).toEqual([
      visits.asha.checkInCode, visits.ashaOnline.checkInCode, visits.ashaTomorrow.checkInCode,
    ]);
    expect(ok(await clinic.call('appointments.schedule', { fromDate: MONDAY, toDate: MONDAY }, doctor.token)).appointments.every((a) => a.checkInCode === null)).toBe(true);
    const board = ok(await clinic.call('desk.board', { date: MONDAY }, desk.token)).doctors.flatMap((d) => d.appointments);
    expect(board.find((a) => a.id === visits.asha.id)!.checkInCode).toBe(visits.asha.checkInCode);
    // An online visit has nobody to check in at the kiosk: the desk's slip for it carries no code.
    expect(board.find((a) => a.id === visits.ashaOnline.id)!.checkInCode).toBeNull();

    // Moved to tomorrow: a new code, good tomorrow only; the old one is good for nothing.
    ok(await clinic.call('appointments.reschedule', { appointmentId: visits.vikram.id, start: ist(TUESDAY, '10:00') }, desk.token));
    const [moved] = ok(await clinic.call('appointments.mine', {}, vikram.token)).upcoming;
    expect(moved!.checkInCode).not.toBe(visits.vikram.checkInCode);
    expect(await byCode(clinic, visits.vikram.checkInCode!)).toEqual(NOT_FOUND);
    expect(await byCode(clinic, moved!.checkInCode!)).toEqual(NOT_FOUND);
    expect(await byCode(clinic, visits.asha.checkInCode!)).toMatchObject({ outcome: 'checked_in', firstName: 'Asha' });
  });
});

describe('checking in at the kiosk', () => {
  it('by code or by mobile number and birth date: first name, time, doctor and a place in the queue the desk continues', async () => {
    const { clinic, doctor, asha, desk, visits } = await kioskClinic();
    const { asha: ashaVisit, vikram: vikramVisit } = visits;
    const deskFeed = await openFeed(clinic.app, desk.token);
    const typed = `${ashaVisit.checkInCode!.slice(0, 3)} - ${ashaVisit.checkInCode!.slice(3)}`.toLowerCase();
    expect(await byCode(clinic, typed)).toEqual({ outcome: 'checked_in', firstName: 'Asha', start: ist(MONDAY, '12:00'), doctorName: 'Dr Rohan Mehta', queueNumber: 1, already: false });
    expect(deskFeed.changes()).toEqual([{ topic: 'appointments', id: ashaVisit.id }]);
    // Asked again (the patient forgot the number): the same place, nothing changed.
    expect(await byCode(clinic, ashaVisit.checkInCode!)).toMatchObject({ queueNumber: 1, already: true });
    expect(ok(await clinic.call('kiosk.checkIn', { method: 'phone', phone: '98220 55555', dateOfBirth: '1990-05-14' }))).toMatchObject({
      outcome: 'checked_in', firstName: 'Vikram', queueNumber: 2, already: false,
    });
    // The desk checks Meena in by the same rule, and the queue goes on.
    expect(ok(await clinic.call('appointments.setStatus', { appointmentId: visits.meena.id, status: 'checked_in' }, desk.token)).queueNumber).toBe(3);
    const board = ok(await clinic.call('desk.board', { date: MONDAY }, desk.token));
    expect(board.waiting.map((w) => [w.patientName, w.queueNumber])).toEqual([['Asha Kulkarni', 1], ['Vikram Rao', 2], ['Meena Iyer', 3]]);
    expect(ok(await clinic.call('appointments.mine', {}, asha.token)).upcoming[0]).toMatchObject({ status: 'checked_in', queueNumber: 1, checkInCode: null });

    // Each kiosk check-in shows a patient's details to whoever stands there: recorded, with nobody as the actor.
    expect((await auditRows(clinic.app, 'kiosk.checked_in')).map((r) => [r.actor_user_id, r.patient_id, JSON.parse(r.detail).method])).toEqual([
      [null, ashaVisit.patientId, 'code'], [null, ashaVisit.patientId, 'code'], [null, vikramVisit.patientId, 'phone'],
    ]);
    const history = ok(await clinic.call('appointments.history', { appointmentId: ashaVisit.id }, doctor.token));
    expect(history.map((h) => [h.change, h.actorName])).toEqual([['booked', 'Asha Kulkarni'], ['checked_in', null]]);
  });

  it('whatever does not match gets one answer; after three, each try waits longer, at this seat only; the right code then works', async () => {
    const { clinic, visits } = await kioskClinic();
    const { asha: ashaVisit, ashaTomorrow: tomorrow, ashaOnline: online } = visits;
    // Another day's code, an online visit's, a made-up one, the right phone with the wrong birth date: the same answer.
    expect(await byCode(clinic, tomorrow.checkInCode!)).toEqual(NOT_FOUND);
    expect(await byCode(clinic, online.checkInCode!)).toEqual(NOT_FOUND);
    expect(await byCode(clinic, tomorrow.checkInCode === 'K7M4XE' ? 'K7M4XF' : 'K7M4XE')).toEqual({ outcome: 'not_found', waitSeconds: 5 });
    // Now even the right code waits: the kiosk does not look until the time is up.
    expect(await byCode(clinic, ashaVisit.checkInCode!)).toEqual({ outcome: 'wait', waitSeconds: 5 });
    seconds(clinic, 5);
    expect(ok(await clinic.call('kiosk.checkIn', { method: 'phone', phone: '9876543210', dateOfBirth: '1990-05-15' }))).toEqual({ outcome: 'not_found', waitSeconds: 10 });
    seconds(clinic, 9);
    expect(await byCode(clinic, ashaVisit.checkInCode!)).toEqual({ outcome: 'wait', waitSeconds: 1 });
    // Another seat's kiosk is not slowed by this one's wrong tries.
    const other = await openAgain(clinic);
    expect(ok(await other.dispatch('kiosk.checkIn', { method: 'code', code: ashaVisit.checkInCode }))).toMatchObject({ outcome: 'checked_in', queueNumber: 1 });
    seconds(clinic, 1);
    expect(await byCode(clinic, ashaVisit.checkInCode!)).toMatchObject({ outcome: 'checked_in', already: true });

    expect((await auditRows(clinic.app, 'kiosk.check_in_refused')).map((r) => [r.actor_user_id, r.patient_id, JSON.parse(r.detail)])).toEqual([
      [null, null, { method: 'code' }], [null, null, { method: 'code' }], [null, null, { method: 'code' }], [null, null, { method: 'phone' }],
    ]);
    // A code that cannot be one is refused as such before anything is looked up, and counts for nothing.
    const malformed = await expectNoWrites(clinic.app, async () => refused(await clinic.call('kiosk.checkIn', { method: 'code', code: String(ashaVisit.number) })));
    expect(malformed).toMatchObject({ code: 'VALIDATION', fields: { code: 'check_in_code_invalid' } });
  });
});

describe('checking in too early', () => {
  it('is refused by the same rule as at the desk, with the time it opens, and is no wrong try', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    ok(await clinic.call('kiosk.configure', { enabled: true }, clinic.adminToken));
    // 10:00, for 12:00: check-in opens an hour before (the clinic's setting).
    const visit = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(MONDAY, '12:00'), mode: 'in_person' }, asha.token));
    for (let i = 0; i < 4; i++) expect(await byCode(clinic, visit.checkInCode!)).toEqual({ outcome: 'too_early', opensAt: ist(MONDAY, '11:00') });
    expect(await auditRows(clinic.app, 'kiosk.check_in_refused')).toEqual([]);
    clinic.clock.advanceMinutes(60);
    expect(await byCode(clinic, visit.checkInCode!)).toMatchObject({ outcome: 'checked_in', queueNumber: 1 });
  });
});

describe('the kiosk seat', () => {
  it('is set by the administrator on this computer (its data folder), ended by staff signing in at it, and refuses check-ins elsewhere', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    expect(ok(await clinic.call('kiosk.status', {}))).toEqual({ active: false, configured: false, idleSeconds: 90 });
    const notHere = await expectNoWrites(clinic.app, async () => refused(await clinic.call('kiosk.checkIn', { method: 'code', code: 'K7M4XE' })));
    expect(notHere.code).toBe('FORBIDDEN');

    expect(refused(await clinic.call('kiosk.configure', { enabled: true }, desk.token)).code).toBe('FORBIDDEN');
    expect(ok(await clinic.call('kiosk.configure', { enabled: true }, clinic.adminToken))).toEqual({ active: true, configured: true, idleSeconds: 90 });
    expect(JSON.parse(readFileSync(join(clinic.dataDir, 'kiosk.json'), 'utf8'))).toEqual({ kiosk: true });
    expect(ok(await (await openAgain(clinic)).dispatch('kiosk.status', {}))).toMatchObject({ active: true });

    for (const who of [doctor.token, asha.token]) expect(refused(await clinic.call('kiosk.leave', {}, who)).code).toBe('FORBIDDEN');
    ok(await clinic.call('kiosk.leave', {}, desk.token));
    // Left for this run: the setting stays, and the next start is a kiosk again. The staff session ended with it.
    expect(ok(await clinic.call('kiosk.status', {}))).toMatchObject({ active: false, configured: true });
    expect(refused(await clinic.call('auth.session', {}, desk.token)).code).toBe('UNAUTHENTICATED');
    const deskAgain = ok(await signIn(clinic, desk.email, PASSWORD)).token;
    expect(refused(await clinic.call('kiosk.leave', {}, deskAgain)).code).toBe('CONFLICT');
    ok(await clinic.call('kiosk.configure', { enabled: false }, clinic.adminToken));
    expect(ok(await (await openAgain(clinic)).dispatch('kiosk.status', {}))).toMatchObject({ active: false, configured: false });
    expect((await auditRows(clinic.app)).filter((r) => r.action.startsWith('kiosk.')).map((r) => [r.action, r.actor_user_id, r.detail])).toEqual([
      ['kiosk.configured', expect.any(Number), '{"enabled":true}'],
      ['kiosk.left', desk.id, '{}'],
      ['kiosk.configured', expect.any(Number), '{"enabled":false}'],
    ]);

    // How long a kiosk waits before clearing itself is the clinic's setting.
    ok(await clinic.call('settings.update', settingsInput({ kioskIdleSeconds: 45 }), clinic.adminToken));
    expect(ok(await clinic.call('kiosk.status', {})).idleSeconds).toBe(45);
    expect(refused(await clinic.call('settings.update', settingsInput({ kioskIdleSeconds: 20 }), clinic.adminToken)).fields).toEqual({ kioskIdleSeconds: 'kiosk_idle_invalid' });
  });
});
