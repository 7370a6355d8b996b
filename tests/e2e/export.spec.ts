import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import type { PatientExport } from '../../shared/contract';
import { readPdf } from '../helpers/pdf';
import { call, expect, login, signIn, test } from './server';

// A patient downloads everything the clinic holds about them, and a family member's, from their profile; the front
// desk does it for a patient who asks. Each download is opened as the ZIP it is.

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

async function opened(download: Download) {
  const entries = unzipSync(readFileSync((await download.path())!));
  const json = JSON.parse(Buffer.from(entries['medlink-export.json']!).toString('utf8')) as PatientExport;
  const summary = (await readPdf(entries['summary.pdf']!)).pages.flatMap((p) => p.lines).join('\n');
  return { entries, json, summary };
}

test('a patient downloads their own export and a family member\'s; the desk exports a patient\'s, in the audit log', async ({ page, browser, demo }) => {
  test.setTimeout(120_000);
  // Priya's lab report, uploaded as the records screen does (chunk by chunk), and her son on her account.
  const priya = await login(page.request, demo, 'priya@medlink.demo', 'patient');
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 200]).drawText('Haemoglobin 12.9 g/dL', { x: 20, y: 100, size: 12 });
  const report = Buffer.from(await pdf.save());
  const { uploadId } = await call<{ uploadId: string }>(page.request, demo, 'uploads.begin', { purpose: 'record', name: 'cbc.pdf', size: report.length }, priya);
  await call(page.request, demo, 'uploads.chunk', { uploadId, index: 0, base64: report.toString('base64') }, priya);
  await call(page.request, demo, 'records.add', { uploadId, title: 'Complete blood count', category: 'lab_report', recordDate: '2026-02-20' }, priya);
  await call(page.request, demo, 'family.add', { fullName: 'Aarav Sharma', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male' }, priya);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  const menu = page.getByRole('navigation', { name: 'Patient menu' });
  await menu.getByRole('button', { name: 'My profile' }).click();
  const yours = page.getByRole('region', { name: 'Your data' });
  await expect(yours).toContainText('summary.pdf');
  const [download] = await Promise.all([page.waitForEvent('download'), yours.getByRole('button', { name: 'Export my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^medlink-export-\d+-\d{4}-\d\d-\d\d\.zip$/);
  await expect(yours.getByRole('status')).toContainText(`${download.suggestedFilename()} has been saved`);
  const mine = await opened(download);
  expect(mine.json.patient.fullName).toBe('Priya Sharma');
  const record = mine.json.records.find((r) => r.title === 'Complete blood count')!;
  expect(Buffer.from(mine.entries[record.file!]!).equals(report)).toBe(true);
  expect(Object.keys(mine.entries).sort()).toEqual(['medlink-export.json', ...mine.json.files.map((f) => f.path)].sort());
  expect(mine.summary).toContain('Priya Sharma');
  expect(mine.summary).toContain('Complete blood count');
  await yours.scrollIntoViewIfNeeded();
  await shot(page, 'export-profile-1280-en');

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'export-profile-390-en');
  await page.getByLabel('Language').selectOption('hi');
  await expect(page.getByRole('region', { name: 'आपका डेटा' }).getByRole('button', { name: 'मेरा डेटा निर्यात करें' })).toBeVisible();
  await shot(page, 'export-profile-390-hi');
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, 'export-profile-1280-hi');
  await page.getByLabel('भाषा').selectOption('en');

  // The son's data, from the family page.
  await menu.getByRole('button', { name: 'My family' }).click();
  const [son] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data Aarav Sharma' }).click()]);
  const his = await opened(son);
  expect(his.json.patient).toMatchObject({ fullName: 'Aarav Sharma', accountHolder: 'Priya Sharma' });
  expect(his.json.records).toEqual([]);
  await shot(page, 'export-family-1280-en');

  // The front desk, for Priya at the counter.
  const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(desk, demo, 'clinic', 'desk@medlink.demo');
  await desk.getByRole('button', { name: 'Find a patient' }).click();
  await desk.getByLabel('Name, mobile number or email').fill('Priya');
  await desk.getByRole('button', { name: 'Search' }).click();
  await desk.getByRole('button', { name: 'Open the record of Priya Sharma' }).click();
  const theirs = desk.getByRole('region', { name: "The patient's data" });
  const [forPriya] = await Promise.all([desk.waitForEvent('download'), theirs.getByRole('button', { name: "Export this patient's data" }).click()]);
  const given = await opened(forPriya);
  expect(given.json.exportedBy).toBe('Sunita Pawar');
  expect(given.json.auditLog[0]).toMatchObject({ action: 'patient.exported', by: 'Sunita Pawar' });
  await theirs.scrollIntoViewIfNeeded();
  await shot(desk, 'export-desk-1280-en');
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.getByLabel('Language').selectOption('hi');
  await expect(desk.getByRole('region', { name: 'मरीज़ का डेटा' })).toBeVisible();
  await shot(desk, 'export-desk-390-hi');
  await desk.close();

  // Priya sees the desk's export among who looked at her data.
  await page.getByLabel('Language').selectOption('en');
  await menu.getByRole('button', { name: 'My records' }).click();
  await expect(page.getByRole('table', { name: 'Who opened your records' }).getByRole('row').filter({ hasText: 'Exported all of your data as a ZIP' })).toContainText('Sunita Pawar (front desk)');
});
