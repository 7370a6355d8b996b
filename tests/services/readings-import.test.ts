import { describe, expect, it } from 'vitest';
import { IMPORT_TEMPLATE } from '../../shared/monitoring';
import { ok, refused, signIn } from '../helpers/clinic';
import { auditRows, countRows } from '../helpers/db';
import { FASTING, monitoringClinic } from '../helpers/monitoring';

// A month of readings from a CSV file in the template, through the dispatcher on a real database: a good month, a
// file with bad lines (nothing imported, or the good lines when the patient chooses), a wrong template, a file
// imported twice, and 10,000 lines in one go. The clinic's clock stands at 2 March 2026, 10:00 in Kolkata.

const HEADER = 'date,time,measure,value,unit,diastolic,pulse,note';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');

/** February 2026: a fasting glucose every morning and a blood pressure every evening (56 readings). */
function february(): string[] {
  const lines: string[] = [];
  for (let day = 1; day <= 28; day++) {
    const d = String(day).padStart(2, '0');
    lines.push(`2026-02-${d},07:30,glucose_fasting,${100 + (day % 5)},mg/dL,,,`);
    lines.push(`${d}/02/2026,19:00,blood_pressure,${120 + (day % 7)},,${78 + (day % 3)},70,"after walk, rested"`);
  }
  return lines;
}

