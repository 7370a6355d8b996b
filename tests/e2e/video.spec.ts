import type { APIRequestContext } from '@playwright/test';
import { startGoogleFake } from '../helpers/google-fake';
import { call, DEMO_PASSWORD, demoMail, expect, mailTo, signIn, startServer, stopServer, test, type RunningApp } from './server';

// Video consultations end to end, against the fake Google on loopback: the administrator connects the clinic's
// Google account in the browser, a patient books an online appointment, the Meet link shows on the patient's and
// the doctor's screens and arrives by email on the loopback SMTP server; a move keeps the same link.
test.describe.configure({ timeout: 180_000 });

const ZONE = 'Asia/Kolkata';

const token = async (request: APIRequestContext, app: RunningApp, email: string, portal: 'clinic' | 'patient') =>
  (await call<{ token: string }>(request, app, 'auth.login', { email, password: DEMO_PASSWORD, portal })).token;

/** A clinic-local day from today, as "2026-03-03", and as the screens name it ("Tue, 3 Mar"). */
function clinicDay(offset: number) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return { ymd: d.toISOString().slice(0, 10), label: new Intl.DateTimeFormat('en-IN', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d) };
}

test("connect Google, book online: the Meet link shows on both sides and arrives by mail; a move keeps it; on the day Join opens 15 minutes before the start", async ({ page, browser }) => {
  const google = await startGoogleFake({ account: 'sunrise.clinic@gmail.com' });
  const server = await startServer(['--demo'], undefined, { MEDLINK_GOOGLE_FAKE: google.base });
  const app = server.app;
  const smtp = await demoMail(page.request, app);
  try {
    const mehta = await token(page.request, app, 'dr.mehta@medlink.demo', 'clinic');
    await call(page.request, app, 'availability.save', {
      settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
      weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '13:00', modes: ['in_person', 'online'] }] })),
    }, mehta);

    // The administrator enters the Google client and connects the clinic's account in the browser.
    await signIn(page, app, 'clinic', 'admin@medlink.demo');
    await page.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Video consultations' }).click();
    await expect(page.getByRole('heading', { name: 'Video consultations', level: 1 })).toBeVisible();
    const account = page.getByRole('region', { name: "The clinic's Google account" });
    await expect(account.getByRole('status')).toContainText('Enter the Google client');
    await page.getByLabel('Client ID').fill('not-a-client-id');
    await page.getByRole('button', { name: 'Save video settings' }).click();
    await expect(page.getByText('Enter the client ID exactly as Google shows it')).toBeVisible();
    await page.getByLabel('Client ID').fill(google.client.id);
    await page.getByLabel('Client secret').fill(google.client.secret);
    await page.getByRole('button', { name: 'Save video settings' }).click();
    await expect(page.getByText('Video settings saved.')).toBeVisible();
    await expect(page.getByLabel('Client secret')).toHaveValue('');

    await account.getByRole('button', { name: 'Connect Google' }).click();
    await expect(account.getByRole('status')).toContainText('Waiting for Google');
    const consent = page.context().waitForEvent('page');
    await account.getByRole('link', { name: 'Open Google to allow access' }).click();
    const googlePage = await consent;
    await expect(googlePage.getByRole('heading', { name: 'MedLink wants to access your Google Account' })).toBeVisible();
    await googlePage.getByRole('link', { name: 'Allow' }).click();
    await expect(googlePage.getByRole('heading', { name: 'MedLink is connected to Google Calendar' })).toBeVisible();
    // The code never stays in the browser's address bar (nor its history): the listener sent it on.
    expect(new URL(googlePage.url()).pathname).toBe('/done');
    await googlePage.close();
    await expect(account.getByRole('status')).toContainText('Connected by Anita Deshpande');
    const exchange = google.requests.find((r) => r.path === '/token' && r.body?.grant_type === 'authorization_code');
    expect(exchange?.status).toBe(200);

    // Priya books an online consultation for tomorrow.
    const tomorrow = clinicDay(1);
    const patient = await browser.newPage();
    await signIn(patient, app, 'patient', 'priya@medlink.demo');
    await patient.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Find a doctor' }).click();
    await patient.getByLabel('Speciality').selectOption('cardiology');
    await patient.getByRole('button', { name: 'Search', exact: true }).click();
    await patient.getByRole('article', { name: 'Dr. Rohan Mehta' }).getByRole('button', { name: 'See profile and book' }).click();
    await patient.getByRole('button', { name: `${tomorrow.label}, 10:00 am`, exact: true }).click();
    await patient.getByLabel('Online (video)').check();
    await patient.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(patient.getByRole('heading', { name: 'Appointment booked' })).toBeVisible();
    await patient.getByRole('button', { name: 'Go to My appointments' }).click();

    // The link is made in the background; the screen shows it once it exists, without a reload.
    const visit = patient.getByRole('region', { name: 'Upcoming' }).getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' });
    const video = visit.getByRole('region', { name: 'Video consultation' });
    await expect(video.getByText(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/)).toBeVisible({ timeout: 30_000 });
    const meetLink = (await video.locator('dd').first().textContent())!;
    expect(google.liveEvents().map((e) => e.meetLink)).toEqual([meetLink]);
    // Tomorrow: not yet open to join, and the screen says from when.
    await expect(video.getByRole('button', { name: 'Join the video consultation' })).toBeDisabled();
    await expect(video.getByText('You can join from 9:45 am, 15 minutes before the start.')).toBeVisible();

    // Dr. Mehta sees the same link on his schedule.
    const doctor = await browser.newPage();
    await signIn(doctor, app, 'clinic', 'dr.mehta@medlink.demo');
    await doctor.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Schedule' }).click();
    await doctor.getByRole('button', { name: 'Next day' }).click();
    const item = doctor.getByRole('listitem').filter({ hasText: 'Priya Sharma' });
    await expect(item.getByRole('region', { name: 'Video consultation' })).toContainText(meetLink);
    await expect(item.getByRole('button', { name: 'Use my own link' })).toBeVisible();

    // Both were mailed the link: Priya in a follow-up to her confirmation (written while the link was being made).
    expect((await mailTo(smtp, 'priya@medlink.demo', /^Video link for your appointment/)).text).toContain(`Join the video consultation: ${meetLink}`);
    expect((await mailTo(smtp, 'priya@medlink.demo', /^Appointment confirmed/)).text).toContain('Your video link is being made and follows in a separate email shortly.');
    expect((await mailTo(smtp, 'dr.mehta@medlink.demo', /^Video link: Priya Sharma/)).text).toContain(meetLink);

    // Priya moves the appointment: the same link, the event moved at Google, the change mail carries the link.
    await video.page().bringToFront();
    await visit.getByRole('button', { name: 'Reschedule' }).click();
    await visit.getByRole('button', { name: `${tomorrow.label}, 11:30 am`, exact: true }).click();
    await visit.getByRole('button', { name: 'Move the appointment' }).click();
    await expect(patient.getByRole('status').filter({ hasText: 'is now on' })).toBeVisible();
    const moved = patient.getByRole('region', { name: 'Upcoming' }).getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' });
    await expect(moved).toContainText('11:30');
    await expect(moved.getByRole('region', { name: 'Video consultation' })).toContainText(meetLink);
    await expect.poll(() => google.liveEvents()[0]?.body.start?.dateTime, { timeout: 30_000 }).toBe(new Date(`${tomorrow.ymd}T11:30:00+05:30`).toISOString());
    expect(google.liveEvents()).toHaveLength(1);
    expect((await mailTo(smtp, 'priya@medlink.demo', /^Appointment moved/)).text).toContain(`Join the video consultation: ${meetLink}`);
    // The schedule asks again when the doctor goes to another day and back.
    await doctor.getByRole('button', { name: 'Previous day' }).click();
    await doctor.getByRole('button', { name: 'Next day' }).click();
    await expect(doctor.getByRole('listitem').filter({ hasText: 'Priya Sharma' })).toContainText('11:30');
    await expect(doctor.getByRole('listitem').filter({ hasText: 'Priya Sharma' }).getByRole('region', { name: 'Video consultation' })).toContainText(meetLink);

    // On the day (this window's clock set to it; the server's is today's), Join waits until 15 minutes before the
    // start, then opens by itself, without a reload, as a link to the meeting.
    const onTheDay = await browser.newPage();
    await onTheDay.clock.install({ time: new Date(`${tomorrow.ymd}T11:14:00+05:30`) });
    await signIn(onTheDay, app, 'patient', 'priya@medlink.demo');
    await onTheDay.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My appointments' }).click();
    const today = onTheDay.getByRole('region', { name: 'Upcoming' }).getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' }).getByRole('region', { name: 'Video consultation' });
    await expect(today.getByRole('button', { name: 'Join the video consultation' })).toBeDisabled();
    await expect(today.getByText('You can join from 11:15 am, 15 minutes before the start.')).toBeVisible();
    await onTheDay.clock.fastForward('01:00');
    await expect(today.getByRole('link', { name: 'Join the video consultation' })).toHaveAttribute('href', meetLink);
  } finally {
    await stopServer(server);
    await smtp.stop();
    await google.stop();
  }
});
