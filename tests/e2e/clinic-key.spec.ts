import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, expect, signIn, startServer, stopServer, test } from './server';

// A second computer joins the clinic: the administrator saves the clinic key file on the first, and enrols the
// second with it. The second computer here is a copy of the clinic's database without the first one's key.
test('the administrator enrols a new computer with the clinic key file', async ({ demo, page, browser }) => {
  await signIn(page, demo, 'clinic', 'admin@medlink.demo');
  await page.getByRole('button', { name: 'Clinic key' }).click();
  await expect(page.getByRole('heading', { name: 'Clinic key and recovery code' })).toBeVisible();

  const password = page.getByLabel('Confirm your password to see the code');
  await password.fill('not-the-password');
  await page.getByRole('button', { name: 'Show the recovery code' }).click();
  await expect(page.getByText('This is not your current password.')).toBeVisible();
  await expect(page.getByText('Recovery code', { exact: true })).toHaveCount(0);

  await password.fill(DEMO_PASSWORD);
  await password.press('Enter');
  const code = (await page.locator('.recovery-code').textContent())!.trim();
  expect(code.split(' ')).toHaveLength(14);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as key file' }).click();
  const keyFile = test.info().outputPath('medlink-clinic-key.txt');
  await (await download).saveAs(keyFile);

  const dataDir = mkdtempSync(join(tmpdir(), 'medlink-e2e-seat-'));
  for (const file of ['medlink.sqlite', 'medlink.sqlite-wal']) {
    if (existsSync(join(demo.dataDir, file))) copyFileSync(join(demo.dataDir, file), join(dataDir, file));
  }
  const seat = await startServer([], dataDir);
  try {
    const kiosk = await browser.newPage();
    await kiosk.goto(`${seat.app.url}/?portal=patient`);
    await expect(kiosk.getByText('This computer is not ready for patients yet. Please ask at the front desk.')).toBeVisible();

    const clinic = await browser.newPage();
    await clinic.goto(`${seat.app.url}/?portal=clinic`);
    await expect(clinic.getByRole('heading', { name: 'Enrol this computer' })).toBeVisible();
    const field = clinic.getByLabel('Recovery code');
    // One group typed wrong: a typing mistake, said plainly.
    const groups = code.split(' ');
    groups[3] = groups[3] === 'AAAA' ? 'BBBB' : 'AAAA';
    await field.fill(groups.join(' '));
    await clinic.getByRole('button', { name: 'Enrol', exact: true }).click();
    await expect(clinic.getByText('This code has a typing mistake. Check each group of four against the written code.')).toBeVisible();

    await clinic.locator('input[type=file]').setInputFiles(keyFile);
    await expect(clinic.getByText('The code was read from medlink-clinic-key.txt.')).toBeVisible();
    await clinic.getByRole('button', { name: 'Enrol', exact: true }).click();
    await expect(clinic.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await signIn(clinic, seat.app, 'clinic', 'admin@medlink.demo');
    await expect(clinic.getByRole('button', { name: 'Clinic key' })).toBeVisible();
  } finally {
    await stopServer(seat);
  }
});
