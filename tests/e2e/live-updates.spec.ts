import type { Browser, Page } from '@playwright/test';
import { call, clinicToday, demoMail, expect, lateInClinicDay, login, mailTo, openTodayAllDay, signIn, signupCode, test, type RunningApp } from './server';

// Screens that move by themselves: a change made at one seat (here another page, or a call straight to the API as
// another seat's screen makes it) shows on another's screen by itself, without a reload. How soon is a speed goal,
// measured by `npm run bench -- live-board` (goal: within 2 seconds), not here.
test.describe.configure({ timeout: 120_000 });

async function openAs(browser: Browser, app: RunningApp, portal: 'clinic' | 'patient', email: string, section?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, app, portal, email);
  if (section) await page.getByRole('button', { name: section, exact: true }).click();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return page;
}
const stillTheSamePage = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

test("a booking and a cancellation show by themselves on the desk's board, the doctor's schedule and the patient's appointments", async ({ browser, demo }) => {
  test.skip(lateInClinicDay(), 'no free time left today in the clinic’s zone');
  const request = (await browser.newContext()).request;
  await openTodayAllDay(request, demo, 'dr.rao@medlink.demo');
  const board = await openAs(browser, demo, 'clinic', 'desk@medlink.demo', 'Day board');
  const schedule = await openAs(browser, demo, 'clinic', 'dr.rao@medlink.demo', 'My schedule');
  const patient = await openAs(browser, demo, 'patient', 'priya@medlink.demo', 'My appointments');
  await expect(patient.getByText('You have no upcoming appointments.')).toBeVisible();

  // Priya books from another seat (her phone, say): every screen shows it.
  const priya = await login(request, demo, 'priya@medlink.demo', 'patient');
  const [rao] = await call<{ id: number }[]>(request, demo, 'doctors.search', { text: 'Kavita Rao' }, priya);
  const [slot] = await call<{ start: string }[]>(request, demo, 'doctors.slots', { doctorId: rao!.id, fromDate: clinicToday(), toDate: clinicToday() }, priya);
  const booked = await call<{ id: number; number: number }>(request, demo, 'appointments.book', { doctorId: rao!.id, start: slot!.start, mode: 'in_person', reason: 'Follow-up' }, priya);
  const card = board.getByRole('region', { name: 'Dr. Kavita Rao' }).getByRole('listitem').filter({ hasText: 'Priya Sharma' });
  await expect(card).toContainText(`Booking no. ${booked.number}`);
  const visit = schedule.getByRole('listitem', { name: 'Priya Sharma' });
  await expect(visit).toContainText('Follow-up');
  await expect(patient.getByRole('heading', { name: /with Dr\. Kavita Rao/ })).toBeVisible();

  // The desk cancels it at its seat: the patient's list and the doctor's schedule follow.
  await card.getByRole('button', { name: /^Cancel/ }).click();
  const dialog = board.getByRole('dialog', { name: 'Cancel the appointment of Priya Sharma' });
  await dialog.getByLabel('Reason for cancelling').fill('Doctor called away');
  await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(board.getByText('The appointment of Priya Sharma is cancelled.')).toBeVisible();
  await expect(patient.getByText('You have no upcoming appointments.')).toBeVisible();
  await expect(visit).toContainText('Cancelled');
  for (const page of [board, schedule, patient]) await stillTheSamePage(page);
});

test("a doctor's sign-up shows in the administrator's verification queue, and queued mail in the mail queue, by themselves", async ({ browser, demo }) => {
  const admin = await openAs(browser, demo, 'clinic', 'admin@medlink.demo');
  await expect(admin.getByRole('heading', { name: 'Verification queue' })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Dr. Harpreet Singh' })).toBeVisible();
  const request = (await browser.newContext()).request;
  const smtp = await demoMail(request, demo);
  await call(request, demo, 'doctors.signup', {
    email: 'dr.fernandes@example.in',
    password: 'Fernandes-clinic-2026',
    credentials: {
      fullName: 'Dr. Anita Fernandes', phone: '9820000099', speciality: 'ent', registrationNumber: 'MMC-2018-7001', registrationCouncil: 'Maharashtra Medical Council',
      hospital: 'Sunrise Clinic, Pune', experienceYears: 7, languages: ['English', 'Konkani'], education: [{ degree: 'MBBS', institution: 'Goa Medical College', year: 2015 }],
    },
  });
  // The sign-up counts once the doctor types the code mailed to them (at their own computer).
  const code = signupCode(await mailTo(smtp, 'dr.fernandes@example.in', /finish signing up/));
  await expect(admin.getByRole('heading', { name: 'Dr. Anita Fernandes' })).toHaveCount(0);
  await call(request, demo, 'auth.confirmSignup', { email: 'dr.fernandes@example.in', code, portal: 'clinic' });
  await expect(admin.getByRole('heading', { name: 'Dr. Anita Fernandes' })).toBeVisible();
  await expect(admin.getByRole('navigation').getByText('2 doctors waiting')).toBeAttached();

  await admin.getByRole('button', { name: 'Mail queue' }).click();
  await expect(admin.getByRole('table')).toBeVisible();
  const rowsBefore = await admin.getByRole('table').getByRole('row').count();
  // A booking at another seat queues its emails: the queue shows them.
  const arjun = await login(request, demo, 'arjun@medlink.demo', 'patient');
  const [mehta] = await call<{ id: number }[]>(request, demo, 'doctors.search', { text: 'Rohan Mehta' }, arjun);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const [slot] = await call<{ start: string }[]>(request, demo, 'doctors.slots', { doctorId: mehta!.id, fromDate: inAWeek, toDate: inAWeek }, arjun);
  await call(request, demo, 'appointments.book', { doctorId: mehta!.id, start: slot!.start, mode: 'online' }, arjun);
  // Its three emails (confirmation, reminder, the doctor's notice), each a row of its own.
  await expect.poll(() => admin.getByRole('table').getByRole('row').count()).toBeGreaterThanOrEqual(rowsBefore + 3);
  await stillTheSamePage(admin);
  await smtp.stop();
});
