import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { readPdf } from '../helpers/pdf';
import { call, clinicToday, demoMail, expect, lateInClinicDay, login, mailTo, openTodayAllDay, signIn, test, type RunningApp } from './server';

// A doctor enrols a patient in monitoring with targets; the patient enters a high reading (after an implausible
// one is refused); the doctor's inbox shows the alert by itself and the digest arrives on the loopback SMTP server;
// the doctor acknowledges it and the patient sees the note. Both look at the charts.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const HOUR = 3_600_000;

test('monitoring from enrolment to an acknowledged alert, with charts on both sides', async ({ page, browser, demo }) => {
  test.skip(lateInClinicDay(), 'no slot left today in the clinic');
  test.setTimeout(120_000);
  const smtp = await demoMail(page.request, demo);
  try {
    // Priya has an appointment with Dr Mehta today, and a fortnight of fasting glucose and blood pressure from before any plan.
    await openTodayAllDay(page.request, demo, 'dr.mehta@medlink.demo');
    const doctorToken = await login(page.request, demo, 'dr.mehta@medlink.demo', 'clinic');
    const { id: doctorId } = await call<{ id: number }>(page.request, demo, 'doctors.me', {}, doctorToken);
    const priya = await login(page.request, demo, 'priya@medlink.demo', 'patient');
    const [slot] = await call<{ start: string }[]>(page.request, demo, 'doctors.slots', { doctorId, fromDate: clinicToday(), toDate: clinicToday() }, priya);
    await call(page.request, demo, 'appointments.book', { doctorId, start: slot!.start, mode: 'in_person' }, priya);
    for (let day = 14; day >= 1; day--) {
      const takenAt = new Date(Date.now() - day * 24 * HOUR).toISOString();
      await call(page.request, demo, 'readings.add', { measure: 'glucose_fasting', value: 100 + ((day * 7) % 30), takenAt, note: day === 3 ? 'Skipped dinner' : undefined }, priya);
      await call(page.request, demo, 'readings.add', { measure: 'blood_pressure', value: 124 + (day % 5) * 3, diastolic: 78 + (day % 4), pulse: 70 + day, takenAt }, priya);
    }

    // The doctor enrols her, the targets pre-filled from the clinic's defaults, one adjusted.
    await signIn(page, demo, 'clinic', 'dr.mehta@medlink.demo');
    await page.getByRole('navigation').getByRole('button', { name: 'Monitoring' }).click();
    await expect(page.getByText('You monitor no patients yet.')).toBeVisible();
    await page.getByLabel('Patient', { exact: true }).selectOption({ label: 'Priya Sharma' });
    await page.getByRole('button', { name: 'Set up a plan' }).click();
    await page.getByLabel('Follow Fasting glucose').check();
    await expect(page.getByLabel('Highest in range (mg/dL)')).toHaveValue('130');
    await expect(page.getByText(/Default from: American Diabetes Association/).first()).toBeVisible();
    await page.getByLabel('Highest in range (mg/dL)').fill('125');
    await page.getByLabel('Follow Blood pressure').check();
    await page.getByLabel('Height (cm)').fill('162');
    await page.getByRole('button', { name: 'Enrol in monitoring' }).click();
    await expect(page.getByText('Plan saved.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fasting glucose' }).getByText('Target 80–125 mg/dL, every day')).toBeVisible();
    await shot(page, 'doctor-patient-charts');
    await page.getByRole('button', { name: 'Back to monitoring' }).click();
    await expect(page.getByRole('row', { name: /Priya Sharma/ }).getByText('In range')).toBeVisible();

    // The patient enters readings in her window: an impossible one is refused with a reason; a high one is kept.
    const patient = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(patient, demo, 'patient', 'priya@medlink.demo');
    await patient.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My health' }).click();
    await expect(patient.getByRole('heading', { name: 'Your plan from Dr. Rohan Mehta' }).or(patient.getByRole('heading', { name: /Your plan from/ }))).toBeVisible();
    await expect(patient.getByLabel('What did you measure?')).toHaveValue('glucose_fasting');
    await patient.getByLabel('Reading', { exact: true }).fill('2000');
    await patient.getByRole('button', { name: 'Save reading' }).click();
    await expect(patient.getByText('A blood glucose must be between 20 and 600 mg/dL. Check the number on your meter.')).toBeVisible();
    await patient.getByLabel('Reading', { exact: true }).fill('14.4');
    await patient.getByLabel('Unit').selectOption({ label: 'mmol/L' });
    await patient.getByLabel('Note (optional)').fill('After a wedding dinner');
    await patient.getByRole('button', { name: 'Save reading' }).click();
    await expect(patient.getByText('Reading saved. It is outside your target, so your doctor has been told.')).toBeVisible();
    await expect(patient.getByRole('region', { name: 'Fasting glucose' }).locator('canvas').first()).toBeVisible();
    await shot(patient, 'patient-my-health');

    // The doctor's inbox shows it without a reload; the digest reaches the doctor's mailbox.
    const alert = page.getByRole('listitem', { name: 'Priya Sharma: Outside the target range' });
    await expect(alert).toBeVisible();
    await expect(alert.getByText(/259 mg\/dL · After a wedding dinner/)).toBeVisible();
    await expect(page.getByRole('row', { name: /Priya Sharma/ }).getByText('Alert')).toBeVisible();
    // The one reading also lifts the week's average by more than 10%: two alerts, in one digest.
    const rising = page.getByRole('listitem', { name: /^Priya Sharma: 7-day average rising/ });
    await expect(rising).toBeVisible();
    const mail = await mailTo(smtp, 'dr.mehta@medlink.demo', /^Monitoring: 2 new alert/);
    expect(mail.text).toContain('Priya Sharma: Outside the target range: Fasting glucose 259 mg/dL');
    expect(mail.text).toMatch(/Priya Sharma: 7-day average rising \(\d+(\.\d)?%\): Fasting glucose/);
    await shot(page, 'doctor-inbox');

    // Acknowledged with a note: into the history; the patient reads the note.
    await alert.getByLabel('What you did (note)').fill('Called Priya: back to the diet plan, recheck fasting tomorrow.');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(alert).toBeHidden();
    await rising.getByLabel('What you did (note)').fill('Same dinner; no change needed.');
    await rising.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText('No open alerts.')).toBeVisible();
    await page.getByRole('button', { name: 'Show handled alerts' }).click();
    await expect(page.getByText(/Acknowledged by Dr\.? Rohan Mehta on .*: Called Priya/)).toBeVisible();
    await expect(patient.getByText('Called Priya: back to the diet plan, recheck fasting tomorrow.')).toBeVisible();
    await patient.getByText('Fasting glucose as a table').click();
    await expect(patient.getByRole('cell', { name: '259 mg/dL' })).toBeVisible();
    await shot(patient, 'patient-acknowledged');
    await page.getByRole('row', { name: /Priya Sharma/ }).getByRole('button', { name: 'Priya Sharma' }).click();
    await expect(page.getByRole('region', { name: 'Blood pressure' }).locator('canvas').first()).toBeVisible();
    await page.getByRole('button', { name: 'A year' }).click();
    await expect(page.getByRole('button', { name: 'A year' })).toHaveAttribute('aria-pressed', 'true');
    await shot(page, 'doctor-patient-after');

    // At a phone's width, in Hindi, the charts fit the window and nothing scrolls sideways.
    await patient.setViewportSize({ width: 390, height: 800 });
    await patient.locator('header select').selectOption('hi');
    await expect(patient.getByRole('heading', { name: 'मेरा स्वास्थ्य' })).toBeVisible();
    await expect(patient.getByRole('region', { name: 'रक्तचाप' }).locator('canvas').first()).toBeVisible();
    expect(await patient.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(patient, 'patient-390-hindi');
  } finally {
    await smtp.stop();
  }
});

