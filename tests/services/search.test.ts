import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract';
import type { Ctx } from '../../electron/core/context';
import { loadCatalog } from '../../electron/core/search/load-catalog';
import { catalogKey } from '../../electron/core/search/search.repo';
import { bumpBusyVersion, bumpSearchVersion } from '../../electron/core/search/versions.repo';
import { rulesFor } from '../../electron/core/scheduling/availability.service';
import { newClinic, ok, refused, signIn, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { doctorSignupInput } from '../helpers/data';
import { ist, WEEKDAY_MORNINGS } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune. Weekday mornings (09:00–13:00, two hours'
// notice) make 12:00 today the first free slot.
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';

type Credentials = Parameters<typeof doctorSignupInput>[0];
type Availability = Input<'availability.save'>;

async function practising(clinic: Clinic, credentials: Credentials, availability: Availability = WEEKDAY_MORNINGS) {
  const doctor = await signupDoctor(clinic, doctorSignupInput(credentials));
  ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'approve' }, clinic.adminToken));
  ok(await clinic.call('availability.save', availability, doctor.token));
  return doctor;
}

/** One 30-minute online slot on Tuesdays at 10:00. */
const TUESDAY_ONLINE: Availability = {
  settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
  weekly: [{ weekday: 2, ranges: [{ start: '10:00', end: '10:30', modes: ['online'] }] }],
};

/** A cardiologist in Pune, an ENT surgeon in Mumbai, a dentist seeing patients online on Tuesdays, and a patient. */
async function searchClinic() {
  const clinic = await newClinic();
  const mehta = await practising(clinic, {
    fullName: 'Dr Rohan Mehta', speciality: 'cardiology', hospital: 'Sunrise Heart Centre, Pune', languages: ['English', 'Hindi'],
    experienceYears: 12, education: [{ degree: 'MBBS', institution: 'B. J. Medical College, Pune', year: 2010 }],
  });
  const iyer = await practising(clinic, {
    fullName: 'Dr Anita Iyer', speciality: 'ent', hospital: 'Lilavati Hospital, Mumbai', languages: ['English', 'Tamil'],
    experienceYears: 20, education: [{ degree: 'MBBS', institution: 'Madras Medical College', year: 2002 }, { degree: 'MS (Otorhinolaryngology)', institution: 'AIIMS', year: 2006 }],
  });
  const khan = await practising(clinic, {
    fullName: 'Dr Kabir Khan', speciality: 'dentistry', hospital: 'Smile Dental Clinic, Nashik', languages: ['English', 'Urdu'],
    experienceYears: 5, education: [{ degree: 'BDS', institution: 'Government Dental College, Mumbai', year: 2019 }],
  }, TUESDAY_ONLINE);
  const patient = await signupPatient(clinic);
  const find = async (input: Input<'doctors.search'>) => ok(await clinic.call('doctors.search', input, patient.token));
  const names = async (input: Input<'doctors.search'>) => (await find(input)).map((d) => d.fullName);
  return { clinic, mehta, iyer, khan, patient, find, names };
}

