import { describe, expect, it } from 'vitest';
import type { ChannelName, Input } from '../../shared/contract';
import { ok, readyFrontDesk, refused, signIn, signupPatient, type Account, type Clinic } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { auditRows, countRows } from '../helpers/db';
import { FASTING, monitoringClinic } from '../helpers/monitoring';
import { addRecord } from '../helpers/records';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

// Readings, monitoring plans and their alerts through the dispatcher, on a real database: who may see and enter
// what, what a doctor's plan raises when a reading is saved, the hourly digest through the outbox, a missed
// schedule by the clock, and the refusals that change nothing.

const minutesAgo = (clinic: Clinic, minutes: number) => new Date(clinic.clock.now().getTime() - minutes * 60_000).toISOString();
/** A fresh session after the clock jumped days ahead (sessions end after 12 hours). */
const again = async (clinic: Clinic, a: Account, portal: 'patient' | 'clinic') => ok(await signIn(clinic, a.email, a.password, portal)).token;

describe('readings and monitoring', () => {
  it('a doctor enrols a patient; her high reading raises an alert naming the rule and the reading; mailed once an hour; acknowledged with a note', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    const smtp = await smtpServer();
    await useSmtp(clinic, smtp.port);
    const defaults = ok(await clinic.call('monitoring.defaults', {}, treating.token));
    expect(defaults.find((d) => d.measure === 'glucose_fasting')).toMatchObject({ everyDays: 1, low: 80, high: 130, source: expect.stringContaining('American Diabetes Association') });

    const plan = ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, heightCm: 160, measures: [FASTING, { measure: 'weight', everyDays: 7 }] }, treating.token));
    expect(plan).toMatchObject({ patientId: asha.patientId, doctorName: 'Dr Rohan Mehta', heightCm: 160 });

    // In range (7.2 mmol/L is 130 mg/dL, the bound itself): no alert.
    const first = ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 7.2, unit: 'mmol_l', takenAt: minutesAgo(clinic, 60) }, asha.token));
    expect(first).toMatchObject({ reading: { value: 130, enteredAs: 'patient' }, alertsRaised: 0 });
    const high = ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 260, takenAt: minutesAgo(clinic, 5), note: 'After a wedding dinner' }, asha.token));
    expect(high.alertsRaised).toBe(1);

    const inbox = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));
    expect(inbox).toMatchObject([{ patientName: 'Asha Kulkarni', rule: 'out_of_range', measure: 'glucose_fasting', readings: [{ value: 260, note: 'After a wedding dinner' }] }]);
    expect(ok(await clinic.call('monitoring.patients', {}, treating.token))).toMatchObject([{ fullName: 'Asha Kulkarni', status: 'alert', openAlerts: 1 }]);

    // The digest went through the outbox to the doctor; a second alert within the hour waits for the next one.
    const digests = async () => (await outboxRows(clinic.app)).filter((r) => r.kind === 'monitoring_digest');
    expect((await digests()).map((r) => [r.recipient, r.subject])).toEqual([[treating.login.user.email, 'Monitoring: 1 new alert(s) for your patients']]);
    expect((await digests())[0]!.text).toContain('Asha Kulkarni: Outside the target range: Fasting glucose 260 mg/dL');
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 150, takenAt: minutesAgo(clinic, 1) }, asha.token));
    expect(await digests()).toHaveLength(1);
    await clinic.app.sweepMonitoring();
    expect(await digests()).toHaveLength(1);
    clinic.clock.advanceMinutes(61);
    await clinic.app.sweepMonitoring();
    expect((await digests()).map((r) => r.subject)).toEqual(['Monitoring: 1 new alert(s) for your patients', 'Monitoring: 1 new alert(s) for your patients']);
    await clinic.app.sender.runOnce();
    await clinic.app.sender.runOnce();
    const mailed = smtp.received.filter((r) => r.mail.subject?.startsWith('Monitoring:'));
    expect(mailed.map((r) => r.envelopeTo)).toEqual([[treating.login.user.email], [treating.login.user.email]]);

    // Acknowledged with a note: out of the inbox, into the history, and shown to the patient.
    const [alert] = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token)).filter((a) => a.readings[0]?.value === 260);
    expect(refused(await clinic.call('monitoring.acknowledge', { alertId: alert!.id, note: '  ' }, treating.token)).fields).toEqual({ note: 'note_required' });
    const acked = ok(await clinic.call('monitoring.acknowledge', { alertId: alert!.id, note: 'Called her: diet advice, recheck tomorrow.' }, treating.token));
    expect(acked).toMatchObject({ acknowledgedBy: 'Dr Rohan Mehta', note: 'Called her: diet advice, recheck tomorrow.' });
    expect(refused(await clinic.call('monitoring.acknowledge', { alertId: alert!.id, note: 'Again' }, treating.token)).code).toBe('CONFLICT');
    expect(ok(await clinic.call('monitoring.alerts', { handled: true }, treating.token)).map((a) => a.id)).toEqual([alert!.id]);
    const mine = ok(await clinic.call('monitoring.mine', { range: '30d' }, asha.token));
    expect(mine.alerts).toMatchObject([{ id: alert!.id, note: 'Called her: diet advice, recheck tomorrow.' }]);
    expect(mine.readings.map((r) => r.value)).toEqual([130, 260, 150]);
    expect(mine.plans[0]!.measures.map((m) => m.measure)).toEqual(['glucose_fasting', 'weight']);
  });

  it('three high readings in a row and a weight change of more than 5% are alerts of their own, raised once while open', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING, { measure: 'weight', everyDays: 7 }] }, treating.token));
    for (const [value, minutes] of [[140, 300], [150, 200], [160, 100], [170, 50]] as const) {
      ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value, takenAt: minutesAgo(clinic, minutes) }, asha.token));
    }
    ok(await clinic.call('readings.add', { measure: 'weight', value: 80, takenAt: minutesAgo(clinic, 20 * 24 * 60) }, asha.token));
    ok(await clinic.call('readings.add', { measure: 'weight', value: 75.5, takenAt: minutesAgo(clinic, 10) }, asha.token));
    const alerts = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));
    expect(alerts.map((a) => a.rule).sort()).toEqual(['out_of_range', 'out_of_range', 'out_of_range', 'out_of_range', 'three_high', 'weight_change']);
    expect(alerts.find((a) => a.rule === 'weight_change')).toMatchObject({ readings: [{ value: 80 }, { value: 75.5 }], figures: { changePercent: -5.6 } });
    expect(alerts.find((a) => a.rule === 'three_high')!.readings.map((r) => r.value)).toEqual([140, 150, 160]);
  });

  it('a missed schedule is raised by the clock once per gap, and a reading ends the gap', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 100, takenAt: minutesAgo(clinic, 1) }, asha.token));
    clinic.clock.advanceMinutes(2 * 24 * 60 - 10);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ missed: 0 });
    clinic.clock.advanceMinutes(20);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ missed: 1 });
    const doctor = await again(clinic, treating, 'clinic');
    const patient = await again(clinic, asha, 'patient');
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ missed: 0 });
    const [alert] = ok(await clinic.call('monitoring.alerts', { handled: false }, doctor));
    expect(alert).toMatchObject({ rule: 'missed_schedule', figures: { days: 2 }, readings: [{ value: 100 }] });
    expect(ok(await clinic.call('monitoring.patients', {}, doctor))[0]!.status).toBe('alert');
    ok(await clinic.call('monitoring.acknowledge', { alertId: alert!.id, note: 'Phoned; meter broken.' }, doctor));
    // Acknowledged, still no reading: overdue, but not raised again for the same gap.
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ missed: 0 });
    expect(ok(await clinic.call('monitoring.patients', {}, doctor))[0]!.status).toBe('no_recent');
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 140, takenAt: minutesAgo(clinic, 1) }, patient));
    const [out] = ok(await clinic.call('monitoring.alerts', { handled: false }, doctor));
    ok(await clinic.call('monitoring.acknowledge', { alertId: out!.id, note: 'Seen.' }, doctor));
    expect(ok(await clinic.call('monitoring.patients', {}, doctor))[0]!.status).toBe('attention');
  });

  it('refuses an implausible reading with a specific message and writes nothing', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    const before = await countRows(clinic.app);
    const refusal = async (input: Input<'readings.add'>, token = asha.token) => refused(await clinic.call('readings.add', input, token)).fields;
    const takenAt = minutesAgo(clinic, 5);
    expect(await refusal({ measure: 'glucose_random', value: 2000, takenAt })).toEqual({ value: 'glucose_implausible' });
    expect(await refusal({ measure: 'blood_pressure', value: 80, diastolic: 120, takenAt })).toEqual({ diastolic: 'diastolic_above_systolic' });
    expect(await refusal({ measure: 'temperature', value: 120, unit: 'f', takenAt })).toEqual({ value: 'temperature_implausible_f' });
    expect(await refusal({ measure: 'weight', value: 70, takenAt: new Date(clinic.clock.now().getTime() + 3_600_000).toISOString() })).toEqual({ takenAt: 'reading_time_future' });
    expect(await refusal({ measure: 'weight', value: 70, takenAt: 'yesterday' })).toEqual({ takenAt: 'reading_time_invalid' });
    // A doctor names the patient; without one they are asked for it.
    expect(await refusal({ measure: 'weight', value: 70, takenAt }, treating.token)).toEqual({ patientId: 'patient_required' });
    expect(await countRows(clinic.app)).toEqual(before);
    ok(await clinic.call('readings.add', { patientId: asha.patientId, measure: 'blood_pressure', value: 150, diastolic: 95, pulse: 88, takenAt }, treating.token));
    expect(ok(await clinic.call('monitoring.mine', { range: 'all' }, asha.token)).readings).toMatchObject([{ value: 150, value2: 95, pulse: 88, enteredAs: 'doctor' }]);
  });
});

