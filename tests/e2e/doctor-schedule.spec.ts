import { call, expect, login, signIn, test } from './server';

// Starting the demo clinic takes a good part of the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

const ZONE = 'Asia/Kolkata'; // the demo clinic's
const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const DAY = 86_400_000;


test('a doctor sets weekly hours and a day off, sees a booking, checks the patient in once check-in opens (completing waits for the start), cancels another and blocks time', async ({ page, demo }) => {
  const today = dayIn(Date.now());
  const dayOff = dayIn(Date.now() + 7 * DAY);
  const tomorrow = dayIn(Date.now() + DAY);

  await signIn(page, demo, 'clinic', 'dr.mehta@medlink.demo');
  await page.getByRole('button', { name: 'Availability' }).click();
  await expect(page.getByText("All times are in the clinic's time zone (Asia/Kolkata).")).toBeVisible();

  // Monday: one range through the whole day, in person and online; then every other day the same.
  const monday = page.getByRole('group', { name: 'Monday' });
  const removes = monday.getByRole('button', { name: /^Remove/ });
  while ((await removes.count()) > 0) await removes.first().click();
  await expect(monday.getByText('Not available')).toBeVisible();
  await monday.getByRole('button', { name: 'Add hours' }).click();
  await expect(monday.getByLabel('From')).toBeFocused();
  await monday.getByLabel('From').fill('00:00');
  await monday.getByLabel('To').fill('00:00');
  await monday.getByLabel('In person').check();
  await monday.getByLabel('Online').check();
  for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByRole('group', { name: day }).getByRole('button', { name: 'Same as' }).click();
  }
  await page.getByLabel('Appointment length').selectOption('15');
  await page.getByLabel('Minimum notice', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save hours and settings' }).click();
  // Each day's range ends where it starts: refused inline, under the field, before anything is sent.
  await expect(monday.getByText('The end must be after the start.')).toBeVisible();
  await expect(monday.getByLabel('To')).toBeFocused();
  await monday.getByLabel('To').fill('23:55');
  for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByRole('group', { name: day }).getByRole('button', { name: 'Same as' }).click();
  }
  await page.getByRole('button', { name: 'Save hours and settings' }).click();
  await expect(page.getByText('Your hours and settings are saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Add a day off' }).click();
  await page.getByLabel('Date', { exact: true }).fill(dayOff);
  await page.getByRole('button', { name: 'Save day off' }).click();
  await expect(page.getByText(/is now a day off\./)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Day off' })).toBeVisible();

  // Patients book through the API, as the patient window would.
  const doctorToken = await login(page.request, demo, 'dr.mehta@medlink.demo', 'clinic');
  const doctorId = (await call<{ id: number }>(page.request, demo, 'doctors.me', {}, doctorToken)).id;
  const priya = await login(page.request, demo, 'priya@medlink.demo', 'patient');
  const arjun = await login(page.request, demo, 'arjun@medlink.demo', 'patient');
  type Slot = { start: string; date: string };
  const slots = await call<Slot[]>(page.request, demo, 'doctors.slots', { doctorId, fromDate: today, toDate: dayOff }, priya);
  expect(slots.filter((s) => s.date === dayOff)).toEqual([]);
  const todays = slots.filter((s) => s.date === today);
  expect(todays.length, 'a free slot left today in the clinic zone').toBeGreaterThanOrEqual(2);
  await call(page.request, demo, 'appointments.book', { doctorId, start: todays[0]!.start, mode: 'in_person', reason: 'Chest pain on climbing stairs' }, priya);
  await call(page.request, demo, 'appointments.book', { doctorId, start: todays[1]!.start, mode: 'online' }, arjun);

  await page.getByRole('button', { name: 'My schedule' }).click();
  await expect(page.getByRole('button', { name: 'Day', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // A card is the list item headed by the patient's name (its history lists are list items too).
  const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  const visit = card('Priya Sharma');
  await expect(visit).toContainText('Chest pain on climbing stairs');
  await expect(visit).toContainText('In person');
  await expect(visit).toContainText('Booked');
  // Check-in opens at the clinic's set time before the visit (the service tests walk the clock through it;
  // here the clinic opens it twelve hours ahead). Completed waits for the start, which has not come.
  const admin = await login(page.request, demo, 'admin@medlink.demo', 'clinic');
  const settings = await call<Record<string, unknown>>(page.request, demo, 'settings.get', {}, admin);
  await call(page.request, demo, 'settings.update', { ...settings, checkInOpensMinutes: 720 }, admin);
  await page.getByRole('button', { name: 'My schedule' }).click();
  await visit.getByRole('button', { name: 'Check in' }).click();
  await expect(visit.getByRole('status')).toHaveText('Priya Sharma is checked in.');
  await expect(visit.getByRole('button', { name: 'Check in' })).toHaveCount(0);
  await expect(visit.locator('.sched-status')).toHaveText('Checked in');
  await expect(visit.getByRole('button', { name: 'Mark completed' })).toHaveCount(0);
  await visit.getByRole('button', { name: 'History' }).click();
  const history = visit.getByRole('list');
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history).toContainText('Booked by Priya Sharma');
  await expect(history).toContainText('Checked in by Dr. Rohan Mehta');

  // Cancelling asks for a reason, in place.
  const other = card('Arjun Nair');
  await other.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(other.getByLabel('Reason for cancelling')).toBeFocused();
  await other.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(other.getByText('Give a reason')).toBeVisible();
  await other.getByLabel('Reason for cancelling').fill('Called away to an emergency');
  await other.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(other.getByRole('status')).toHaveText('The appointment with Arjun Nair is cancelled.');
  await expect(other).toContainText('Cancelled: Called away to an emergency');

  // Blocking tomorrow morning: the schedule moves there and shows it; the slots are gone until unblocked.
  await page.getByRole('button', { name: 'Block time' }).click();
  await page.getByLabel('Date', { exact: true }).fill(tomorrow);
  await page.getByLabel('From').fill('10:00');
  await page.getByLabel('To').fill('11:00');
  await page.getByLabel('Reason (optional)').fill('Hospital rounds');
  await page.getByRole('button', { name: 'Block this time' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Blocked 10:00 am – 11:00 am' })).toBeVisible();
  const block = page.getByRole('listitem').filter({ hasText: 'Hospital rounds' });
  await expect(block).toContainText('10:00 am – 11:00 am');
  const clock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, timeStyle: 'short' }).format(new Date(iso));
  const times = async () =>
    (await call<Slot[]>(page.request, demo, 'doctors.slots', { doctorId, fromDate: tomorrow, toDate: tomorrow }, priya)).map((s) => clock(s.start));
  expect(await times()).not.toContain('10:15');
  expect(await times()).toContain('11:00');
  await block.getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByText('is free to book again')).toBeVisible();
  await expect(block).toHaveCount(0);
  expect(await times()).toContain('10:15');
});

test('the administrator adds and removes a clinic holiday', async ({ page, demo }) => {
  const date = dayIn(Date.now() + 20 * DAY);
  await signIn(page, demo, 'clinic', 'admin@medlink.demo');
  await page.getByRole('button', { name: 'Clinic holidays' }).click();
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await expect(page.getByText('Name the holiday.')).toBeVisible();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Name', { exact: true }).fill('Founders Day');
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Founders Day on' })).toContainText('is a clinic holiday');
  const row = page.getByRole('row').filter({ hasText: 'Founders Day' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is no longer a holiday' })).toBeVisible();
  await expect(row).toHaveCount(0);
});
