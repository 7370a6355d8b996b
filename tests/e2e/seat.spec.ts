import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../helpers/free-port';
import { postgresBin, startCluster } from '../helpers/postgres-cluster';
import { expect, startServer, stopServer, test } from './server';

test("first run: a new clinic here, or the clinic's database server; a server where nothing answers is explained and changes nothing", async ({ page, fresh }) => {
  await page.goto(`${fresh.url}/?portal=clinic`);
  await expect(page.getByRole('heading', { name: 'Set up MedLink on this computer' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Set up a new clinic on this computer/ })).toBeVisible();
  await page.getByRole('button', { name: /Connect to the clinic's database server/ }).click();

  await expect(page.getByRole('heading', { name: "Connect to the clinic's database server" })).toBeVisible();
  const host = page.getByLabel('Server name or IP address');
  await expect(host).toBeFocused();
  await expect(page.getByLabel('Port')).toHaveValue('5432');
  await expect(page.getByLabel('Database name')).toHaveValue('medlink');
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  await connect.click();
  await expect(page.getByText("Enter the server's name or IP address.")).toBeVisible();
  await expect(page.getByText('Enter the user name.')).toBeVisible();
  await expect(host).toBeFocused();

  await host.fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(await freePort()));
  await page.getByLabel('User name').fill('medlink_app');
  await page.getByLabel('Password', { exact: true }).fill('Sunrise-db-2026');
  // The CA certificate read from a file the administrator chooses lands in the field, to be checked and sent with the rest.
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2Fy\n-----END CERTIFICATE-----';
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Read the certificate from a file' }).click();
  await (await chooser).setFiles({ name: 'sunrise-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(`${pem}\n`) });
  await expect(page.getByLabel("The server's CA certificate (optional)")).toHaveValue(pem);
  await expect(page.getByText('Read from sunrise-ca.pem.')).toBeVisible();

  await page.getByLabel("The server's CA certificate (optional)").fill('-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----');
  await connect.click();
  await expect(page.getByText("This is a private key, which must stay on the server. Paste the CA's certificate instead.")).toBeVisible();

  await page.getByLabel("The server's CA certificate (optional)").fill('');
  await connect.click();
  await expect(page.getByText('Nothing answers at this address and port.', { exact: false })).toBeVisible();
  await expect(host).toBeFocused();
  expect(existsSync(join(fresh.dataDir, 'seat.json'))).toBe(false);

  // Back at the choice, the new clinic's form is one click away, with its own way back.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: /Set up a new clinic on this computer/ }).click();
  await expect(page.getByRole('heading', { name: 'Set up MedLink for your clinic' })).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'Set up MedLink on this computer' })).toBeVisible();
});

test.describe("with the clinic's database server", () => {
  test.skip(!postgresBin(), 'PostgreSQL is not installed (apt-get install postgresql)');

  test('down at launch: the window says so, retries by itself and recovers; lost mid-use: the screen says so and recovers', async ({ page }) => {
    test.setTimeout(120_000);
    // A commit must survive the stop in the middle of this test.
    const cluster = await startCluster(['-c synchronous_commit=on']);
    try {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query('create database medlink');
      await admin.end();
      cluster.halt('fast');
      const server = await startServer([], undefined, { MEDLINK_DATABASE_URL: `postgres://postgres@127.0.0.1:${cluster.port}/medlink` });
      try {
        await page.goto(`${server.app.url}/?portal=clinic`);
        await expect(page.getByRole('heading', { name: "MedLink cannot open the clinic's records" })).toBeVisible();
        await expect(page.getByRole('alert')).toContainText(`The clinic's database server at 127.0.0.1:${cluster.port} cannot be reached`);
        await expect(page.getByText(/Trying again in \d seconds?…/)).toBeVisible();
        await expect(page.getByRole('button', { name: 'Try again now' })).toBeFocused();

        cluster.restart();
        // No reload, no click: the window's own retries find the clinic, not yet set up on the server.
        await expect(page.getByRole('heading', { name: 'Set up MedLink for your clinic' })).toBeVisible({ timeout: 20_000 });
        await expect(page.getByText("This computer uses the clinic's database server, where no clinic is set up yet.")).toBeVisible();
        await page.getByLabel('Clinic name').fill('Lotus Clinic');
        await page.getByLabel('Clinic address').fill('22 Residency Road, Bengaluru 560025');
        await page.getByLabel('State or union territory').selectOption('Karnataka');
        await page.getByLabel('Full name').fill('Ravi Kumar');
        await page.getByLabel('Email address').fill('ravi@lotus.example');
        await page.getByLabel('Mobile number').fill('98450 12345');
        await page.getByLabel('Password', { exact: true }).fill('lotus clinic keys 2026');
        await page.getByLabel('Confirm password').fill('lotus clinic keys 2026');
        await page.getByRole('button', { name: 'Set up the clinic' }).click();
        const nav = page.getByRole('navigation', { name: 'Clinic sections' });
        await expect(nav.getByRole('button', { name: /Staff accounts/ })).toBeVisible();

        cluster.halt('fast');
        await nav.getByRole('button', { name: /Staff accounts/ }).click();
        const lost = page.getByText("The clinic's database server cannot be reached, so nothing can be loaded or saved until it answers again.");
        await expect(lost).toBeVisible();
        cluster.restart();
        await page.getByRole('button', { name: 'Try again now' }).click();
        await expect(lost).toBeHidden();
        // The screen that could not load asks again by itself.
        await expect(page.getByText('There are no front-desk accounts yet.')).toBeVisible();
      } finally {
        await stopServer(server);
      }
    } finally {
      cluster.stop();
    }
  });
});
