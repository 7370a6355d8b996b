import { expect, lateInClinicDay, openTodayAllDay, signIn, test } from './server';

// The walk-in is booked for today (the server runs on the real clock): Dr. Kavita Rao sees patients all day today.
test.skip(lateInClinicDay(), 'no free time left today in the clinic’s zone');

test('the front desk registers a walk-in, books them with a doctor, sees them on the board and checks them in', async ({ page, demo, request }) => {
  await openTodayAllDay(request, demo, 'dr.rao@medlink.demo');

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