describe('importing a month of readings from a CSV file', () => {
  it('imports a good month, entered as import, in the clinic\'s zone, with one audit row; the same file again is refused line by line', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    const file = `\ufeff${csv(...february())}\r\n\r\n`;
    const done = ok(await clinic.call('readings.import', { csv: file, goodLinesOnly: false }, asha.token));
    expect(done).toEqual({ imported: 56, lines: 56, problems: [], problemCount: 0, alertsRaised: 0 });

    const { readings } = ok(await clinic.call('monitoring.mine', { range: '3m' }, asha.token));
    expect(readings).toHaveLength(56);
    expect(readings.every((r) => r.enteredAs === 'import')).toBe(true);
    // 07:30 in Kolkata is 02:00 UTC; the quoted note keeps its comma; DD/MM/YYYY read as day first.
    expect(readings[0]).toMatchObject({ measure: 'glucose_fasting', value: 101, takenAt: '2026-02-01T02:00:00.000Z' });
    expect(readings[1]).toMatchObject({ measure: 'blood_pressure', value: 121, value2: 79, pulse: 70, takenAt: '2026-02-01T13:30:00.000Z', note: 'after walk, rested' });
    expect((await auditRows(clinic.app, 'readings.imported')).map((r) => [r.patient_id, JSON.parse(r.detail)])).toEqual([[asha.patientId, { count: 56 }]]);

    // The same file again: every line is already saved, and nothing is added twice.
    const again = ok(await clinic.call('readings.import', { csv: file, goodLinesOnly: true }, asha.token));
    expect(again).toMatchObject({ imported: 0, problemCount: 56 });
    expect(again.problems[0]).toEqual({ line: 2, key: 'import_duplicate' });
    expect(ok(await clinic.call('monitoring.mine', { range: '3m' }, asha.token)).readings).toHaveLength(56);
  });

  it('a file with bad lines names each line and imports nothing; the patient may then import the good lines only, which raise their alerts', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    const file = csv(
      '2026-02-10,07:30,glucose_fasting,110,,,,', // 2: good
      '2026-02-11,07:30,glucose_fasting,2000,,,,', // 3: implausible
      '2026-02-30,07:30,glucose_fasting,110,,,,', // 4: no such day
      '2026-02-12,7.30,glucose_fasting,110,,,,', // 5: time
      '2026-02-12,07:30,sugar,110,,,,', // 6: measure
      '2026-02-12,07:30,blood_pressure,80,,120,,', // 7: diastolic above systolic
      '2026-02-12,07:30,glucose_fasting,abc,,,,', // 8: not a number
      '2026-02-12,07:30,glucose_fasting,9,kg,,,', // 9: unit
      '2026-03-05,07:30,glucose_fasting,110,,,,', // 10: in the future
      '2026-02-13,07:30,glucose_fasting,14.5,mmol/L,,,"unclosed', // 11: quote
      '2026-02-13,07:30', // 12: too few columns
      '', // blank: skipped
      '2026-02-14,07:30,glucose_fasting,14.5,mmol/L,,,', // 14: good (261 mg/dL, above the target)
      '2026-02-10,07:30,glucose_fasting,111,,,,', // 15: the same minute as line 2
    );
    const before = await countRows(clinic.app);
    const checked = ok(await clinic.call('readings.import', { csv: file, goodLinesOnly: false }, asha.token));
    const expected = [
      { line: 3, key: 'glucose_implausible' }, { line: 4, key: 'import_date' }, { line: 5, key: 'import_time' }, { line: 6, key: 'import_measure' },
      { line: 7, key: 'diastolic_above_systolic' }, { line: 8, key: 'import_value' }, { line: 9, key: 'reading_unit_invalid' },
      { line: 10, key: 'reading_time_future' }, { line: 11, key: 'import_quote' }, { line: 12, key: 'import_columns' }, { line: 15, key: 'import_duplicate' },
    ];
    expect(checked).toEqual({ imported: 0, lines: 13, problems: expected, problemCount: 11, alertsRaised: 0 });
    expect(await countRows(clinic.app)).toEqual(before);

    const good = ok(await clinic.call('readings.import', { csv: file, goodLinesOnly: true }, asha.token));
    expect(good).toEqual({ imported: 2, lines: 13, problems: expected, problemCount: 11, alertsRaised: 1 });
    expect(ok(await clinic.call('monitoring.mine', { range: '3m' }, asha.token)).readings.map((r) => [r.value, r.takenAt])).toEqual([
      [110, '2026-02-10T02:00:00.000Z'], [261, '2026-02-14T02:00:00.000Z'],
    ]);
    const [alert] = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));
    expect(alert).toMatchObject({ rule: 'out_of_range', readings: [{ value: 261, enteredAs: 'import' }] });
  });

  it('refuses a file in another template (or none) with its own message and writes nothing', async () => {
    const { clinic, asha, treating } = await monitoringClinic();
    const before = await countRows(clinic.app);
    for (const file of [
      'date,measure,value\r\n2026-02-10,glucose_fasting,110',
      'time,date,measure,value,unit,diastolic,pulse,note\r\n07:30,2026-02-10,glucose_fasting,110,,,,',
      '2026-02-10,07:30,glucose_fasting,110,,,,',
      '%PDF-1.7\n%\u00e2\u00e3',
    ]) {
      const r = refused(await clinic.call('readings.import', { csv: file, goodLinesOnly: true }, asha.token));
      expect(r).toMatchObject({ code: 'VALIDATION', fields: { file: 'import_template' } });
      expect(r.message).toContain('not in the readings template');
    }
    expect(refused(await clinic.call('readings.import', { csv: '', goodLinesOnly: false }, asha.token)).fields).toEqual({ csv: 'import_empty' });
    // Readings are imported by the patient into their own record only.
    expect(refused(await clinic.call('readings.import', { csv: csv(...february()), goodLinesOnly: false }, treating.token)).code).toBe('FORBIDDEN');
    expect(await countRows(clinic.app)).toEqual(before);
  });

  it('the template offered for download imports as it is', async () => {
    const { clinic, asha } = await monitoringClinic();
    const done = ok(await clinic.call('readings.import', { csv: IMPORT_TEMPLATE, goodLinesOnly: false }, asha.token));
    expect(done).toMatchObject({ imported: 0, problemCount: 4 }); // its example lines are from November 2026, after the clock
    clinic.clock.advanceMinutes(365 * 24 * 60);
    const { token } = ok(await signIn(clinic, asha.email, asha.password, 'patient'));
    expect(ok(await clinic.call('readings.import', { csv: IMPORT_TEMPLATE, goodLinesOnly: false }, token))).toMatchObject({ imported: 4, problemCount: 0 });
  });

  it('imports 10,000 lines (five years and a half) in one transaction, with the alert rules evaluated', async () => {
    const { clinic, treating, asha } = await monitoringClinic();
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [FASTING] }, treating.token));
    // Five readings a day for 2,000 days before the clock: a fasting glucose (every 100th above the target), one after
    // a meal, a blood pressure, a weight and an SpO2.
    const lines: string[] = [];
    for (let day = 2000; day >= 1; day--) {
      const date = new Date(Date.parse('2026-03-02T00:00:00.000Z') - day * 86_400_000).toISOString().slice(0, 10);
      lines.push(
        `${date},07:00,glucose_fasting,${day % 100 === 0 ? 190 : 100 + (day % 20)},,,,`,
        `${date},09:30,glucose_after_meal,${140 + (day % 30)},,,,`,
        `${date},08:00,blood_pressure,${120 + (day % 10)},,${75 + (day % 5)},${60 + (day % 30)},`,
        `${date},07:10,weight,${(70 + (day % 7) / 10).toFixed(1)},,,,`,
        `${date},07:15,spo2,${95 + (day % 4)},,,,`,
      );
    }
    const done = ok(await clinic.call('readings.import', { csv: csv(...lines), goodLinesOnly: false }, asha.token));
    expect(done).toMatchObject({ imported: 10_000, lines: 10_000, problems: [], problemCount: 0 });
    const alerts = ok(await clinic.call('monitoring.alerts', { handled: false }, treating.token));
    expect(alerts).toHaveLength(done.alertsRaised);
    // Each glucose of 190 is out of range; the first also lifts its week's average by more than 10% (raised once while open).
    expect(alerts.filter((a) => a.rule === 'out_of_range')).toHaveLength(20);
    expect(alerts.filter((a) => a.rule !== 'out_of_range').map((a) => a.rule)).toEqual(['rising_average']);
    expect((await countRows(clinic.app)).readings).toBe(10_000);
    expect(await auditRows(clinic.app, 'readings.imported')).toHaveLength(1);
  });
});
