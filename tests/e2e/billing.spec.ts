import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { call, demoMail, expect, login, mailTo, signIn, test, type RunningApp } from './server';

const ZONE = 'Asia/Kolkata';
const clinicNow = () => new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
}).formatToParts(new Date());
const part = (type: string) => clinicNow().find((p) => p.type === type)!.value;


async function window(browser: Browser, app: RunningApp, portal: 'clinic' | 'patient', email: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, app, portal, email);
  return page;
}

// The server runs on the real clock: Priya is booked with Dr. Kavita Rao for today.
test.skip(Number(part('hour')) * 60 + Number(part('minute')) >= 23 * 60 + 25, 'no free time left today in the clinic’s zone');


test('a doctor bills a completed visit, the desk takes two payments, the patient opens the receipt and gets it by email', async ({ browser, demo, request }) => {
  test.setTimeout(120_000);
  const smtp = await demoMail(request, demo);
  try {
    const today = `${part('year')}-${part('month')}-${part('day')}`;
    const doctor = await login(request, demo, 'dr.rao@medlink.demo', 'clinic');
    const doctorId = (await call(request, demo, 'doctors.me', {}, doctor)).id;
    // Dr. Rao's hours today start at the next whole minute, at no notice: Priya books that first slot, and it
    // starts (a visit can be marked completed only once it has) within the minute.
    const hours = await call(request, demo, 'availability.get', {}, doctor);
    await call(request, demo, 'availability.save', { settings: { ...hours.settings, minNoticeMinutes: 0 }, weekly: hours.weekly }, doctor);
    const start = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start);
    await call(request, demo, 'availability.setException', { date: today, ranges: [{ start: hhmm, end: '23:59', modes: ['in_person', 'online'] }] }, doctor);
    const patient = await login(request, demo, 'priya@medlink.demo', 'patient');
    await call(request, demo, 'appointments.book', { doctorId, start: start.toISOString(), mode: 'in_person' }, patient);
    await new Promise((r) => setTimeout(r, Math.max(0, start.getTime() - Date.now()) + 1_000));

    // The doctor marks the visit completed and bills it from the schedule.
    const dr = await window(browser, demo, 'clinic', 'dr.rao@medlink.demo');
    await dr.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'My schedule' }).click();
    const visit = dr.getByRole('listitem').filter({ hasText: 'Priya Sharma' });
    await visit.getByRole('button', { name: /^Mark completed Priya Sharma/ }).click();
    await visit.getByRole('button', { name: /^Bill Priya Sharma/ }).click();
    await expect(dr.getByRole('heading', { name: 'Draft bill', level: 1 })).toBeVisible();
    await expect(dr.getByLabel('Description, line 1')).toHaveValue('Consultation (in person)');
    await expect(dr.getByLabel('Unit price in rupees, line 1')).toHaveValue('500');
    await dr.getByRole('button', { name: '+ Lab test (₹300.00)' }).click();
    await dr.getByLabel('Description, line 2').fill('Blood sugar (fasting)');
    await dr.getByLabel('Unit price in rupees, line 2').fill('abc');
    await dr.getByRole('button', { name: 'Save draft' }).click();
    await expect(dr.getByText('Enter an amount in rupees, for example 500 or 1,250.50.')).toBeVisible();
    await dr.getByLabel('Unit price in rupees, line 2').fill('250');
    // 18% GST on every category (the clinic's default), CGST and SGST for a patient in Maharashtra.
    await expect(dr.getByText('CGST @ 9%')).toBeVisible();
    await expect(dr.locator('.bill-totals__total')).toContainText('₹885.00');
    await dr.getByRole('button', { name: 'Issue bill' }).click();
    const confirm = dr.getByRole('dialog', { name: 'Issue this bill?' });
    await expect(confirm).toContainText('The bill for Priya Sharma comes to ₹885.00.');
    await confirm.getByRole('button', { name: 'Issue bill' }).click();
    await expect(dr.getByText(/^Bill ML\/\d{4}-\d{2}\/000001 is issued\./)).toBeVisible();
    const number = (await dr.getByRole('heading', { level: 1 }).innerText()).replace('Bill ', '');
    await expect(dr.getByLabel('Description, line 1')).toHaveCount(0);

    // The front desk finds it among the bills with a balance and takes part by UPI, then the rest in cash.
    const desk = await window(browser, demo, 'clinic', 'desk@medlink.demo');
    await desk.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Bills' }).click();
    await desk.getByLabel('Show').selectOption({ label: 'Balance due' });
    const row = desk.getByRole('row').filter({ hasText: number });
    await expect(row).toContainText('Priya Sharma');
    await expect(row).toContainText('₹885.00');
    await row.getByRole('button', { name: `Open ${number}` }).click();
    await expect(desk.getByLabel('Amount (₹)')).toHaveValue('885');
    await desk.getByLabel('Method').selectOption({ label: 'UPI' });
    await desk.getByLabel('Amount (₹)').fill('300');
    await desk.getByRole('button', { name: 'Record payment' }).click();
    await expect(desk.getByText('Enter the reference of the card slip or UPI transaction.')).toBeVisible();
    await desk.getByLabel('UPI transaction reference').fill('UPI-604512');
    await desk.getByRole('button', { name: 'Record payment' }).click();
    await expect(desk.getByText('₹300.00 received. ₹585.00 is still due.')).toBeVisible();
    await expect(desk.getByLabel('Amount (₹)')).toHaveValue('585');
    await desk.getByLabel('Method').selectOption({ label: 'Cash' });
    await desk.getByRole('button', { name: 'Record payment' }).click();
    await expect(desk.getByText('₹585.00 received. The bill is paid in full.')).toBeVisible();
    await expect(desk.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
    await desk.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Collections' }).click();
    const collections = desk.getByRole('table', { name: /^Collections on/ });
    await expect(collections.getByRole('row').filter({ hasText: 'Cash' })).toContainText('₹585.00');
    await expect(collections.getByRole('row').filter({ hasText: 'UPI' })).toContainText('₹300.00');

    // The patient sees the bill as paid, opens the receipt in the window and saves it.
    const priya = await window(browser, demo, 'patient', 'priya@medlink.demo');
    await priya.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My bills' }).click();
    const mine = priya.getByRole('row').filter({ hasText: number });
    await expect(mine).toContainText('Paid');
    await mine.getByRole('button', { name: `View receipt ${number}` }).click();
    const preview = priya.getByRole('dialog', { name: `Receipt ${number}` });
    await expect(preview.getByRole('img', { name: 'Page 1 of 1' })).toBeVisible();
    await expect(preview.getByRole('button', { name: 'Print' })).toBeEnabled();
    await preview.getByRole('button', { name: 'Close' }).click();
    const [download] = await Promise.all([priya.waitForEvent('download'), mine.getByRole('button', { name: `Save receipt ${number}` }).click()]);
    expect(download.suggestedFilename()).toBe(`Receipt-${number.replace(/\//g, '-')}.pdf`);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    // The email with the receipt as issued arrived on the clinic's mail server.
    const mail = await mailTo(smtp, 'priya@medlink.demo', new RegExp(`^Your bill ${number.replace(/\//g, '\\/')} from Sunrise Clinic$`));
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`Receipt-${number.replace(/\//g, '-')}.pdf`, 'application/pdf']]);
    expect(Buffer.from(mail.attachments[0]!.content).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await smtp.stop();
  }
});

