import { describe, expect, it } from 'vitest';
import type { AssistantAnswer, AssistantBlock } from '../../shared/contract';
import { newClinic, ok, refused, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { doctorSignupInput, patientSignupInput, settingsInput } from '../helpers/data';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune (04:30 UTC).
const TUESDAY = '2026-03-03';

const ask = async (clinic: Clinic, text: string, token?: string, language: 'en' | 'hi' = 'en') => ok(await clinic.call('assistant.ask', { text, language }, token));
const blocksOf = <K extends AssistantBlock['kind']>(a: AssistantAnswer, kind: K) => a.blocks.filter((b): b is Extract<AssistantBlock, { kind: K }> => b.kind === kind);
const settingsWith = (emergencyNumber: string) => settingsInput({ emergencyNumber });

describe('the health assistant answers', () => {
  it('a general question without signing in, from the knowledge, with the note and writing nothing', async () => {
    const clinic = await newClinic();
    const answer = await expectNoWrites(clinic.app, () => ask(clinic, 'What are the symptoms of dengue?'));
    expect(answer).toMatchObject({ intent: 'condition', language: 'en', healthNote: true });
    const [dengue] = blocksOf(answer, 'condition');
    expect(dengue).toMatchObject({ id: 'dengue', name: 'Dengue', sections: [{ section: 'symptoms' }] });
    expect(dengue!.sources[0]!.url).toMatch(/^https:\/\/www\.who\.int\//);
    expect(answer.suggestions).toContain('How to prevent Dengue');
  });

  it('in Hindi when the message is Hindi or the screen is', async () => {
    const clinic = await newClinic();
    const fever = await ask(clinic, 'बुखार');
    expect(fever).toMatchObject({ intent: 'symptom', language: 'hi' });
    expect(blocksOf(fever, 'symptoms')[0]!.symptoms[0]!.name).toBe('बुखार');
    const dengue = await ask(clinic, 'what is dengue', undefined, 'hi');
    expect(blocksOf(dengue, 'condition')[0]!.name).toBe('डेंगू');
  });

  it('which speciality treats it, with its verified doctors and their next free slot; general physicians when it has none', async () => {
    const clinic = await newClinic();
    const rao = await practisingDoctor(clinic, 'Dr Kavita Rao');
    const mehta = await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Rohan Mehta', speciality: 'cardiology' }));
    // Not yet verified: never shown.
    await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Unverified Heart', speciality: 'cardiology' }));
    const heart = await ask(clinic, 'I need a cardiologist');
    expect(blocksOf(heart, 'doctors')).toEqual([{ kind: 'doctors', speciality: 'cardiology', fallback: true, doctors: [expect.objectContaining({ id: rao.doctorId, speciality: 'general_medicine' })] }]);
    ok(await clinic.call('admin.decideDoctor', { doctorId: mehta.doctorId, decision: 'approve' }, clinic.adminToken));
    ok(await clinic.call('availability.save', { settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 60 }, weekly: [{ weekday: 2, ranges: [{ start: '11:00', end: '12:00', modes: ['online'] }] }] }, mehta.token));
    const again = await ask(clinic, 'heart specialist');
    expect(blocksOf(again, 'doctors')[0]).toMatchObject({
      speciality: 'cardiology', fallback: false,
      doctors: [{ id: mehta.doctorId, fullName: 'Dr Rohan Mehta', speciality: 'cardiology', nextSlot: { date: TUESDAY, time: '11:00', start: ist(TUESDAY, '11:00') } }],
    });
    expect(again.healthNote).toBe(true);
  });
});

describe('red flags', () => {
  it('come first with the clinic\'s emergency number, and are recorded for the clinic, signed in or not', async () => {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
    const anonymous = await ask(clinic, 'my father has chest pain and is sweating');
    expect(anonymous.intent).toBe('emergency');
    expect(anonymous.blocks[0]).toMatchObject({ kind: 'emergency', number: '112' });
    ok(await clinic.call('settings.update', settingsWith('108'), clinic.adminToken));
    const hers = await ask(clinic, 'saans nahi aa rahi', asha.token);
    expect(hers).toMatchObject({ language: 'hi', blocks: [{ kind: 'emergency', number: '108', advice: expect.arrayContaining([expect.stringContaining('सीधे बैठें')]) }] });
    expect(refused(await clinic.call('settings.update', settingsWith('call 108'), clinic.adminToken)).fields).toEqual({ emergencyNumber: 'emergency_number_invalid' });

    const alerts = ok(await clinic.call('alerts.list', {}, clinic.adminToken));
    expect(alerts).toEqual([
      expect.objectContaining({ patientId: asha.patientId, patientName: 'Asha Kulkarni', message: 'saans nahi aa rahi', flags: ['breathlessness'] }),
      expect.objectContaining({ patientId: null, patientName: null, message: 'my father has chest pain and is sweating', flags: ['chest_pain'] }),
    ]);
    expect(alerts[0]!.at).toBe(clinic.clock.now().toISOString());
    // Seeing a patient's alert is an access to their health data.
    expect((await auditRows(clinic.app, 'alert.viewed')).map((r) => r.patient_id)).toEqual([asha.patientId]);
  });

  it('stay on the list of doctors and the administrator until one marks them handled, which is audited', async () => {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic);
    const doctor = await practisingDoctor(clinic);
    const pending = await signupDoctor(clinic);
    await ask(clinic, 'I want to kill myself', asha.token);
    await ask(clinic, 'she is having a seizure', asha.token);
    expect(ok(await clinic.call('alerts.count', {}, doctor.token))).toEqual({ open: 2 });
    const [seizure, suicidal] = ok(await clinic.call('alerts.list', {}, doctor.token));
    expect([seizure!.flags, suicidal!.flags]).toEqual([['seizure'], ['suicidal']]);

    ok(await clinic.call('alerts.handle', { alertId: suicidal!.id }, doctor.token));
    expect(ok(await clinic.call('alerts.list', {}, clinic.adminToken)).map((a) => a.id)).toEqual([seizure!.id]);
    expect(await auditRows(clinic.app, 'alert.handled')).toMatchObject([{ actor_user_id: doctor.login.user.id, patient_id: asha.patientId, detail: JSON.stringify({ alertId: suicidal!.id }) }]);
    const twice = await expectNoWrites(clinic.app, () => clinic.call('alerts.handle', { alertId: suicidal!.id }, clinic.adminToken));
    expect(refused(twice).code).toBe('CONFLICT');
    expect(refused(await clinic.call('alerts.handle', { alertId: 4242 }, doctor.token)).code).toBe('NOT_FOUND');

    // A doctor not yet verified, a patient and the front desk see none of it.
    expect(refused(await clinic.call('alerts.list', {}, pending.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('alerts.list', {}, asha.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('alerts.count', {}, pending.token)).code).toBe('FORBIDDEN');
  });

  it('are not raised by a negated sign', async () => {
    const clinic = await newClinic();
    const answer = await expectNoWrites(clinic.app, () => ask(clinic, 'no chest pain, only a cough'));
    expect(answer.intent).toBe('symptom');
  });
});

describe('personal questions', () => {
  it('need a signed-in patient, and answer from that patient\'s own appointments', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    expect(await ask(clinic, 'my appointments')).toMatchObject({ intent: 'appointments', blocks: [{ kind: 'reply', reply: 'signIn' }] });
    expect((await ask(clinic, 'my appointments', desk.token)).blocks).toEqual([{ kind: 'reply', reply: 'signIn' }]);
    expect(blocksOf(await ask(clinic, 'when is my next appointment', asha.token), 'appointments')).toEqual([{ kind: 'appointments', appointments: [] }]);

    const booked = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:15'), mode: 'online' }, asha.token));
    const mine = await ask(clinic, 'meri appointment kab hai', asha.token);
    expect(mine.language).toBe('hi');
    expect(blocksOf(mine, 'appointments')[0]!.appointments).toEqual([
      { id: booked.id, number: booked.number, doctorName: 'Dr Rohan Mehta', start: ist(TUESDAY, '09:15'), end: ist(TUESDAY, '09:30'), mode: 'online', status: 'booked', hospital: 'Sunrise Clinic, Pune' },
    ]);
    // Her online appointment's link, as her appointment card shows it (a Jitsi room: this clinic has no Google).
    const [video] = blocksOf(await ask(clinic, 'what is my video link', asha.token), 'video');
    expect(video!.appointment).toMatchObject({ id: booked.id, mode: 'online', video: { provider: 'jitsi', state: 'ready', url: booked.video!.url } });
    expect(booked.video!.url).toMatch(/^https:\/\/meet\.jit\.si\/MedLink-[0-9a-f]{32}$/);
    expect(blocksOf(await ask(clinic, 'how do I cancel my appointment', asha.token), 'appointments')[0]!.appointments.map((a) => a.id)).toEqual([booked.id]);
  });

  it('never give one patient another\'s data, however it is asked', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram } = await bookingClinic(clinic);
    const second = await practisingDoctor(clinic, 'Dr Imran Khan');
    const hers = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:15'), mode: 'in_person' }, asha.token));
    const his = ok(await clinic.call('appointments.book', { doctorId: second.doctorId, start: ist(TUESDAY, '10:00'), mode: 'online' }, vikram.token));
    const vikramEmail = ok(await clinic.call('patients.me', {}, vikram.token)).email!;
    const wordings = [
      "show Vikram Rao's appointments", `appointments of ${vikramEmail}`, `what is the video link of ${vikramEmail}`, `appointment number ${his.number}`,
      `booking no. ${his.number} details`, `appointment ${his.id}`, `show appointments of patient ${vikram.patientId}`, 'when is Vikram\'s next visit',
      'vikram ki appointment kab hai', 'Vikram Rao appointments', 'appointments for vikram', 'what is his video link', 'uska video link',
      'my husband Vikram Rao, his appointments', 'show all appointments', 'list every patient\'s appointments', 'appointments with Dr Imran Khan',
      `video link for appointment ${his.number}`, 'विक्रम की अपॉइंटमेंट', 'who else has an appointment tomorrow',
    ];
    const intents = new Set<string>();
    for (const text of wordings) {
      const answer = await ask(clinic, text, asha.token);
      intents.add(answer.intent);
      const json = JSON.stringify(answer);
      expect(json, text).not.toMatch(/Vikram|Imran|विक्रम/i);
      const visits = [...blocksOf(answer, 'appointments').flatMap((b) => b.appointments), ...blocksOf(answer, 'video').flatMap((b) => (b.appointment ? [b.appointment] : []))];
      expect(visits.map((v) => v.id).filter((id) => id !== hers.id), text).toEqual([]);
      expect(json, text).not.toContain(`"id":${his.id},"number"`);
      expect(json, text).not.toContain(his.video!.url!);
    }
    // Understood as personal questions (refused as about someone else, or answered from her own rows) or as how to book.
    expect([...intents].sort()).toEqual(['appointments', 'howto', 'privacy', 'video_link']);
  });
});

describe('the emergency number setting', () => {
  it('defaults to 112 and is one of the clinic settings', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('settings.get', {}, clinic.adminToken)).emergencyNumber).toBe('112');
    ok(await clinic.call('settings.update', settingsWith('108'), clinic.adminToken));
    expect(ok(await clinic.call('settings.get', {}, clinic.adminToken)).emergencyNumber).toBe('108');
  });
});
