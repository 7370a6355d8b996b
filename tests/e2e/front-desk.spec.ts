import { expect, signIn, test } from './server';

test('the administrator adds a front-desk account; its first sign-in forces a new password; every look at a patient is audited', async ({ browser, demo }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo, 'clinic', 'admin@medlink.demo');
  await admin.getByRole('button', { name: 'Staff accounts' }).click();
  await admin.getByLabel('Full name').fill('Farah Shaikh');
  await admin.getByLabel('Email address', { exact: true }).fill('farah@example.in');
  await admin.getByLabel('Mobile number').fill('9890012345');
  await admin.getByRole('button', { name: 'Add account' }).click();
  await expect(admin.getByText('The account for Farah Shaikh is ready.')).toBeVisible();
  const temporary = (await admin.locator('.temp-password__value').textContent())!.trim();
  expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, demo, 'clinic', 'farah@example.in', temporary);
  await expect(desk.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await desk.getByLabel('Temporary password from the clinic').fill(temporary);
  await desk.getByLabel('New password').fill('farah runs the front desk');
  await desk.getByLabel('Confirm password').fill('farah runs the front desk');
  await desk.getByRole('button', { name: 'Change password' }).click();
  await desk.getByRole('button', { name: 'Continue' }).click();

  await desk.getByLabel('Name, mobile number or email').fill('Arjun');
  await desk.getByRole('button', { name: 'Search' }).click();
  await expect(desk.getByRole('heading', { name: '1 patient found' })).toBeVisible();
  await desk.getByRole('button', { name: 'Open the record of Arjun Nair' }).click();
  await expect(desk.getByText('arjun@medlink.demo')).toBeVisible();

  await admin.getByRole('button', { name: 'Audit log' }).click();
  const log = admin.getByRole('table');
  await expect(log.getByRole('row').filter({ hasText: 'Patient record viewed' }).filter({ hasText: 'Farah Shaikh' })).toContainText('Arjun Nair');
  // A search is one entry naming the patients it showed.
  await expect(log.getByRole('row').filter({ hasText: 'Patients found in a search' }).first()).toContainText('Arjun Nair');
  await admin.getByRole('button', { name: 'Verify the log' }).click();
  await expect(admin.getByRole('status').filter({ hasText: /intact/i })).toBeVisible();
});