describe('doctor search', () => {
  it('finds by name, speciality (English and Hindi), hospital and degree, with prefixes and one-letter mistakes', async () => {
    const { names } = await searchClinic();
    for (const text of ['cardiolgy', 'cardiollogy', 'cardiolofy', 'cardiology', 'cardio', 'heart', 'हृदय रोग', 'कार्डियोलॉजी']) {
      expect(await names({ text }), text).toEqual(['Dr Rohan Mehta']);
    }
    expect(await names({ text: 'mehta' })).toEqual(['Dr Rohan Mehta']);
    expect(await names({ text: 'meht' })).toEqual(['Dr Rohan Mehta']);
    expect(await names({ text: 'Dr. Rohan MEHTA' })).toEqual(['Dr Rohan Mehta']);
    expect(await names({ text: 'mehat' })).toEqual(['Dr Rohan Mehta']); // a letter wrong in a five-letter word
    // Words under four letters match only as exact prefixes.
    expect(await names({ text: 'ENT' })).toEqual(['Dr Anita Iyer']);
    expect(await names({ text: 'ENR' })).toEqual([]);
    expect(await names({ text: 'Mumbai' })).toEqual(['Dr Anita Iyer']);
    expect(await names({ text: 'Mumbia' })).toEqual(['Dr Anita Iyer']);
    expect(await names({ text: 'MBBS' })).toEqual(['Dr Anita Iyer', 'Dr Rohan Mehta']);
    expect(await names({ text: 'M.B.B.S. pune' })).toEqual(['Dr Rohan Mehta']);
    expect(await names({ text: 'dentist' })).toEqual(['Dr Kabir Khan']);
    expect(await names({ text: 'दंत' })).toEqual(['Dr Kabir Khan']);
    expect(await names({ text: 'neurology' })).toEqual([]);
    expect(await names({ text: 'pune' })).toEqual(['Dr Rohan Mehta']);
  });

  it('filters by speciality, mode, language (any case) and a free slot on a date', async () => {
    const { clinic, khan, patient, names } = await searchClinic();
    expect(await names({ speciality: 'dentistry' })).toEqual(['Dr Kabir Khan']);
    expect(await names({ text: 'mbbs', speciality: 'ent' })).toEqual(['Dr Anita Iyer']);
    expect(await names({ mode: 'in_person' })).toEqual(['Dr Anita Iyer', 'Dr Rohan Mehta']);
    expect((await names({ mode: 'online' })).sort()).toEqual(['Dr Anita Iyer', 'Dr Kabir Khan', 'Dr Rohan Mehta']);
    expect(await names({ language: 'urdu' })).toEqual(['Dr Kabir Khan']);
    expect(await names({ language: 'HINDI' })).toEqual(['Dr Rohan Mehta']);
    expect(await names({ language: 'Marathi' })).toEqual([]);
    expect(await names({ availableOn: MONDAY, sort: 'experience' })).toEqual(['Dr Anita Iyer', 'Dr Rohan Mehta']);
    expect((await names({ availableOn: TUESDAY })).sort()).toEqual(['Dr Anita Iyer', 'Dr Kabir Khan', 'Dr Rohan Mehta']);
    expect(await names({ availableOn: '2026-03-07' })).toEqual([]); // a Saturday
    expect(await names({ availableOn: '2026-03-01' })).toEqual([]); // yesterday

    // Khan's only Tuesday slot is booked: he is no longer free that day, and his next slot moves a week on.
    ok(await clinic.call('appointments.book', { doctorId: khan.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online' }, patient.token));
    expect((await names({ availableOn: TUESDAY })).sort()).toEqual(['Dr Anita Iyer', 'Dr Rohan Mehta']);
    expect((await names({ availableOn: '2026-03-10', speciality: 'dentistry' }))).toEqual(['Dr Kabir Khan']);
  });

  it('a doctor free on a date only in a slot the clock is about to pass stops being found then, with nothing booked meanwhile', async () => {
    const { clinic, patient } = await searchClinic();
    const joshi = await practising(clinic, { fullName: 'Dr Meera Joshi', speciality: 'dermatology' }, {
      settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
      weekly: [{ weekday: 2, ranges: [{ start: '10:00', end: '11:30', modes: ['online'] }] }],
    });
    // Her 10:00 and 11:00 are booked; 10:30 is left, bookable until 09:30 (an hour's notice).
    for (const time of ['10:00', '11:00']) ok(await clinic.call('appointments.book', { doctorId: joshi.doctorId, start: ist(TUESDAY, time), mode: 'online' }, patient.token));
    const freeOnTuesday = async () => {
      const { token } = ok(await signIn(clinic, patient.email, patient.password, 'patient'));
      return ok(await clinic.call('doctors.search', { speciality: 'dermatology', availableOn: TUESDAY }, token)).map((d) => d.fullName);
    };
    expect(await freeOnTuesday()).toEqual(['Dr Meera Joshi']);
    clinic.clock.advanceMinutes(23 * 60 + 29); // Tuesday 09:29
    expect(await freeOnTuesday()).toEqual(['Dr Meera Joshi']);
    clinic.clock.advanceMinutes(2); // 09:31: 10:30 is within her notice now, and 11:00 is taken
    expect(await freeOnTuesday()).toEqual([]);
  });

  it('orders neutrally: match quality, then the next free slot, then the name; never sign-up order or experience', async () => {
    const clinic = await newClinic();
    const gp = (fullName: string, experienceYears: number) => practising(clinic, { fullName, experienceYears, speciality: 'general_medicine' });
    await gp('Dr Zoya Shaikh', 30);
    const aditya = await gp('Dr Aditya Rao', 2);
    await gp('Dr Meena Nair', 15);
    const patient = await signupPatient(clinic);
    const search = async (input: Input<'doctors.search'>) => ok(await clinic.call('doctors.search', input, patient.token));
    const names = async (input: Input<'doctors.search'>) => (await search(input)).map((d) => d.fullName);

    expect(await names({})).toEqual(['Dr Aditya Rao', 'Dr Meena Nair', 'Dr Zoya Shaikh']);
    expect(await names({ text: 'physician' })).toEqual(['Dr Aditya Rao', 'Dr Meena Nair', 'Dr Zoya Shaikh']);
    // Aditya's 12:00 is taken: his next free slot (12:15) is later than the others', so he comes last.
    ok(await clinic.call('appointments.book', { doctorId: aditya.doctorId, start: ist(MONDAY, '12:00'), mode: 'online' }, patient.token));
    const results = await search({ text: 'general medicine' });
    expect(results.map((d) => [d.fullName, d.nextSlot?.time])).toEqual([['Dr Meena Nair', '12:00'], ['Dr Zoya Shaikh', '12:00'], ['Dr Aditya Rao', '12:15']]);
    expect(await names({ sort: 'next_slot' })).toEqual(['Dr Meena Nair', 'Dr Zoya Shaikh', 'Dr Aditya Rao']);
    expect(await names({ sort: 'experience' })).toEqual(['Dr Zoya Shaikh', 'Dr Meena Nair', 'Dr Aditya Rao']);
    // A better match comes first whatever the slot: an exact word beats a prefix, a prefix beats a mistake.
    expect(await names({ text: 'rao' })).toEqual(['Dr Aditya Rao']);
    expect(await names({ text: 'nair' })).toEqual(['Dr Meena Nair']);
  });

  it('never shows a pending, rejected or suspended doctor, not even by name', async () => {
    const { clinic, patient, names, find } = await searchClinic();
    await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Pallavi Pending', speciality: 'cardiology' }));
    const rejected = await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Rahul Rejected', speciality: 'cardiology' }));
    ok(await clinic.call('admin.decideDoctor', { doctorId: rejected.doctorId, decision: 'reject', reason: 'Registration number not found.' }, clinic.adminToken));
    const suspended = await practising(clinic, { fullName: 'Dr Sunil Suspended', speciality: 'cardiology' });
    expect(await names({ text: 'cardiology' })).toEqual(['Dr Rohan Mehta', 'Dr Sunil Suspended']);

    // Suspended by a change that does not (yet) bump the search version: the guard behind the catalog still hides him.
    await clinic.app.deps.db.updateTable('doctor_info').set({ suspended_at: '2026-03-02T04:30:00.000Z', suspended_reason: 'Licence lapsed' }).where('id', '=', suspended.doctorId).execute();
    for (const text of ['cardiology', 'Pallavi', 'Rahul', 'Sunil', 'suspended', '']) {
      const found = await names({ text });
      expect(found.filter((n) => /Pending|Rejected|Suspended/.test(n)), text).toEqual([]);
    }
    expect((await find({})).length).toBe(3);
    for (const id of [suspended.doctorId, rejected.doctorId]) {
      expect(refused(await clinic.call('doctors.profile', { doctorId: id }, patient.token)).code).toBe('NOT_FOUND');
    }
  });

  it("carries each doctor's next free slot, as the slot list and the booking rules see it", async () => {
    const { clinic, mehta, khan, patient, find } = await searchClinic();
    const next = async (id: number, input: Input<'doctors.search'> = {}) => (await find(input)).find((d) => d.id === id)?.nextSlot;
    const firstListed = async (id: number) => ok(await clinic.call('doctors.slots', { doctorId: id, fromDate: MONDAY, toDate: '2026-03-16' }, patient.token))[0]!;

    expect(await next(mehta.doctorId)).toEqual({ start: ist(MONDAY, '12:00'), date: MONDAY, time: '12:00', modes: ['online', 'in_person'] });
    expect(await next(khan.doctorId)).toEqual({ start: ist(TUESDAY, '10:00'), date: TUESDAY, time: '10:00', modes: ['online'] });
    for (const id of [mehta.doctorId, khan.doctorId]) {
      const listed = await firstListed(id);
      expect(await next(id)).toEqual({ start: listed.start, date: listed.date, time: listed.time, modes: listed.modes });
    }

    // Blocked time over Monday's last hour and Tuesday's first: the next slot is Tuesday 10:00.
    ok(await clinic.call('appointments.blockTime', { start: ist(MONDAY, '12:00'), end: ist(MONDAY, '13:00') }, mehta.token));
    ok(await clinic.call('appointments.blockTime', { start: ist(TUESDAY, '09:00'), end: ist(TUESDAY, '10:00') }, mehta.token));
    expect((await next(mehta.doctorId))?.start).toBe(ist(TUESDAY, '10:00'));
    expect((await next(mehta.doctorId))?.start).toBe((await firstListed(mehta.doctorId)).start);

    // Time passes: at 11:30 on Tuesday (notice two hours) the first slot is 13:30 — none that morning — so Wednesday 09:00.
    clinic.clock.advanceMinutes(25 * 60 + 30);
    const again = ok(await signIn(clinic, patient.email, patient.password, 'patient'));
    const results = ok(await clinic.call('doctors.search', { text: 'mehta' }, again.token));
    expect(results[0]!.nextSlot?.start).toBe(ist('2026-03-04', '09:00'));

    // Hours saved again reach the search at once.
    const doctor = ok(await signIn(clinic, mehta.email, mehta.password));
    ok(await clinic.call('availability.save', { ...WEEKDAY_MORNINGS, weekly: [{ weekday: 4, ranges: [{ start: '15:00', end: '16:00', modes: ['in_person'] }] }] }, doctor.token));
    const changed = ok(await clinic.call('doctors.search', { text: 'mehta' }, again.token))[0]!;
    expect(changed).toMatchObject({ modes: ['in_person'], nextSlot: { start: ist('2026-03-05', '15:00'), modes: ['in_person'] } });
    // With a mode asked for, the next slot is one offering it.
    expect(ok(await clinic.call('doctors.search', { text: 'mehta', mode: 'online' }, again.token))).toEqual([]);
  });

  it('returns everything a result card shows, and new doctors and changes on another seat appear', async () => {
    const { clinic, mehta, find } = await searchClinic();
    const [card] = await find({ text: 'rohan' });
    expect(card).toEqual({
      id: mehta.doctorId, fullName: 'Dr Rohan Mehta', hasPhoto: false, speciality: 'cardiology',
      qualifications: [{ degree: 'MBBS', institution: 'B. J. Medical College, Pune', year: 2010 }],
      hospital: 'Sunrise Heart Centre, Pune', experienceYears: 12, languages: ['English', 'Hindi'], modes: ['online', 'in_person'],
      nextSlot: { start: ist(MONDAY, '12:00'), date: MONDAY, time: '12:00', modes: ['online', 'in_person'] },
      // The clinic's default consultation fees, in paise (tests/services/fees-search.test.ts follows them).
      fees: { in_person: 50_000, online: 40_000 },
    });

    expect(card).not.toHaveProperty('specialityOther');

    await practising(clinic, { fullName: 'Dr Farah Sheikh', speciality: 'dermatology' });
    expect((await find({ text: 'skin' })).map((d) => d.fullName)).toEqual(['Dr Farah Sheikh']);
    // A speciality outside the list is shown by the name the doctor gave it, and found by it.
    await practising(clinic, { fullName: 'Dr Vivek Rao', speciality: 'other', specialityOther: 'Sports medicine' });
    expect((await find({ text: 'sports' })).map((d) => [d.fullName, d.speciality, d.specialityOther])).toEqual([['Dr Vivek Rao', 'other', 'Sports medicine']]);

    // Another seat (another process on the same database) changes a doctor and bumps the version in its transaction.
    await clinic.app.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('doctor_info').set({ hospital: 'Ruby Hall Clinic, Pune' }).where('id', '=', mehta.doctorId).execute();
      await bumpSearchVersion(trx);
    });
    expect((await find({ text: 'ruby hall' })).map((d) => d.id)).toEqual([mehta.doctorId]);
    expect(await find({ text: 'sunrise heart' })).toEqual([]);

    // Another seat blocks Mehta's Monday: it moves the busy-time counter, and cached next free slots follow.
    await clinic.app.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('blocked_times').values({ doctor_id: mehta.doctorId, start_at: ist(MONDAY, '09:00'), end_at: ist(MONDAY, '13:00'), reason: null, created_by: mehta.login.user.id, created_at: '2026-03-02T04:30:00.000Z' }).execute();
      await bumpBusyVersion(trx);
    });
    expect((await find({ text: 'ruby hall' }))[0]!.nextSlot?.start).toBe(ist(TUESDAY, '09:00'));
  });

  it("builds each doctor's rules exactly as the booking rules do", async () => {
    const { clinic, mehta, iyer, khan } = await searchClinic();
    ok(await clinic.call('availability.setException', { date: TUESDAY, ranges: [] }, mehta.token));
    ok(await clinic.call('availability.setException', { date: '2026-03-04', ranges: [{ start: '14:00', end: '15:00', modes: ['online'] }] }, mehta.token));
    ok(await clinic.call('holidays.set', { date: '2026-03-14', name: 'Holi' }, clinic.adminToken));
    await clinic.app.deps.db.transaction().execute(async (trx) => {
      const ctx = { db: trx, now: clinic.clock.now(), deps: clinic.app.deps, session: null, afterCommit: () => undefined } satisfies Ctx;
      const { key, timeZone } = await catalogKey(trx);
      const catalog = await loadCatalog(trx, key, timeZone);
      const ids = [mehta.doctorId, iyer.doctorId, khan.doctorId];
      const expected = await rulesFor(ctx, ids);
      for (const id of ids) expect(catalog.docs[catalog.byId.get(id)!]!.rules).toEqual(expected.get(id));
    });
  });
});