/** Priya with an appointment today with Dr Mehta, who monitors her fasting glucose; both signed in by the API. */
async function enrolled(page: Page, demo: RunningApp) {
  await openTodayAllDay(page.request, demo, 'dr.mehta@medlink.demo');
  const doctorToken = await login(page.request, demo, 'dr.mehta@medlink.demo', 'clinic');
  const { id: doctorId } = await call<{ id: number }>(page.request, demo, 'doctors.me', {}, doctorToken);
  const priya = await login(page.request, demo, 'priya@medlink.demo', 'patient');
  const [slot] = await call<{ start: string }[]>(page.request, demo, 'doctors.slots', { doctorId, fromDate: clinicToday(), toDate: clinicToday() }, priya);
  const { patientId } = await call<{ patientId: number }>(page.request, demo, 'appointments.book', { doctorId, start: slot!.start, mode: 'in_person' }, priya);
  await call(page.request, demo, 'monitoring.enrol', { patientId, measures: [{ measure: 'glucose_fasting', everyDays: 1, low: 80, high: 130 }] }, doctorToken);
}

/** Last month's days as YYYY-MM-DD, oldest first. */
function lastMonth(): string[] {
  return Array.from({ length: 28 }, (_, i) => new Date(Date.now() - (29 - i) * 24 * HOUR).toISOString().slice(0, 10));
}

