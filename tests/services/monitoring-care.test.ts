import { describe, expect, it } from 'vitest';
import { ok, refused, signIn, type Account, type Clinic } from '../helpers/clinic';
import { ADMIN_EMAIL, PASSWORD } from '../helpers/data';
import { auditRows, countRows } from '../helpers/db';
import { FASTING, monitoringClinic } from '../helpers/monitoring';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

// Home care of a monitored patient through the dispatcher, on a real database: the doctor's visit log (seen by the
// patient, audited when a doctor reads it), and the reminders a patient gets by email when a planned reading is due
// and missed, sent by the sweep with a fixed clock to a real SMTP server on loopback.

const HOUR = 60;
const DAY = 24 * HOUR;
const again = async (clinic: Clinic, a: Account, portal: 'patient' | 'clinic') => ok(await signIn(clinic, a.email, a.password, portal)).token;

describe('the home-care visit log', () => {
  it('the monitoring doctor logs visits; both see them; a look by a doctor is audited; others are refused and nothing is written', async () => {
    const { clinic, treating, asha, newDoctor } = await monitoringClinic();
    const other = await newDoctor('Dr Kabir Khan');
    const visit = { patientId: asha.patientId, visitedOn: '2026-03-01', kind: 'home' as const, notes: 'Feet checked, no ulcers. Insulin technique reviewed.' };

    // Not yet enrolled: no visit log.
    expect(refused(await clinic.call('monitoring.logVisit', visit, treating.token)).code).toBe('FORBIDDEN');
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    const logged = ok(await clinic.call('monitoring.logVisit', visit, treating.token));
    expect(logged).toMatchObject({ doctorName: 'Dr Rohan Mehta', visitedOn: '2026-03-01', kind: 'home', notes: visit.notes });
    ok(await clinic.call('monitoring.logVisit', { ...visit, visitedOn: '2026-03-02', kind: 'phone', notes: 'Called about the evening dose.' }, treating.token));

    const before = await countRows(clinic.app);
    expect(refused(await clinic.call('monitoring.logVisit', { ...visit, visitedOn: '2026-03-03' }, treating.token)).fields).toEqual({ visitedOn: 'visit_date_future' });
    expect(refused(await clinic.call('monitoring.logVisit', { ...visit, notes: '  ' }, treating.token)).fields).toEqual({ notes: 'visit_notes_required' });
    expect(refused(await clinic.call('monitoring.logVisit', { ...visit, kind: 'pigeon' as never }, treating.token)).fields).toEqual({ kind: 'visit_kind_required' });
    expect(refused(await clinic.call('monitoring.logVisit', visit, other.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('monitoring.logVisit', visit, asha.token)).code).toBe('FORBIDDEN');
    expect(await countRows(clinic.app)).toEqual(before);

    const expected = [
      { kind: 'phone', visitedOn: '2026-03-02', doctorName: 'Dr Rohan Mehta', notes: 'Called about the evening dose.' },
      { kind: 'home', visitedOn: '2026-03-01', doctorName: 'Dr Rohan Mehta', notes: visit.notes },
    ];
    expect(ok(await clinic.call('monitoring.patient', { patientId: asha.patientId, range: '30d' }, treating.token)).visits).toMatchObject(expected);
    expect(ok(await clinic.call('monitoring.mine', { range: '30d' }, asha.token)).visits).toMatchObject(expected);
    // A doctor with no way to her readings sees none of her visits either.
    expect(refused(await clinic.call('monitoring.patient', { patientId: asha.patientId, range: '30d' }, other.token)).code).toBe('FORBIDDEN');

    expect((await auditRows(clinic.app, 'monitoring.visit_logged')).map((r) => JSON.parse(r.detail))).toEqual([{ kind: 'home', date: '2026-03-01' }, { kind: 'phone', date: '2026-03-02' }]);
    const views = (await auditRows(clinic.app, 'readings.viewed')).filter((r) => r.patient_id === asha.patientId);
    expect(views.map((r) => r.actor_user_id)).toEqual([treating.login.user.id]);
    expect(views.some((r) => r.actor_user_id === asha.login.user.id)).toBe(false);
  });
});

describe('reminders of missed readings', () => {
  it('one email per measure per missed period, in the patient\'s language, through the outbox to the SMTP server', async () => {
    const { clinic, treating, asha } = await monitoringClinic({ preferredLanguage: 'hi' });
    const smtp = await smtpServer();
    await useSmtp(clinic, smtp.port);
    const admin = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD, 'clinic')).token;
    ok(await clinic.call('settings.update', { ...ok(await clinic.call('settings.get', {}, admin)), phone: '020 2612 3456' }, admin));
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING, { measure: 'hba1c', everyDays: 90, high: 7 }] }, treating.token));
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 100, takenAt: clinic.clock.now().toISOString() }, asha.token));
    const reminders = async () => (await outboxRows(clinic.app)).filter((r) => r.kind === 'reading_reminder');

    // A daily reading is missed once a day and a half has gone by without one.
    clinic.clock.advanceMinutes(DAY + 12 * HOUR - 10);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 0 });
    clinic.clock.advanceMinutes(20);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 1 });
    // Sweeps every 5 minutes send nothing more within the day.
    for (let i = 0; i < 3; i++) {
      clinic.clock.advanceMinutes(5);
      expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 0 });
    }
    clinic.clock.advanceMinutes(12 * HOUR);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 0 });
    expect(await reminders()).toHaveLength(1);
    const [first] = await reminders();
    expect(first).toMatchObject({ recipient: asha.email, subject: 'Sunrise Clinic की ओर से याद दिलाना: योजना की एक स्वास्थ्य रीडिंग बाकी है' });
    expect(first!.text).toMatch(/खाली पेट ग्लूकोज़: पिछली रीडिंग 2 मार्च 2026, \d+:\d+ am/);
    expect(first!.text).not.toContain('HbA1c');

    await clinic.app.sender.runOnce();
    const mailed = smtp.received.filter((r) => r.mail.subject === first!.subject);
    expect(mailed.map((r) => r.envelopeTo)).toEqual([[asha.email]]);
    // The clinic's contact, for a patient who cannot take the reading.
    expect(mailed[0]!.mail.text).toContain('020 2612 3456');

    // Still missing a day after the reminder: the next period's one.
    clinic.clock.advanceMinutes(12 * HOUR);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 1 });
    // A reading starts a new period: nothing until it too is missed.
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 110, takenAt: clinic.clock.now().toISOString() }, await again(clinic, asha, 'patient')));
    clinic.clock.advanceMinutes(DAY);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 0 });
    clinic.clock.advanceMinutes(13 * HOUR);
    expect(await clinic.app.sweepMonitoring()).toMatchObject({ reminders: 1 });
    expect(await reminders()).toHaveLength(3);
  });
});