describe('who may see and enter readings (access matrix)', () => {
  it('the patient sees her own; her treating, monitoring or emergency doctor sees them, audited; everyone else is refused', async () => {
    const { clinic, treating, asha, newDoctor } = await monitoringClinic();
    const unrelated = await newDoctor('Dr Kabir Khan');
    const shared = await newDoctor('Dr Anjali Iyer');
    const emergency = await newDoctor('Dr Neha Rao');
    const desk = await readyFrontDesk(clinic);
    const vikram = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));
    await addRecord(clinic, asha.token, Buffer.from('shared report\n'), { name: 's.txt', shareWith: [shared.doctorId] });
    ok(await clinic.call('records.emergencyAccess', { patientId: asha.patientId, reason: 'Brought in unconscious; history needed' }, emergency.token));
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 200, takenAt: minutesAgo(clinic, 5) }, asha.token));
    const [alert] = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));

    type Who = 'nobody' | 'desk' | 'admin' | 'vikram' | 'unrelated' | 'shared' | 'emergency' | 'treating' | 'asha';
    const WHO: Who[] = ['nobody', 'desk', 'admin', 'vikram', 'unrelated', 'shared', 'emergency', 'treating', 'asha'];
    const tokens: Record<Who, string | undefined> = {
      nobody: undefined, desk: desk.token, admin: clinic.adminToken, vikram: vikram.token, unrelated: unrelated.token, shared: shared.token,
      emergency: emergency.token, treating: treating.token, asha: asha.token,
    };
    const F = 'FORBIDDEN';
    const only = (allowed: Partial<Record<Who, string>>) => Object.fromEntries(WHO.map((w) => [w, w === 'nobody' ? 'UNAUTHENTICATED' : (allowed[w] ?? F)])) as Record<Who, string>;
    const doctorsOk = { unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'ok' };
    const reading = { patientId: asha.patientId, measure: 'weight' as const, value: 61, takenAt: minutesAgo(clinic, 2) };
    const matrix: [string, ChannelName, unknown, Record<Who, string>][] = [
      ['her readings as a doctor', 'monitoring.patient', { patientId: asha.patientId, range: '30d' }, only({ emergency: 'ok', treating: 'ok' })],
      ['a reading for her, by a doctor', 'readings.add', reading, only({ emergency: 'ok', treating: 'ok', vikram: F, asha: 'ok' })],
      ['own readings', 'monitoring.mine', { range: 'all' }, only({ vikram: 'ok', asha: 'ok' })],
      ['enrol her', 'monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, only({ treating: 'ok' })],
      ['acknowledge her alert', 'monitoring.acknowledge', { alertId: alert!.id, note: 'Seen' }, only({ unrelated: 'NOT_FOUND', shared: 'NOT_FOUND', emergency: 'NOT_FOUND', treating: 'ok' })],
      ['a doctor\'s monitored patients', 'monitoring.patients', {}, only(doctorsOk)],
      ['the defaults', 'monitoring.defaults', {}, only(doctorsOk)],
    ];
    const answers: string[] = [];
    const wanted: string[] = [];
    for (const [label, channel, input, expected] of matrix) {
      for (const who of WHO) {
        const r = await clinic.call(channel, input as Input<typeof channel>, tokens[who]);
        answers.push(`${label} / ${who}: ${r.ok ? 'ok' : r.error.code}`);
        wanted.push(`${label} / ${who}: ${expected[who]}`);
      }
    }
    expect(answers).toEqual(wanted);
    // Vikram's own list holds none of hers.
    expect(ok(await clinic.call('monitoring.mine', { range: 'all' }, vikram.token)).readings).toEqual([]);

    // Every doctor's look at her readings is in the audit log, the emergency one flagged; refused looks left none.
    const views = (await auditRows(clinic.app, 'readings.viewed')).filter((r) => r.patient_id === asha.patientId);
    const by = (u: number) => views.filter((r) => r.actor_user_id === u).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
    expect(by(emergency.login.user.id)).toEqual([{ via: 'emergency', emergency: true }]);
    expect(by(treating.login.user.id)).toContainEqual({ via: 'monitoring' });
    expect(by(unrelated.login.user.id)).toEqual([]);
    expect(by(shared.login.user.id)).toEqual([]);
  });
});
