import { demoMail, expect, mailTo, signIn, signupCode, test } from './server';

test('a patient who forgot their password gets a code by email and chooses a new one from the sign-in screen', async ({ page, demo }) => {
  const smtp = await demoMail(page.request, demo);
  await page.goto(`${demo.url}/?portal=patient`);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('Email address').fill('priya@medlink.demo');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByText('If priya@medlink.demo belongs to an account that can reset its password here')).toBeVisible();

  const mail = await mailTo(smtp, 'priya@medlink.demo', /new password/);
  await page.getByLabel('Code from the email').fill(signupCode(mail));
  await page.getByLabel('New password', { exact: true }).fill('priya chooses anew');
  await page.getByLabel('Confirm password').fill('priya chooses anew');
  await page.getByRole('button', { name: 'Save the new password and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await smtp.stop();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await expect(page.getByRole('alert')).toHaveText('The email address or password is not right.');
  await signIn(page, demo, 'patient', 'priya@medlink.demo', 'priya chooses anew');
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
});
