import type { APIRequestContext, Page } from '@playwright/test';
import { call, expect, login, signIn, test, type RunningApp } from './server';

// The patient's side of booking: find a doctor, open their profile, book, reschedule, cancel; the doctor's
// schedule shows each change. Times are the clinic's (the demo clinic is in Asia/Kolkata).
const ZONE = 'Asia/Kolkata';
// Long flows on a fresh demo clinic each: give them room on a slow machine.
test.describe.configure({ timeout: 120_000 });

/** A clinic-local day from today, as "2026-03-03", and as the screens name it ("Tue, 3 Mar"). */
function clinicDay(offset: number) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  const ymd = d.toISOString().slice(0, 10);
  const label = new Intl.DateTimeFormat('en-IN', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
  return { ymd, label };
}

/** Dr. Mehta sees patients every day, 09:00 to 13:00 in person or online and 17:00 to 19:00 online only. */
async function giveDoctorHours(request: APIRequestContext, app: RunningApp) {
  const token = await login(request, app, 'dr.mehta@medlink.demo', 'clinic');
  await call(request, app, 'availability.save', {
    settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      ranges: [
        { start: '09:00', end: '13:00', modes: ['in_person', 'online'] },
        { start: '17:00', end: '19:00', modes: ['online'] },
      ],
    })),
  }, token);
  return token;
}

interface Scheduled { patientName: string; number: number; start: string; mode: string; status: string; reason: string | null; cancelReason: string | null }
async function doctorSchedule(request: APIRequestContext, app: RunningApp, token: string) {
  const { appointments } = await call<{ appointments: Scheduled[] }>(request, app, 'appointments.schedule', { fromDate: clinicDay(0).ymd, toDate: clinicDay(7).ymd }, token);
  return appointments.filter((a) => a.patientName === 'Priya Sharma');
}

/** The instant of a clinic-local time (India has no daylight saving: +05:30 all year). */
const instant = (ymd: string, hhmm: string) => new Date(`${ymd}T${hhmm}:00+05:30`).toISOString();

async function openMehtaProfile(page: Page) {
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Find a doctor' }).click();
  await expect(page.getByRole('heading', { name: 'Find a doctor', level: 1 })).toBeVisible();
  await page.getByLabel('Speciality').selectOption('cardiology');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('1 doctor found.')).toBeVisible();
  await expect(page.getByText('Nobody can pay to be listed first.')).toBeVisible();
  const card = page.getByRole('article', { name: 'Dr. Rohan Mehta' });
  await expect(card).toContainText('Cardiology (heart)');
  await expect(card).toContainText('Sunrise Clinic, Pune');
  await expect(card).toContainText(/Next free: \w{3}, \d{1,2} \w{3}, \d{1,2}:\d\d [ap]m/);
  await card.getByRole('button', { name: 'See profile and book' }).click();
  await expect(page.getByRole('heading', { name: 'Dr. Rohan Mehta', level: 1 })).toBeVisible();
}