describe('doctor profile', () => {
  it("shows the coming week's free slots and hides email and phone unless the doctor chose to show them", async () => {
    const { clinic, mehta, patient } = await searchClinic();
    const profile = ok(await clinic.call('doctors.profile', { doctorId: mehta.doctorId }, patient.token));
    const week = ok(await clinic.call('doctors.slots', { doctorId: mehta.doctorId, fromDate: MONDAY, toDate: '2026-03-08' }, patient.token));
    expect(profile).toMatchObject({
      id: mehta.doctorId, fullName: 'Dr Rohan Mehta', speciality: 'cardiology', hospital: 'Sunrise Heart Centre, Pune',
      registrationCouncil: 'Maharashtra Medical Council', clinicAddress: '1 FC Road, Shivajinagar, Pune', modes: ['online', 'in_person'],
      nextSlot: { start: ist(MONDAY, '12:00'), date: MONDAY, time: '12:00', modes: ['online', 'in_person'] },
    });
    expect(profile.slots).toEqual(week);
    // Monday 12:00–12:45 and four more weekday mornings of sixteen slots; next Monday is the eighth day.
    expect(profile.slots).toHaveLength(4 + 4 * 16);
    expect(profile.slots.at(-1)).toMatchObject({ date: '2026-03-06', time: '12:45' });
    expect(profile.email).toBeUndefined();
    expect(profile.phone).toBeUndefined();
    expect(profile.photo).toBeUndefined();

    await clinic.app.deps.db.updateTable('doctor_info').set({ show_email: 1, show_phone: 1 }).where('id', '=', mehta.doctorId).execute();
    const shown = ok(await clinic.call('doctors.profile', { doctorId: mehta.doctorId }, patient.token));
    expect(shown).toMatchObject({ email: mehta.email, phone: '9822012345' });

    // A photo (kept in the file store) comes as a data URL; the search result says there is one.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1e7a70000000049454e44ae426082', 'hex');
    await clinic.app.deps.db.transaction().execute(async (trx) => {
      const fileId = await clinic.app.deps.files.put(png, { kind: 'doctor_photo', mime: 'image/png' }, trx);
      await trx.updateTable('doctor_info').set({ photo_file: fileId }).where('id', '=', mehta.doctorId).execute();
      await bumpSearchVersion(trx);
    });
    const withPhoto = ok(await clinic.call('doctors.profile', { doctorId: mehta.doctorId }, patient.token));
    expect(withPhoto.photo).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(ok(await clinic.call('doctors.search', { text: 'mehta' }, patient.token))[0]!.hasPhoto).toBe(true);
  });

  it('finds the next free slot past the week it shows, busy time there included', async () => {
    const { clinic, mehta, patient } = await searchClinic();
    // The clinic is closed until Thursday of the next week, and its first slot then is taken.
    for (let day = 2; day <= 11; day++) ok(await clinic.call('holidays.set', { date: `2026-03-${String(day).padStart(2, '0')}`, name: 'Closed' }, clinic.adminToken));
    ok(await clinic.call('appointments.book', { doctorId: mehta.doctorId, start: ist('2026-03-12', '09:00'), mode: 'in_person' }, patient.token));
    const profile = ok(await clinic.call('doctors.profile', { doctorId: mehta.doctorId }, patient.token));
    expect(profile.slots).toEqual([]);
    expect(profile.nextSlot).toMatchObject({ start: ist('2026-03-12', '09:15'), date: '2026-03-12', time: '09:15' });
  });

  it('is not found for a doctor still waiting for verification', async () => {
    const { clinic, patient } = await searchClinic();
    const pending = await signupDoctor(clinic);
    expect(refused(await clinic.call('doctors.profile', { doctorId: pending.doctorId }, patient.token))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refused(await clinic.call('doctors.profile', { doctorId: 9999 }, patient.token)).code).toBe('NOT_FOUND');
  });
});
