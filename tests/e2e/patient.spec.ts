import { demoMail, expect, mailTo, signIn, signupCode, test } from './server';

test('a patient signs up with the code from the email, signs out without leaving anything behind, and signs in again', async ({ page, demo }) => {
  const smtp = await demoMail(page.request, demo);
  await page.goto(`${demo.url}/?portal=patient`);
  await page.getByRole('button', { name: 'Create a patient account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your patient account' })).toBeVisible();

  await page.getByLabel('Full name').fill('Sneha Kulkarni');
  await page.getByLabel('Email address').fill('sneha@example.in');
  await page.getByLabel('Mobile number').fill('9822012345');
  await page.getByLabel('Date of birth').fill('1992-03-18');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('House, street and area').fill('5 Prabhat Road');
  await page.getByLabel('City or town').fill('Pune');
  await page.getByLabel('State or union territory').selectOption('Maharashtra');
  await page.getByLabel('PIN code').fill('41100');
  await page.getByLabel('Allergies').fill('Penicillin');
  await page.getByLabel('Password', { exact: true }).fill('sneha keeps her health safe');
  await page.getByLabel('Confirm password').fill('sneha keeps her health safe');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a 6-digit PIN code.')).toBeVisible();

  await page.getByLabel('PIN code').fill('411004');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText('We have sent a six-digit code to sneha@example.in.')).toBeVisible();
  await page.getByLabel('Code from the email').fill('000000');
  await page.getByRole('button', { name: 'Finish signing up' }).click();
  await expect(page.getByText('This code is not right, or it has expired.').first()).toBeVisible();
  const code = signupCode(await mailTo(smtp, 'sneha@example.in', /finish signing up/));
  await page.getByLabel('Code from the email').fill(code);
  await page.getByRole('button', { name: 'Finish signing up' }).click();
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await smtp.stop();
  await expect(page.getByText('Penicillin')).toBeVisible();

  // Only verified doctors are listed; the demo's pending orthopaedic surgeon is not.
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Find a doctor' }).click();
  await expect(page.getByText('Dr. Rohan Mehta')).toBeVisible();
  await expect(page.getByText('Dr. Harpreet Singh')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Sneha');
  await page.goBack();
  await expect(page.locator('body')).not.toContainText('Penicillin');

  await signIn(page, demo, 'patient', 'sneha@example.in', 'sneha keeps her health safe');
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await expect(page.getByText('Penicillin')).toBeVisible();
});

test('a patient edits their profile and the change is kept', async ({ page, demo }) => {
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await page.getByRole('button', { name: 'Edit profile' }).click();
  await page.getByLabel('City or town').fill('Mumbai');
  await page.getByLabel('PIN code').fill('400001');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your profile was saved.')).toBeVisible();
  await page.reload();
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await expect(page.getByText('Mumbai')).toBeVisible();
});
