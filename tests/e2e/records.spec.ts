import { writeFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { DEMO_PASSWORD, expect, signIn, test, type RunningApp } from './server';

// A patient uploads two lab reports (one carrying JavaScript), previews one, shares it; the doctor opens it from
// the schedule and writes a prescription; the patient sees the prescription and, in the access list, the doctor.

const ZONE = 'Asia/Kolkata';
const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));

async function call<T>(request: APIRequestContext, app: RunningApp, channel: string, input: unknown, token?: string): Promise<T> {
  const res = await request.post(`${app.url}/api/invoke`, { data: { channel, input }, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  expect(body.ok, `${channel}: ${body.error?.message}`).toBe(true);
  return body.data;
}
const login = (request: APIRequestContext, app: RunningApp, email: string, portal: 'patient' | 'clinic') =>
  call<{ token: string }>(request, app, 'auth.login', { email, password: DEMO_PASSWORD, portal }).then((r) => r.token);

/** A lab report as a one-page PDF; `script` adds an OpenAction a reader with scripting would run on opening. */
async function labReport(path: string, text: string, script?: string) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([420, 300]);
  page.drawText('Sunrise Diagnostics', { x: 30, y: 250, size: 18 });
  page.drawText(text, { x: 30, y: 210, size: 12 });
  if (script) pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(script) })));
  writeFileSync(path, await pdf.save());
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('records from upload to prescription: preview, share, the doctor\'s look, and the patient\'s access list', async ({ page, browser, demo }) => {
  test.setTimeout(120_000);
  // Dr. Mehta sees patients all day with no notice, so Priya can book a visit starting within the quarter hour.
  const doctorToken = await login(page.request, demo, 'dr.mehta@medlink.demo', 'clinic');
  await call(page.request, demo, 'availability.save', {
    settings: { slotMinutes: 15, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 },
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '23:55', modes: ['in_person', 'online'] }] })),
  }, doctorToken);
  const { id: doctorId } = await call<{ id: number }>(page.request, demo, 'doctors.me', {}, doctorToken);
  const priya = await login(page.request, demo, 'priya@medlink.demo', 'patient');
  const today = dayIn(Date.now());
  const slots = await call<{ start: string; date: string }[]>(page.request, demo, 'doctors.slots', { doctorId, fromDate: today, toDate: dayIn(Date.now() + 86_400_000) }, priya);
  await call(page.request, demo, 'appointments.book', { doctorId, start: slots[0]!.start, mode: 'in_person', reason: 'Review of blood tests' }, priya);

  const cbc = test.info().outputPath('cbc-march.pdf');
  const lipids = test.info().outputPath('lipid-profile.pdf');
  await labReport(cbc, 'Haemoglobin 13.2 g/dL   WBC 7,400 /uL   Platelets 2.6 lakh /uL');
  await labReport(lipids, 'LDL 96 mg/dL   HDL 52 mg/dL   Triglycerides 140 mg/dL', "app.alert('MedLink ran this document\\'s script')");

  // The patient uploads both at once, each with its progress bar.
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My records' }).click();
  await expect(page.getByText('You have no records yet.')).toBeVisible();
  await page.getByLabel('Choose files').setInputFiles([cbc, lipids]);
  await expect(page.getByLabel('Title for cbc-march.pdf')).toHaveValue('cbc march');
  await page.getByLabel('Title for cbc-march.pdf').fill('Complete blood count');
  await page.getByLabel('Title for lipid-profile.pdf').fill('Lipid profile');
  await page.getByLabel('Category').first().selectOption({ label: 'Lab report' });
  await shot(page, 'patient-upload-chosen');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  for (const name of ['cbc-march.pdf', 'lipid-profile.pdf']) {
    await expect(page.getByRole('progressbar', { name: `Upload of ${name}` })).toHaveAttribute('value', '1');
  }
  await expect(page.getByText('Uploaded', { exact: true })).toHaveCount(2);
  const list = page.getByRole('table', { name: 'Your records' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await shot(page, 'patient-records');

  // The one with a script previews like any other: drawn, and its script never runs.
  await list.getByRole('button', { name: 'Lipid profile (open)' }).click();
  const preview = page.getByRole('dialog', { name: 'Lipid profile' });
  await expect(preview.getByRole('img', { name: 'Page 1 of 1' })).toBeVisible();
  await shot(page, 'patient-preview-pdf');
  await preview.getByRole('button', { name: 'Close' }).click();
  expect(dialogs).toEqual([]);

  // Shared with Dr. Mehta.
  await list.getByRole('button', { name: 'Share… Complete blood count' }).click();
  const share = page.getByRole('dialog', { name: 'Share “Complete blood count”' });
  await share.getByLabel('Share with').selectOption({ label: 'Dr. Rohan Mehta' });
  await share.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(share.getByRole('button', { name: 'Stop sharing Dr. Rohan Mehta' })).toBeVisible();
  await share.getByRole('button', { name: 'Close' }).click();
  await expect(list.getByRole('row', { name: /Complete blood count/ })).toContainText('Dr. Rohan Mehta');

  // The doctor, from the schedule: checks Priya in, opens her records and the shared report, writes a prescription.
  const clinic = await browser.newPage();
  await signIn(clinic, demo, 'clinic', 'dr.mehta@medlink.demo');
  await clinic.getByRole('button', { name: 'Schedule' }).click();
  const visit = clinic.getByRole('listitem').filter({ has: clinic.getByRole('heading', { name: 'Priya Sharma' }) });
  await visit.getByRole('button', { name: /^Check in/ }).click();
  await visit.getByRole('button', { name: /^Patient's records/ }).click();
  await expect(clinic.getByRole('heading', { name: 'Records of Priya Sharma' })).toBeVisible();
  await clinic.getByRole('button', { name: 'Complete blood count (open)' }).click();
  await expect(clinic.getByRole('dialog', { name: 'Complete blood count' }).getByRole('img', { name: 'Page 1 of 1' })).toBeVisible();
  await shot(clinic, 'doctor-chart-preview');
  await clinic.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await clinic.getByRole('button', { name: 'Back' }).click();

  await clinic.getByRole('listitem').filter({ has: clinic.getByRole('heading', { name: 'Priya Sharma' }) }).getByRole('button', { name: /^Notes and prescription/ }).click();
  await clinic.getByLabel('Consultation notes').fill('Blood counts normal. Lipids borderline: diet advice given.');
  await clinic.getByRole('button', { name: 'Add a medicine' }).click();
  const medicine = clinic.getByRole('group', { name: 'Medicine 1' });
  await medicine.getByLabel('Medicine', { exact: true }).fill('Atorvastatin');
  await medicine.getByLabel('Strength').fill('10 mg');
  await medicine.getByLabel('Dose').fill('1 tablet');
  await medicine.getByLabel('How often').fill('Once a day at night');
  await medicine.getByLabel('For how long').fill('3 months');
  await medicine.getByLabel('Instructions').fill('Repeat lipid profile after 3 months');
  await clinic.getByRole('button', { name: 'Save notes and prescription' }).click();
  await expect(clinic.getByText('Saved. The patient can see the notes and the prescription now.')).toBeVisible();
  await shot(clinic, 'doctor-prescription');

  // The patient sees the notes, the prescription and its PDF, and who opened her records.
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Notes and prescriptions' }).click();
  await expect(page.getByText('Blood counts normal. Lipids borderline: diet advice given.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Atorvastatin' })).toBeVisible();
  await page.getByRole('button', { name: 'Prescription (PDF)' }).click();
  await expect(page.getByRole('dialog', { name: /^Prescription for booking/ }).getByRole('img', { name: 'Page 1 of 1' })).toBeVisible();
  await shot(page, 'patient-prescription-pdf');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My records' }).click();
  const access = page.getByRole('table', { name: 'Who opened your records' });
  await expect(access.getByRole('row', { name: /Dr\. Rohan Mehta \(doctor\).*Opened a record/ })).toBeVisible();
  await expect(access.getByRole('row', { name: /Dr\. Rohan Mehta \(doctor\).*Looked at your records/ })).toBeVisible();
  await shot(page, 'patient-access-list');
  expect(dialogs).toEqual([]);
});
