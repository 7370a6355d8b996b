import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ok, refused, type Clinic } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { FASTING, monitoringClinic } from '../helpers/monitoring';
import { readPdf } from '../helpers/pdf';
import { expectTidy } from '../helpers/pdf-expect';

// The doctor's monitoring summary as a PDF, read back with pdf.js as a reader would: the period, the figures of
// each measure, the alerts with their notes, the visits; tidy on the page; printing it audited; refused to a doctor
// with no way to the patient's readings. MEDLINK_PDF_OUT=<file> keeps the PDF to look at (pdftoppm).

const minutesAgo = (clinic: Clinic, minutes: number) => new Date(clinic.clock.now().getTime() - minutes * 60_000).toISOString();
const DAY = 24 * 60;

describe('the monitoring summary PDF', () => {
  it('prints the period, the figures per measure, the alerts with their notes and the visits', async () => {
    const { clinic, treating, asha, newDoctor } = await monitoringClinic();
    // Older than the period (and entered before the plan, so it raised nothing): left out.
    ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value: 300, takenAt: minutesAgo(clinic, 40 * DAY) }, asha.token));
    const bp = { measure: 'blood_pressure' as const, everyDays: 1, low: 90, high: 130, low2: 60, high2: 80 };
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING, bp, { measure: 'hba1c', everyDays: 90, high: 7 }] }, treating.token));
    // Fasting glucose 100, 120, 150 (out of range), 110; blood pressure 128/82 (diastolic high) and 118/76; weight unplanned.
    for (const [value, days] of [[100, 20], [120, 10], [150, 5], [110, 1]] as const) {
      ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value, takenAt: minutesAgo(clinic, days * DAY) }, asha.token));
    }
    ok(await clinic.call('readings.add', { measure: 'blood_pressure', value: 128, diastolic: 82, pulse: 70, takenAt: minutesAgo(clinic, 3 * DAY) }, asha.token));
    ok(await clinic.call('readings.add', { measure: 'blood_pressure', value: 118, diastolic: 76, takenAt: minutesAgo(clinic, 2 * DAY) }, asha.token));
    ok(await clinic.call('readings.add', { measure: 'weight', value: 71.4, takenAt: minutesAgo(clinic, 2 * DAY) }, asha.token));
    const alerts = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));
    const glucose = alerts.find((a) => a.readings[0]?.value === 150)!;
    ok(await clinic.call('monitoring.acknowledge', { alertId: glucose.id, note: 'Phoned: festival sweets; recheck in a week.' }, treating.token));
    ok(await clinic.call('monitoring.logVisit', { patientId: asha.patientId, visitedOn: '2026-02-25', kind: 'home', notes: 'Feet checked, no ulcers.' }, treating.token));

    const file = ok(await clinic.call('monitoring.summaryPdf', { patientId: asha.patientId, range: '30d' }, treating.token));
    expect(file).toMatchObject({ mime: 'application/pdf', fileName: `monitoring-summary-${asha.patientId}-2026-03-02.pdf` });
    const bytes = Buffer.from(file.base64, 'base64');
    if (process.env.MEDLINK_PDF_OUT) writeFileSync(process.env.MEDLINK_PDF_OUT, bytes);
    expect((await readPdf(bytes)).info).toMatchObject({ Title: 'Monitoring summary: Asha Kulkarni', Author: 'Dr Rohan Mehta' });
    const pages = await expectTidy(bytes);
    const text = pages.flatMap((p) => p.lines);
    expect(text).toEqual(expect.arrayContaining([
      'Sunrise Clinic Monitoring summary',
      'Patient Asha Kulkarni',
      'Period 31 Jan 2026 to 2 Mar 2026',
      'Measure (unit) Target Count Lowest Highest Average In range Latest',
      // count, lowest, highest, average, in range, latest
      'Fasting glucose (mg/dL) 80–130 4 100 150 120 75% 110, 1 Mar 2026',
      'Blood pressure (mmHg) 90–130/60–80 2 118/76 128/82 123/79 50% 118/76, 28 Feb 2026',
      'HbA1c (%) up to 7 0 – – – – None in the period',
      'Weight (kg) No target 1 71.4 71.4 71.4 – 71.4, 28 Feb 2026',
      '25 Feb 2026 Home visit Dr Rohan Mehta Feet checked, no ulcers.',
    ]));
    const joined = text.join('\n');
    expect(joined).toMatch(/2 Mar 2026 Outside the target range: Fasting glucose 150 Dr Rohan Mehta, 2 Mar 2026: Phoned:\n?\s*festival sweets;/);
    expect(joined).toMatch(/2 Mar 2026 Outside the target range: Blood pressure 128\/82 Open/);
    expect(joined).not.toContain('300');

    const printed = await auditRows(clinic.app, 'monitoring.summary_printed');
    expect(printed.map((r) => [r.patient_id, JSON.parse(r.detail)])).toEqual([[asha.patientId, { via: 'monitoring', from: '2026-01-31', to: '2026-03-02' }]]);
    const stranger = await newDoctor('Dr Kabir Khan');
    expect(refused(await clinic.call('monitoring.summaryPdf', { patientId: asha.patientId, range: '30d' }, stranger.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('monitoring.summaryPdf', { patientId: asha.patientId, range: '30d' }, asha.token)).code).toBe('FORBIDDEN');
    expect(await auditRows(clinic.app, 'monitoring.summary_printed')).toHaveLength(1);
  });
});
