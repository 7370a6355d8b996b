import { expect, test } from './server';

test('first run: the patient window waits, the clinic window sets up the clinic and its administrator', async ({ page, fresh }) => {
  await page.goto(`${fresh.url}/?portal=patient`);
  await expect(page.getByText('MedLink has not been set up yet.')).toBeVisible();

  await page.goto(`${fresh.url}/?portal=clinic`);
  await page.getByRole('button', { name: /Set up a new clinic on this computer/ }).click();
  await expect(page.getByRole('heading', { name: 'Set up MedLink for your clinic' })).toBeVisible();
  await page.getByLabel('Clinic name').fill('Lotus Clinic');
  await page.getByLabel('Clinic address').fill('22 Residency Road, Bengaluru 560025');
  await page.getByLabel('State or union territory').selectOption('Karnataka');
  await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Kolkata');
  await page.getByLabel('Full name').fill('Ravi Kumar');
  await page.getByLabel('Email address').fill('ravi@lotus.example');
  await page.getByLabel('Mobile number').fill('98450 12345');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Set up the clinic' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('lotus clinic keys 2026');
  await page.getByLabel('Confirm password').fill('lotus clinic keys 2026');
  await page.getByRole('button', { name: 'Set up the clinic' }).click();

  const nav = page.getByRole('navigation', { name: 'Clinic sections' });
  await expect(nav.getByRole('button', { name: /Verification queue/ })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Lotus Clinic');
  await expect(page.getByRole('banner')).toContainText('Ravi Kumar');

  // The patient window now offers sign-in.
  await page.goto(`${fresh.url}/?portal=patient`);
  await expect(page.getByRole('heading', { name: 'Patient sign-in' })).toBeVisible();
});
