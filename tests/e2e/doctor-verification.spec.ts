import { demoMail, expect, mailTo, signIn, signupCode, test } from './server';

test('a doctor signs up, waits, is approved by the administrator and then appears to patients', async ({ browser, demo }) => {
  const doctor = await (await browser.newContext()).newPage();
  const smtp = await demoMail(doctor.request, demo);
  await doctor.goto(`${demo.url}/?portal=clinic`);
  await doctor.getByRole('button', { name: 'Sign up as a doctor' }).click();
  await doctor.getByLabel('Email address').fill('dr.bose@example.in');
  await doctor.getByLabel('Password', { exact: true }).fill('bose heals hearts daily');
  await doctor.getByLabel('Confirm password').fill('bose heals hearts daily');
  await doctor.getByLabel('Full name').fill('Dr. Ananya Bose');
  await doctor.getByLabel('Mobile number').fill('9830012345');
  await doctor.getByLabel('Degree').fill('MBBS');
  await doctor.getByLabel('College or university').fill('Calcutta Medical College');
  await doctor.getByLabel('Year completed').fill('2012');
  await doctor.getByLabel('Speciality').selectOption('neurology');
  await doctor.getByLabel('Registration number').fill('WBMC-2012-7781');
  await doctor.getByLabel('Issuing council').fill('West Bengal Medical Council');
  await doctor.getByLabel('Hospital or clinic where you practise').fill('Sunrise Clinic, Pune');
  await doctor.getByLabel('Years of experience').fill('12');
  await doctor.getByLabel('Languages you consult in').fill('English, Bengali, Hindi');
  await doctor.getByRole('button', { name: 'Sign up and send for verification' }).click();
  await doctor.getByLabel('Code from the email').fill(signupCode(await mailTo(smtp, 'dr.bose@example.in', /finish signing up/)));
  await doctor.getByRole('button', { name: 'Finish signing up' }).click();
  await expect(doctor.getByText('Waiting for verification').first()).toBeVisible();
  await smtp.stop();

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo, 'clinic', 'admin@medlink.demo');
  await admin.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: /Verification queue/ }).click();
  const application = admin.getByRole('article').filter({ hasText: 'Dr. Ananya Bose' });
  await expect(application).toContainText('WBMC-2012-7781');
  await expect(application).toContainText('West Bengal Medical Council');
  await expect(application).toContainText('Calcutta Medical College');
  await application.getByRole('button', { name: 'Approve' }).click();
  await expect(admin.getByText('Dr. Ananya Bose is verified and now appears to patients.')).toBeVisible();

  await doctor.reload();
  await signIn(doctor, demo, 'clinic', 'dr.bose@example.in', 'bose heals hearts daily');
  await expect(doctor.getByText('Verified').first()).toBeVisible();

  const patient = await (await browser.newContext()).newPage();
  await signIn(patient, demo, 'patient', 'arjun@medlink.demo');
  await patient.getByRole('button', { name: 'Find a doctor' }).click();
  await expect(patient.getByText('Dr. Ananya Bose')).toBeVisible();
});

test('a rejected doctor reads the reason, corrects and resubmits', async ({ browser, demo }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo, 'clinic', 'admin@medlink.demo');
  await admin.getByRole('button', { name: /Verification queue/ }).click();
  const application = admin.getByRole('article').filter({ hasText: 'Dr. Harpreet Singh' });
  await application.getByRole('button', { name: 'Reject' }).click();
  await admin.getByRole('button', { name: 'Reject application' }).click();
  await expect(admin.getByText('Give a reason of at least 5 characters.')).toBeVisible();
  await admin.getByLabel('Reason for rejecting').fill('The registration number does not match the council register.');
  await admin.getByRole('button', { name: 'Reject application' }).click();
  await expect(admin.getByText('No doctors are waiting for verification.')).toBeVisible();

  const doctor = await (await browser.newContext()).newPage();
  await signIn(doctor, demo, 'clinic', 'dr.singh@medlink.demo');
  await expect(doctor.getByText('The registration number does not match the council register.')).toBeVisible();
  await doctor.getByRole('button', { name: 'Correct and resubmit' }).click();
  await doctor.getByLabel('Registration number').fill('PMC-2017-8813');
  await doctor.getByRole('button', { name: 'Send for verification again' }).click();
  await expect(doctor.getByText('Waiting for verification').first()).toBeVisible();
});
