import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { keyConnection } from '../../electron/core/db/sqlite-cipher';
import { databaseKey } from '../../electron/core/secrets/database-key';
import { seatKeyFile } from '../../electron/core/secrets/seat-key';
import type { Page } from '@playwright/test';
import { call, DEMO_PASSWORD, expect, keyFileOf, login, signIn, startServer, stopServer, test } from './server';

function backupFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'medlink-e2e-backups-'));
  test.info().attach('backup folder', { body: folder });
  return folder;
}

test('the administrator backs up now, sees it in the history, and restores it', async ({ demo, page }) => {
  const folder = backupFolder();
  try {
    await signIn(page, demo, 'clinic', 'admin@medlink.demo');
    await page.getByRole('navigation').getByRole('button', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
    await expect(page.getByText('No backup has been made yet.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();

    const folderField = page.getByRole('textbox', { name: 'Backup folder' });
    await folderField.fill('backups');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Write the folder’s full path, from / (or a drive letter such as E:\\).')).toBeVisible();
    await folderField.fill(join(folder, 'not-there'));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('The backup folder is not there. Connect the drive or choose another folder.')).toBeVisible();
    await folderField.fill(folder);
    await page.getByLabel('Daily backup at').selectOption('13:30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Backup settings saved.')).toBeVisible();

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('The backup was written and checked.')).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history.getByRole('row').nth(1)).toContainText('Asked for');
    await expect(history.getByRole('row').nth(1)).toContainText('Written and checked');
    const [set] = readdirSync(folder);
    expect(set).toMatch(/^medlink-backup-/);
    await expect(page.getByRole('region', { name: 'Last good backup' })).toContainText(join(folder, set!));

    // Restoring it: what it holds first, then the clinic starts again on it and everyone signs in again.
    const sets = page.getByRole('region', { name: 'Restore from a backup' });
    await expect(sets).toContainText('Patients 3, doctors 5');
    await sets.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toContainText('MedLink 0.1.0');
    await dialog.getByRole('button', { name: 'Check and restore' }).click();
    await expect(page.getByText(/The backup was checked and is being restored\. The clinic that was here is kept in .*before-restore-/)).toBeVisible();
    await expect.poll(() => readdirSync(demo.dataDir).some((n) => n.startsWith('before-restore-'))).toBe(true);
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await signIn(page, demo, 'clinic', 'admin@medlink.demo');
    await page.getByRole('navigation').getByRole('button', { name: 'Audit log' }).click();
    await expect(page.getByRole('cell', { name: 'Clinic restored from a backup' })).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('every staff window warns when the last good backup is more than two days old', async ({ page, request }) => {
  const folder = backupFolder();
  let server = await startServer(['--demo']);
  const dataDir = server.app.dataDir;
  try {
    const admin = await login(request, server.app, 'admin@medlink.demo', 'clinic');
    await call(request, server.app, 'backup.saveSettings', { folder, time: '18:00' }, admin);
    await call(request, server.app, 'backup.start', {}, admin);
    await expect.poll(async () => (await call(request, server.app, 'backup.status', {}, admin)).history.length).toBe(1);
    await signIn(page, server.app, 'clinic', 'desk@medlink.demo');
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(page.getByText(/last good backup/)).toHaveCount(0);

    // Three days on, as far as the clinic's history knows.
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    const raw = new SQLite(join(dataDir, 'medlink.sqlite'));
    keyConnection(raw, databaseKey(seatKeyFile(keyFileOf(dataDir)).read()!));
    raw.prepare('update backups set started_at = ?').run(new Date(Date.now() - 3 * 86_400_000).toISOString());
    raw.close();
    // The backup drive is gone too, so the daily backup MedLink tries at its start fails (and is in the history).
    rmSync(folder, { recursive: true, force: true });
    server = await startServer([], dataDir);

    await signIn(page, server.app, 'clinic', 'desk@medlink.demo');
    await expect(page.getByRole('alert')).toContainText('The last good backup of the clinic is more than two days old.');
    await signIn(page, server.app, 'clinic', 'dr.mehta@medlink.demo');
    await expect(page.getByRole('alert')).toContainText('The last good backup of the clinic is more than two days old.');
  } finally {
    await stopServer(server);
    rmSync(folder, { recursive: true, force: true });
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  }
});

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('a new computer takes the clinic from a backup on its first run, and signs in', async ({ fresh, page, request }) => {
  test.setTimeout(120_000);
  const folder = backupFolder();
  // The clinic's old computer: the demo clinic backs itself up, its administrator notes the recovery code; then it is gone.
  const old = await startServer(['--demo']);
  let code: string;
  try {
    const admin = await login(request, old.app, 'admin@medlink.demo', 'clinic');
    await call(request, old.app, 'backup.saveSettings', { folder, time: '18:00' }, admin);
    await call(request, old.app, 'backup.start', {}, admin);
    await expect.poll(async () => (await call(request, old.app, 'backup.status', {}, admin)).history[0]?.setName ?? null).toMatch(/^medlink-backup-/);
    code = (await call<{ recoveryCode: string }>(request, old.app, 'clinicKey.recoveryCode', { password: DEMO_PASSWORD }, admin)).recoveryCode;
  } finally {
    await stopServer(old);
  }
  const [set] = readdirSync(folder);
  // A copy with one byte flipped, in a folder of its own.
  const damaged = join(folder, 'damaged');
  mkdirSync(damaged);
  execFileSync('cp', ['-a', join(folder, set!), damaged]);
  const db = readFileSync(join(damaged, set!, 'medlink.sqlite'));
  db[4096] = db[4096]! ^ 1;
  writeFileSync(join(damaged, set!, 'medlink.sqlite'), db);

  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${fresh.url}/?portal=clinic`);
    await expect(page.getByRole('heading', { name: 'Set up MedLink on this computer' })).toBeVisible();
    await shot(page, 'first-run-choice-1280-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('header select').selectOption('hi');
    await expect(page.getByRole('heading', { name: 'इस कंप्यूटर पर MedLink सेट करें' })).toBeVisible();
    await shot(page, 'first-run-choice-390-hi');
    await page.locator('header select').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: /Restore a clinic from a backup/ }).click();
    await expect(page.getByRole('heading', { name: 'Restore a clinic from a backup', level: 1 })).toBeVisible();

    const path = page.getByRole('textbox', { name: 'Backup folder' });
    await path.fill(join(folder, 'not-there'));
    await page.getByRole('button', { name: 'Look for backups' }).click();
    await expect(page.getByText('The backup folder is not there. Connect the drive or choose another folder.')).toBeVisible();

    // The damaged copy: listed by its manifest, refused once read through, and nothing changes.
    await path.fill(damaged);
    await page.getByRole('button', { name: 'Look for backups' }).click();
    await page.getByRole('region', { name: `Backups in ${damaged}` }).getByRole('button', { name: 'Restore…' }).click();
    const chosen = page.getByRole('region', { name: 'Restore this backup' });
    await chosen.getByLabel('Recovery code').fill(code);
    await chosen.getByRole('button', { name: 'Check and restore' }).click();
    await expect(chosen.getByText('A part of the backup has been damaged or changed since it was written. It cannot be restored.')).toBeVisible();

    await path.fill(folder);
    await page.getByRole('button', { name: 'Look for backups' }).click();
    const sets = page.getByRole('region', { name: `Backups in ${folder}` });
    await expect(sets.getByRole('row')).toHaveCount(2);
    await expect(sets).toContainText('Patients 3, doctors 5');
    await sets.getByRole('button', { name: 'Restore…' }).click();
    await expect(chosen).toContainText('MedLink 0.1.0');
    // Another clinic's code opens nothing.
    await chosen.getByLabel('Recovery code').fill('ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789-ABCD-EFGH-JKLM-NPQR-STUV-WXYZ');
    await chosen.getByRole('button', { name: 'Check and restore' }).click();
    await expect(chosen.getByText(/This code has a typing mistake|belongs to another clinic/)).toBeVisible();
    await chosen.getByLabel('Recovery code').fill(code);
    await shot(page, 'first-run-restore-1280-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'first-run-restore-390-en');
    await page.locator('header select').selectOption('hi');
    await expect(page.getByRole('heading', { name: 'बैकअप से क्लिनिक बहाल करें', level: 1 })).toBeVisible();
    await shot(page, 'first-run-restore-390-hi');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'first-run-restore-1280-hi');
    await page.locator('header select').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Restore a clinic from a backup', level: 1 })).toBeVisible();

    await chosen.getByRole('button', { name: 'Check and restore' }).click();
    // MedLink starts on the restored clinic: the window offers sign-in, and the clinic's own accounts work.
    await expect(page.getByLabel('Email address')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('banner')).toContainText('Sunrise');
    expect(readdirSync(fresh.dataDir).filter((n) => n.startsWith('before-restore-'))).toEqual([]);
    await page.getByLabel('Email address').fill('admin@medlink.demo');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Audit log' }).click();
    await expect(page.getByRole('cell', { name: 'Clinic restored from a backup' })).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
