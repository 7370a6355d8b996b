import { mkdirSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { readPdf } from '../helpers/pdf';
import { call, clinicToday, expect, lateInClinicDay, login, openTodayAllDay, signIn, test, type RunningApp } from './server';

// What the front desk and a doctor print: the day list, a patient's slip, the doctor's day. On paper (print media)
// only the sheet goes out: no menu, top bar, footer or buttons. The visits are today (the server runs on the real clock).
test.skip(lateInClinicDay(), 'no free time left today in the clinic’s zone');
test.describe.configure({ timeout: 120_000 });

const SHOTS = '/tmp/shots';

/** Priya books Dr. Rao's first free time today, in person, through the booking channel her screens use. */
async function bookToday(request: APIRequestContext, app: RunningApp) {
  await openTodayAllDay(request, app, 'dr.rao@medlink.demo');
  const token = await login(request, app, 'priya@medlink.demo', 'patient');
  const doctors = await call<{ id: number; fullName: string }[]>(request, app, 'doctors.directory', {}, token);
  const rao = doctors.find((d) => d.fullName === 'Dr. Kavita Rao')!;
  const today = clinicToday();
  const [slot] = await call<{ start: string }[]>(request, app, 'doctors.slots', { doctorId: rao.id, fromDate: today, toDate: today }, token);
  return call<{ number: number }>(request, app, 'appointments.book', { doctorId: rao.id, start: slot!.start, mode: 'in_person', reason: 'Knee pain after a fall' }, token);
}

test('the front desk prints the day list and a slip; on paper the window around them is gone', async ({ page, demo }) => {
  mkdirSync(SHOTS, { recursive: true });
  const booked = await bookToday(page.request, demo);

  await signIn(page, demo, 'clinic', 'desk@medlink.demo');
  await page.getByRole('button', { name: 'Day board' }).click();
  await expect(page.getByRole('region', { name: 'Dr. Kavita Rao' })).toContainText('Priya Sharma');
  await page.getByLabel('Print the day list for').selectOption({ label: 'Dr. Kavita Rao' });
  await page.getByRole('button', { name: 'Print day list' }).click();

  await expect(page.getByRole('heading', { name: 'Day list', level: 1 })).toBeVisible();
  const sheet = page.locator('.print-sheet');
  await expect(sheet).toContainText('Sunrise Clinic');
  await expect(sheet.getByRole('heading', { name: /Dr\. Kavita Rao/ })).toBeVisible();
  const row = sheet.getByRole('row', { name: /Priya Sharma/ });
  await expect(row).toContainText(String(booked.number));
  await expect(row).toContainText('Knee pain after a fall');
  await expect(row).toContainText(/\d{1,2}:\d\d [ap]m/);
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/day-list-screen.png`, fullPage: true });

  // The same list as a PDF from the clinic's PDF module, saved where downloads go, and read back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^day-list-\d{4}-\d\d-\d\d-doctor-\d+\.pdf$/);
  const pdfPath = `${SHOTS}/day-list.pdf`;
  await download.saveAs(pdfPath);
  const text = (await readPdf(readFileSync(pdfPath))).pages.flatMap((p) => p.lines).join('\n');
  expect(text).toMatch(/^Sunrise Clinic Day list\n/);
  expect(text).toContain('Dr. Kavita Rao');
  expect(text).toMatch(new RegExp(`\\d{1,2}:\\d\\d [ap]m – \\d{1,2}:\\d\\d [ap]m Priya Sharma \\d+ ${booked.number} Knee pain after a fall In person`));

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('.footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  await expect(row).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/day-list-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // Back on the board, the slip for the patient: the booking number to quote, and the code for the kiosk.
  await page.getByRole('button', { name: 'Back' }).click();
  const card = page.getByRole('region', { name: 'Dr. Kavita Rao' }).getByRole('listitem').filter({ hasText: 'Priya Sharma' });
  await card.getByRole('button', { name: /^Print slip/ }).click();
  await expect(page.getByRole('heading', { name: 'Appointment slip', level: 1 })).toBeVisible();
  const slip = page.locator('.print-sheet');
  await expect(slip).toContainText(String(booked.number));
  await expect(slip).toContainText('Dr. Kavita Rao');
  await expect(slip).toContainText('Check-in code');
  await expect(slip.getByRole('img', { name: /check-in code/i })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/slip-print.png`, fullPage: true });
});

test('a doctor prints their day', async ({ page, demo }) => {
  const booked = await bookToday(page.request, demo);
  await signIn(page, demo, 'clinic', 'dr.rao@medlink.demo');
  await page.getByRole('button', { name: 'My schedule' }).click();
  await page.getByRole('button', { name: 'Print this day' }).click();
  const sheet = page.locator('.print-sheet');
  await expect(sheet.getByRole('heading', { name: 'My appointments', level: 1 })).toBeVisible();
  await expect(sheet).toContainText('Dr. Kavita Rao');
  const row = sheet.getByRole('row', { name: /Priya Sharma/ });
  await expect(row).toContainText(String(booked.number));
  await expect(row).toContainText('Knee pain after a fall');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/my-day-390.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`my-appointments-${clinicToday()}.pdf`);
  const text = (await readPdf(readFileSync((await download.path())!))).pages.flatMap((p) => p.lines).join('\n');
  expect(text).toMatch(new RegExp(`Priya Sharma ${booked.number} Knee pain after a fall In person`));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(row).toBeVisible();
});