test('the administrator adds a health check, a patient orders it and the front desk confirms it', async ({ browser, demo }) => {
  const admin = await window(browser, demo, 'clinic', 'admin@medlink.demo');
  await admin.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Health services' }).click();
  await expect(admin.getByText('No services yet. Add the first one below.')).toBeVisible();
  const form = admin.getByRole('form', { name: 'Add a service' });
  await form.getByLabel('Name').fill('Full body check-up');
  await form.getByLabel('Kind').selectOption({ label: 'Health check package' });
  await form.getByLabel('Description for patients').fill('Blood sugar, lipids, liver and kidney tests; 12 hours fasting.');
  await form.getByLabel('Price (₹)').fill('2,499');
  await form.getByLabel('Billed as').selectOption({ label: 'Lab test' });
  await form.getByRole('button', { name: 'Add service' }).click();
  await expect(admin.getByText('Full body check-up is added.')).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: 'Full body check-up' })).toContainText('₹2,499.00');

  // The patient asks the health assistant what the clinic offers, and goes from its answer to order.
  const priya = await window(browser, demo, 'patient', 'priya@medlink.demo');
  await priya.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Health assistant' }).click();
  await priya.getByLabel('Your question').fill('What health services do you offer?');
  await priya.getByLabel('Your question').press('Enter');
  const answer = priya.getByRole('log', { name: 'Conversation' }).locator(':scope > li').last();
  await expect(answer).toContainText('Health services you can order');
  await expect(answer).toContainText('Full body check-up (Health check package): ₹2,499.00');
  await answer.getByRole('button', { name: 'Order a health service' }).click();
  await expect(priya.getByText('You have not ordered any service yet.')).toBeVisible();
  await priya.getByRole('button', { name: 'Order Full body check-up' }).click();
  const order = priya.getByRole('dialog', { name: 'Order Full body check-up' });
  await expect(order).toContainText('Price: ₹2,499.00, paid at the clinic.');
  await order.getByLabel('Note for the clinic (optional)').fill('Saturday morning, please.');
  await order.getByRole('button', { name: 'Place order' }).click();
  await expect(priya.getByText(/^Full body check-up is ordered \(order no\. \d+\)/)).toBeVisible();
  const card = priya.getByRole('article', { name: 'Full body check-up' }).filter({ hasText: 'Order no.' });
  await expect(card).toContainText('Requested');

  const desk = await window(browser, demo, 'clinic', 'desk@medlink.demo');
  await desk.getByRole('navigation', { name: 'Clinic sections' }).getByRole('button', { name: 'Service orders' }).click();
  const row = desk.getByRole('row').filter({ hasText: 'Priya Sharma' });
  await expect(row).toContainText('Saturday morning, please.');
  await row.getByRole('button', { name: 'Confirm Full body check-up for Priya Sharma' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Confirm Full body check-up for Priya Sharma' });
  await dialog.getByLabel('Date').fill('2030-01-05');
  await dialog.getByRole('button', { name: 'Confirm order' }).click();
  await expect(desk.getByText('Full body check-up for Priya Sharma is confirmed for Saturday, 5 January 2030.')).toBeVisible();
  await expect(row).toContainText('Confirmed');

  await priya.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Health services' }).click();
  await expect(card).toContainText('Confirmed');
  await expect(card).toContainText('Saturday, 5 January 2030');
  await card.getByText('History').click();
  await expect(card.getByRole('listitem')).toHaveText([/Ordered · Priya Sharma/, /Confirmed for 5 Jan 2030 · Sunita Pawar/]);
});