test('a patient finds a doctor by speciality, books from the profile, reschedules and cancels; the doctor sees each change', async ({ page, demo }) => {
  const doctorToken = await giveDoctorHours(page.request, demo);
  const tomorrow = clinicDay(1);
  const later = clinicDay(2);

  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openMehtaProfile(page);
  await expect(page.getByText('MMC-2009-4411, Maharashtra Medical Council')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Free times in the next 7 days' })).toBeVisible();

  // One click on a free time leads to the confirmation.
  await page.getByRole('button', { name: `${tomorrow.label}, 9:00 am`, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Confirm your appointment' })).toBeVisible();
  // This time offers both kinds of visit: the patient must choose.
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByText('Choose in person or online.')).toBeVisible();
  // The fee of each kind of visit is stated, then the chosen one's.
  await expect(page.getByRole('definition').filter({ hasText: 'Online (video): ₹400.00' })).toContainText('In person: ₹500.00');
  await page.getByLabel('In person').check();
  await expect(page.getByRole('definition').filter({ hasText: /^₹500\.00$/ })).toBeVisible();
  await page.getByLabel('Reason for the visit (optional)').fill('Chest pain when climbing stairs');
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'Appointment booked' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Booked: Dr. Rohan Mehta');
  await expect(page.getByRole('status')).toContainText('9:00 am, in person at Sunrise Clinic, Pune.');
  await expect(page.getByRole('status')).toContainText('An email confirmation is on its way to priya@medlink.demo.');
  await expect(page.getByRole('status')).toContainText('Consultation fee: ₹500.00, paid at the clinic.');

  const booked = await doctorSchedule(page.request, demo, doctorToken);
  expect(booked).toEqual([expect.objectContaining({ start: instant(tomorrow.ymd, '09:00'), mode: 'in_person', status: 'booked', reason: 'Chest pain when climbing stairs' })]);
  const number = booked[0]!.number;
  await expect(page.getByRole('status')).toContainText(`Your booking number is ${number}. Please quote it when you contact the clinic.`);

  await page.getByRole('button', { name: 'Go to My appointments' }).click();
  await expect(page.getByRole('heading', { name: 'My appointments', level: 1 })).toBeVisible();
  const upcoming = page.getByRole('region', { name: 'Upcoming' });
  const visit = upcoming.getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' });
  await expect(visit).toContainText('Booked');
  await expect(visit).toContainText('9:00 am');
  await expect(visit).toContainText('In person');
  await expect(visit).toContainText('Sunrise Clinic, Pune');
  await expect(visit).toContainText('Chest pain when climbing stairs');
  await expect(visit.getByRole('term').filter({ hasText: 'Booking no.' })).toBeVisible();
  await expect(visit.getByRole('definition').first()).toHaveText(String(number));

  // Reschedule to another free time of the same doctor.
  await visit.getByRole('button', { name: 'Reschedule' }).click();
  await visit.getByRole('button', { name: `${later.label}, 10:30 am`, exact: true }).click();
  await expect(visit.getByLabel('In person')).toBeChecked();
  await visit.getByRole('button', { name: 'Move the appointment' }).click();
  await expect(page.getByRole('status')).toContainText('Your appointment with Dr. Rohan Mehta is now on');
  await expect(upcoming.getByRole('article')).toHaveCount(1);
  await expect(upcoming.getByRole('article')).toContainText('10:30 am');

  const moved = await doctorSchedule(page.request, demo, doctorToken);
  expect(moved).toEqual([expect.objectContaining({ start: instant(later.ymd, '10:30'), mode: 'in_person', status: 'booked', number })]);

  // Cancel: a reason is required.
  const movedVisit = upcoming.getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' });
  await movedVisit.getByRole('button', { name: 'Cancel appointment' }).click();
  await movedVisit.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(movedVisit.getByText('Say briefly why, in at least 3 characters.')).toBeVisible();
  await movedVisit.getByLabel('Reason for cancelling').fill('Feeling better now');
  await movedVisit.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(page.getByRole('status')).toContainText('was cancelled');
  await expect(upcoming.getByText('You have no upcoming appointments.')).toBeVisible();
  const past = page.getByRole('region', { name: 'Past and cancelled' }).getByRole('article').filter({ hasText: 'Dr. Rohan Mehta' });
  await expect(past).toContainText('Cancelled');
  await expect(past).toContainText('Feeling better now');
  await expect(past.getByRole('button', { name: 'Reschedule' })).toHaveCount(0);

  await past.getByText('History').click();
  await expect(past.getByRole('listitem')).toHaveCount(3);
  await expect(past.getByRole('listitem').nth(2)).toContainText('Cancelled by Priya Sharma: Feeling better now');

  const cancelled = await doctorSchedule(page.request, demo, doctorToken);
  expect(cancelled).toEqual([expect.objectContaining({ status: 'cancelled', cancelReason: 'Feeling better now' })]);
});

test('when another patient takes the time first, the patient is told and picks one of the next free times', async ({ page, demo }) => {
  await giveDoctorHours(page.request, demo);
  const tomorrow = clinicDay(1);

  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openMehtaProfile(page);
  await page.getByRole('button', { name: `${tomorrow.label}, 11:00 am`, exact: true }).click();
  await page.getByLabel('Online (video)').check();

  // Another seat books the same time while Priya is still on the confirmation.
  const arjun = await login(page.request, demo, 'arjun@medlink.demo', 'patient');
  const doctors = await call<{ id: number; fullName: string }[]>(page.request, demo, 'doctors.search', { speciality: 'cardiology' }, arjun);
  await call(page.request, demo, 'appointments.book', { doctorId: doctors[0]!.id, start: instant(tomorrow.ymd, '11:00'), mode: 'online' }, arjun);

  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('alert')).toContainText('This time was just taken.');
  const next = page.getByRole('region', { name: 'Free times after the one you chose' });
  await expect(next.getByRole('button', { name: `${tomorrow.label}, 11:00 am`, exact: true })).toHaveCount(0);
  await next.getByRole('button', { name: `${tomorrow.label}, 11:30 am`, exact: true }).click();
  await expect(page.getByLabel('Online (video)')).toBeChecked();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('status')).toContainText('11:30 am, online by video call.');
});
