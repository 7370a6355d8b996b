import { call, DEMO_PASSWORD, expect, signIn, test } from './server';

const ZONE = 'Asia/Kolkata';
const clinicNow = () => new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
}).formatToParts(new Date());
const part = (type: string) => clinicNow().find((p) => p.type === type)!.value;


// The server runs on the real clock, so the walk-in is booked for today: Dr. Kavita Rao sees patients all day
// today, at no notice (through the same channels her own screens use).
test.skip(Number(part('hour')) * 60 + Number(part('minute')) >= 23 * 60 + 25, 'no free time left today in the clinic’s zone');

test('the front desk registers a walk-in, books them with a doctor, sees them on the board and checks them in', async ({ page, demo, request }) => {
  const today = `${part('year')}-${part('month')}-${part('day')}`;
  const doctor = await call(request, demo, 'auth.login', { email: 'dr.rao@medlink.demo', password: DEMO_PASSWORD, portal: 'clinic' });
  const hours = await call(request, demo, 'availability.get', {}, doctor.token);
  await call(request, demo, 'availability.save', { settings: { ...hours.settings, minNoticeMinutes: 0 }, weekly: hours.weekly }, doctor.token);
  await call(request, demo, 'availability.setException', { date: today, ranges: [{ start: '00:00', end: '23:59', modes: ['in_person', 'online'] }] }, doctor.token);

  await signIn(page, demo, 'clinic', 'desk@medlink.demo');
  await page.getByRole('button', { name: 'Book an appointment' }).click();
  await page.getByLabel('A new walk-in').check();
  await page.getByLabel('Full name').fill('Ramesh Patil');
  await page.getByLabel('Mobile number').fill('98220 4444');
  await page.getByRole('button', { name: 'Register and continue' }).click();
  await expect(page.getByText('Enter a 10-digit Indian mobile or phone number.')).toBeVisible();
  await page.getByLabel('Mobile number').fill('98220 44444');
  await page.getByRole('button', { name: 'Register and continue' }).click();
  await expect(page.getByText(/Ramesh Patil is registered as patient no\. \d+ \(9822044444\)/)).toBeVisible();

  await page.getByLabel('Doctor').selectOption({ label: 'Dr. Kavita Rao · General medicine' });
  const times = page.getByRole('group', { name: /^Free times on/ });
  const first = times.getByRole('radio').first();
  const time = (await times.locator('label').first().innerText()).trim();
  await first.check();
  await page.getByLabel('Kind of visit').selectOption({ label: 'In person' });
  await page.getByLabel('Reason for the visit (optional)').fill('Fever since yesterday');
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Booked: Ramesh Patil with Dr. Kavita Rao` })).toContainText(time);
  const confirmation = await page.getByRole('status').filter({ hasText: `Booked: Ramesh Patil with Dr. Kavita Rao` }).innerText();
  const number = /Booking no\. (\d+)\./.exec(confirmation)![1];

  await page.getByRole('button', { name: 'Day board' }).click();
  const column = page.getByRole('region', { name: 'Dr. Kavita Rao' });
  const card = column.getByRole('listitem').filter({ hasText: 'Ramesh Patil' });
  await expect(card).toContainText('Walk-in');
  await expect(card).toContainText(`Booking no. ${number}`);
  await expect(card).toContainText('Booked');
  await expect(card).toContainText(/^\d{1,2}:\d{2}/.exec(time)![0]);
  const waiting = page.getByRole('region', { name: /Waiting now/ });
  await expect(waiting).toContainText('Nobody is waiting.');

  await card.getByRole('button', { name: /^Check in for Ramesh Patil/ }).click();
  await expect(page.getByText('Ramesh Patil is checked in and waiting.')).toBeVisible();
  await expect(card).toContainText('Checked in');
  await expect(waiting.getByRole('listitem')).toHaveText([/^Ramesh Patil for Dr\. Kavita Rao, appointment at/]);
});
