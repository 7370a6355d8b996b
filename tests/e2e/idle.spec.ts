import { expect, signIn, test } from './server';

test('an idle screen signs itself out after the clinic’s limit and keeps no patient data', async ({ browser, page, demo }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo, 'clinic', 'admin@medlink.demo');
  await admin.getByRole('button', { name: 'Clinic settings' }).click();
  await admin.getByLabel('Sign out after this many idle minutes').fill('1');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByText('Settings saved.')).toBeVisible();

  await page.clock.install();
  await signIn(page, demo, 'patient', 'meera@medlink.demo');
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await expect(page.getByText('Meera Joshi').first()).toBeVisible();

  await page.clock.fastForward('00:50');
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await page.clock.fastForward('00:15');
  await expect(page.getByText('You were signed out because nobody used MedLink for a while.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Meera');
  await page.goBack();
  await expect(page.locator('body')).not.toContainText('Meera');
});