test('the patient imports a month from a CSV file and attaches the lab report; the doctor logs a visit and prints the summary', async ({ page, browser, demo }) => {
  test.skip(lateInClinicDay(), 'no slot left today in the clinic');
  test.setTimeout(120_000);
  await enrolled(page, demo);
  const patient = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await signIn(patient, demo, 'patient', 'priya@medlink.demo');
  await patient.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My health' }).click();
  // Named in either language: the screen switches to Hindi and back.
  const importCard = patient.getByRole('region', { name: /^(Import a month of readings|एक महीने की रीडिंग आयात करें)$/ });

  // The template downloads with its header and example lines.
  const [template] = await Promise.all([patient.waitForEvent('download'), importCard.getByRole('button', { name: 'Download the template' }).click()]);
  expect(template.suggestedFilename()).toBe('medlink-readings-template.csv');
  expect(readFileSync(await template.path(), 'utf8').split('\r\n')[0]).toBe('date,time,measure,value,unit,diastolic,pulse,note');

  const choose = async (name: string, text: string) => {
    const chooser = patient.waitForEvent('filechooser');
    await importCard.getByRole('button', { name: 'Choose a CSV file…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  };
  // A wrong template is refused whole.
  await choose('meter-export.csv', 'Date;Value\n01/11/2026;112\n');
  await expect(importCard.getByText(/meter-export\.csv was not imported\. This file is not in the readings template/)).toBeVisible();

  // A month with two bad lines: nothing imported, each line named; then the good lines only.
  const days = lastMonth();
  const lines = ['date,time,measure,value,unit,diastolic,pulse,note', ...days.map((d, i) => `${d},07:30,glucose_fasting,${100 + (i % 9)},mg/dL,,,`)];
  lines[5] = `${days[4]},07:30,glucose_fasting,2000,mg/dL,,,`;
  lines[9] = `${days[8]},7h30,glucose_fasting,104,,,,`;
  await choose('november.csv', lines.join('\r\n'));
  const problems = importCard.getByRole('alert');
  await expect(problems.getByText('Nothing was imported: 2 of the 28 lines in november.csv have problems.', { exact: false })).toBeVisible();
  await expect(problems.getByText('Line 6: A blood glucose must be between 20 and 600 mg/dL. Check the number on your meter.')).toBeVisible();
  await expect(problems.getByText('Line 10: The time is not a time: write it as 07:30 or 19:45 (24-hour clock).')).toBeVisible();
  await shot(patient, 'patient-import-problems-1280-en');
  await patient.setViewportSize({ width: 390, height: 800 });
  expect(await patient.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await importCard.screenshot({ path: test.info().outputPath('patient-import-problems-390-en.png') });
  await patient.locator('header select').selectOption('hi');
  await expect(problems.getByText('पंक्ति 6: ', { exact: false })).toBeVisible();
  await importCard.screenshot({ path: test.info().outputPath('patient-import-problems-390-hi.png') });
  await patient.setViewportSize({ width: 1280, height: 900 });
  await shot(patient, 'patient-import-problems-1280-hi');
  await patient.locator('header select').selectOption('en');
  await importCard.getByRole('button', { name: 'Import the 26 good lines only' }).click();
  await expect(importCard.getByText('26 readings imported from november.csv. 2 lines with problems were left out.')).toBeVisible();
  await patient.getByRole('button', { name: 'All' }).click();
  await patient.getByText('Fasting glucose as a table').click();
  await expect(patient.getByRole('cell', { name: 'Imported' }).first()).toBeVisible();

  // The month's lab report, kept as a record and shared with the monitoring doctor.
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('HbA1c 7.4 %   Fasting glucose 118 mg/dL');
  const report = test.info().outputPath('hba1c-november.pdf');
  writeFileSync(report, await pdf.save());
  const attach = patient.getByRole('region', { name: "Attach this month's lab report" });
  await attach.getByLabel('Choose files').setInputFiles(report);
  await expect(attach.getByLabel('Category')).toHaveValue('lab_report');
  await expect(attach.getByLabel('Share with a doctor')).toHaveValue(/\d+/);
  await attach.getByRole('button', { name: 'Upload' }).click();
  await expect(patient.getByText('Kept in My records as a lab report, shared with the doctor chosen.')).toBeVisible();
  await shot(patient, 'patient-my-health-import-1280-en');

  // The doctor logs a home visit; the patient sees it; the summary prints with the imported figures and the visit.
  await signIn(page, demo, 'clinic', 'dr.mehta@medlink.demo');
  await page.getByRole('navigation').getByRole('button', { name: 'Monitoring' }).click();
  await page.getByRole('row', { name: /Priya Sharma/ }).getByRole('button', { name: 'Priya Sharma' }).click();
  const visits = page.getByRole('region', { name: 'Home-care visits' });
  await expect(visits.getByText('No visits logged yet.')).toBeVisible();
  await visits.getByRole('button', { name: 'Log the visit' }).click();
  await expect(visits.getByText('Choose how the visit took place.')).toBeVisible();
  await visits.getByLabel('Kind of visit').selectOption({ label: 'Home visit' });
  await visits.getByLabel('Notes').fill('Feet checked, no ulcers. Meter technique reviewed.');
  await visits.getByRole('button', { name: 'Log the visit' }).click();
  await expect(visits.getByRole('cell', { name: 'Feet checked, no ulcers. Meter technique reviewed.' })).toBeVisible();
  await expect(patient.getByRole('region', { name: 'Home-care visits' }).getByRole('cell', { name: 'Home visit' })).toBeVisible();
  await page.getByRole('button', { name: 'Print summary (PDF)' }).click();
  const preview = page.getByRole('dialog', { name: /Monitoring summary: Priya Sharma/ });
  await expect(preview.locator('canvas')).toBeVisible();
  await shot(page, 'doctor-summary-preview-1280-en');
  const [saved] = await Promise.all([page.waitForEvent('download'), preview.getByRole('button', { name: 'Save a copy' }).click()]);
  expect(saved.suggestedFilename()).toMatch(/^monitoring-summary-\d+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = (await readPdf(readFileSync(await saved.path()))).pages.flatMap((p) => p.lines).join('\n');
  expect(text).toMatch(/Fasting glucose \(mg\/dL\) 80–130 26 100 108/);
  expect(text).toContain('Home visit Dr');
  expect(text).toContain('Feet checked, no ulcers. Meter technique reviewed.');
  await preview.getByRole('button', { name: 'Close' }).click();
  await shot(page, 'doctor-visits-1280-en');
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.locator('header select').selectOption('hi');
  await expect(page.getByRole('heading', { name: 'घर पर देखभाल की मुलाक़ातें' })).toBeVisible();
  await shot(page, 'doctor-visits-390-hi');
});
