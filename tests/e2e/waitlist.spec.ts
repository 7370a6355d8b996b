import type { APIRequestContext } from '@playwright/test';
import { call, clinicToday, demoMail, expect, login, mailTo, signIn, test, type RunningApp } from './server';

// A waitlist from end to end: a patient joins a fully booked doctor's list from their own window, the front desk
// sees the list, a cancellation frees the time, the patient gets the offer by email and takes it in their window.
test.describe.configure({ timeout: 120_000 });

/** `days` after the clinic's today, as YYYY-MM-DD and as typed into a date field (day/month/year). */
function dayAfter(days: number) {
  const d = new Date(`${clinicToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const ymd = d.toISOString().slice(0, 10);
  return { ymd, typed: `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}/${ymd.slice(0, 4)}` };
}

/** Dr. Rao sees patients on `date` for one slot only, at 10:00, and Arjun books it: her day is full. */
async function fullDay(request: APIRequestContext, app: RunningApp, date: string) {
  const doctor = await login(request, app, 'dr.rao@medlink.demo', 'clinic');
  const hours = await call<{ settings: { slotMinutes: number } }>(request, app, 'availability.get', {}, doctor);
  const end = `10:${String(hours.settings.slotMinutes).padStart(2, '0')}`;
  await call(request, app, 'availability.setException', { date, ranges: [{ start: '10:00', end, modes: ['in_person'] }] }, doctor);
  const arjun = await login(request, app, 'arjun@medlink.demo', 'patient');
  const rao = (await call<{ id: number; fullName: string }[]>(request, app, 'doctors.directory', {}, arjun)).find((d) => d.fullName === 'Dr. Kavita Rao')!;
  const slots = await call<{ start: string }[]>(request, app, 'doctors.slots', { doctorId: rao.id, fromDate: date, toDate: date }, arjun);
  expect(slots).toHaveLength(1);
  const booked = await call<{ id: number }>(request, app, 'appointments.book', { doctorId: rao.id, start: slots[0]!.start, mode: 'in_person' }, arjun);
  return { cancel: () => call(request, app, 'appointments.cancel', { appointmentId: booked.id, reason: 'Feeling better now' }, arjun) };
}

test('a patient on a waitlist is offered a cancelled time by email and takes it in their window; the desk sees the list', async ({ page, demo, browser }) => {
  const smtp = await demoMail(page.request, demo);
  try {
    const day = dayAfter(3);
    const arjun = await fullDay(page.request, demo, day.ymd);

    await signIn(page, demo, 'patient', 'meera@medlink.demo');
    await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Find a doctor' }).click();
    await page.getByLabel('Speciality').selectOption('general_medicine');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('article', { name: 'Dr. Kavita Rao' }).getByRole('button', { name: 'See profile and book' }).click();
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    const form = page.getByRole('form', { name: 'Waitlist for Dr. Kavita Rao' });
    await form.getByRole('textbox', { name: 'From', exact: true }).fill(day.typed);
    await form.getByRole('textbox', { name: 'Until', exact: true }).fill(day.typed);
    for (const part of ['Morning (before noon)', 'Afternoon (noon to 5 pm)', 'Evening (from 5 pm)']) await form.getByLabel(part).uncheck();
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(form.getByText('Choose at least one part of the day.')).toBeVisible();
    await form.getByLabel('Morning (before noon)').check();
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(page.getByText('Meera Joshi is on the waitlist of Dr. Kavita Rao.', { exact: false })).toBeVisible();

    // The front desk sees who waits for Dr. Rao.
    const desk = await browser.newPage();
    await signIn(desk, demo, 'clinic', 'desk@medlink.demo');
    await desk.getByRole('button', { name: 'Waitlists' }).click();
    await desk.getByLabel('Doctor').selectOption({ label: 'Dr. Kavita Rao · General medicine' });
    await expect(desk.getByRole('region', { name: 'Waiting for Dr. Kavita Rao' })).toContainText('Meera Joshi');
    await desk.close();

    // Meera's window is open on her appointments when Arjun cancels: the time goes to her by email, and her window
    // shows it at once over the live feed (no reload, no waiting for a poll).
    await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My appointments' }).click();
    await expect(page.getByRole('region', { name: 'Waiting for a time' })).toContainText('Dr. Kavita Rao');
    await arjun.cancel();
    const held = page.getByRole('region', { name: 'A time is held for you' });
    await expect(held).toBeVisible({ timeout: 5_000 });
    const offer = await mailTo(smtp, 'meera@medlink.demo', /^A time with Dr\. Kavita Rao is free/);
    expect(offer.text).toContain('open My appointments');

    await expect(held).toContainText('Dr. Kavita Rao');
    await expect(held).toContainText('10:00 am');
    await held.getByRole('button', { name: 'Take this time' }).click();
    await expect(page.getByText(/^Booked: Meera Joshi with Dr\. Kavita Rao, .*10:00 am\. Booking no\. \d+\.$/)).toBeVisible();
    await expect(held).toBeHidden();
    await expect(page.getByRole('region', { name: 'Upcoming' }).getByRole('article').filter({ hasText: 'Dr. Kavita Rao' })).toContainText('10:00 am');
    await mailTo(smtp, 'meera@medlink.demo', /^Appointment confirmed with Dr\. Kavita Rao/);
  } finally {
    await smtp.stop();
  }
});
