import type { APIRequestContext } from '@playwright/test';
import { startGoogleFake } from '../helpers/google-fake';
import { DEMO_PASSWORD, expect, signIn, startServer, stopServer, test, type RunningApp } from './server';
test.describe.configure({ timeout: 300_000 });
async function api<T>(request: APIRequestContext, app: RunningApp, channel: string, input: unknown, token?: string): Promise<T> {
  const res = await request.post(`${app.url}/api/invoke`, { data: { channel, input }, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}
const token = async (r: APIRequestContext, app: RunningApp, email: string, portal: 'clinic' | 'patient') => (await api<{ token: string }>(r, app, 'auth.login', { email, password: DEMO_PASSWORD, portal })).token;
test('shots', async ({ page, browser }) => {
  const google = await startGoogleFake();
  const server = await startServer(['--demo'], undefined, { MEDLINK_GOOGLE_FAKE: google.base });
  const app = server.app;
  try {
    const admin = await token(page.request, app, 'admin@medlink.demo', 'clinic');
    const mehta = await token(page.request, app, 'dr.mehta@medlink.demo', 'clinic');
    await api(page.request, app, 'availability.save', { settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 30 },
      weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '23:30', modes: ['in_person', 'online'] }] })) }, mehta);
    // An appointment starting within 15 minutes (Join active) without Google: Jitsi.
    const priya = await token(page.request, app, 'priya@medlink.demo', 'patient');
    const doctors = await api<{ id: number }[]>(page.request, app, 'doctors.search', { speciality: 'cardiology' }, priya);
    const slots = await api<{ start: string; modes: string[] }[]>(page.request, app, 'doctors.slots', { doctorId: doctors[0]!.id, fromDate: new Date().toISOString().slice(0,10), toDate: new Date(Date.now()+86400000*2).toISOString().slice(0,10) }, priya);
    const soon = slots.find((s) => Date.parse(s.start) > Date.now() + 5 * 60000)!;
    await api(page.request, app, 'appointments.book', { doctorId: doctors[0]!.id, start: soon.start, mode: 'online' }, priya);
    for (const [w, lang] of [[1280, 'en'], [800, 'en'], [390, 'en'], [1280, 'hi'], [390, 'hi']] as const) {
      const p = await browser.newPage({ viewport: { width: w, height: 900 } });
      await signIn(p, app, 'clinic', 'admin@medlink.demo');
      if (lang === 'hi') await p.getByRole('combobox').first().selectOption('hi');
      await p.getByRole('navigation').getByRole('button', { name: lang === 'hi' ? 'वीडियो परामर्श' : 'Video consultations' }).click();
      await p.waitForTimeout(500);
      await p.screenshot({ path: `/tmp/video-shots/admin-video-${lang}-${w}.png`, fullPage: true });
      await p.close();
    }
    // Save client and connect, then patient & doctor views.
    await page.setViewportSize({ width: 1280, height: 900 });
    await api(page.request, app, 'video.saveSettings', { clientId: google.client.id, clientSecret: google.client.secret, jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 }, admin);
    await signIn(page, app, 'clinic', 'admin@medlink.demo');
    await page.getByRole('navigation').getByRole('button', { name: 'Video consultations' }).click();
    await page.getByRole('button', { name: 'Connect Google' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/video-shots/admin-waiting.png`, fullPage: true });
    const p2 = page.context().waitForEvent('page');
    await page.getByRole('link', { name: 'Open Google to allow access' }).click();
    const g = await p2; await g.getByRole('link', { name: 'Allow' }).click(); await g.waitForTimeout(500);
    await g.screenshot({ path: `/tmp/video-shots/google-done.png` }); await g.close();
    await expect(page.getByText('Connected by')).toBeVisible();
    await page.screenshot({ path: `/tmp/video-shots/admin-connected.png`, fullPage: true });
    google.revokeAll();
    const arjun = await token(page.request, app, 'arjun@medlink.demo', 'patient');
    const later = slots.find((s) => Date.parse(s.start) > Date.now() + 26 * 3600000)!;
    await api(page.request, app, 'appointments.book', { doctorId: doctors[0]!.id, start: later.start, mode: 'online' }, arjun);
    await page.waitForTimeout(7000);
    await page.getByRole('navigation').getByRole('button', { name: 'Mail queue' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Video consultations' }).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/video-shots/admin-broken.png`, fullPage: true });
    for (const w of [1280, 390]) {
      const p = await browser.newPage({ viewport: { width: w, height: 900 } });
      await signIn(p, app, 'patient', 'priya@medlink.demo');
      await p.getByRole('button', { name: 'My appointments' }).first().click();
      await p.waitForTimeout(800);
      await p.screenshot({ path: `/tmp/video-shots/patient-${w}.png`, fullPage: true });
      const d = await browser.newPage({ viewport: { width: w, height: 900 } });
      await signIn(d, app, 'clinic', 'dr.mehta@medlink.demo');
      await d.getByRole('navigation').getByRole('button', { name: 'Schedule' }).click();
      await d.waitForTimeout(800);
      await d.screenshot({ path: `/tmp/video-shots/doctor-${w}.png`, fullPage: true });
      if (w === 1280) {
        await d.getByRole('button', { name: 'Use my own link' }).first().click();
        await d.getByLabel('Your meeting link').fill('https://evil.example/x');
        await d.getByRole('button', { name: 'Use this link' }).click();
        await d.waitForTimeout(500);
        await d.screenshot({ path: `/tmp/video-shots/doctor-own-error.png`, fullPage: true });
        await d.getByRole('navigation').getByRole('button', { name: 'My Google Calendar' }).click();
        await d.waitForTimeout(500);
        await d.screenshot({ path: `/tmp/video-shots/doctor-calendar.png`, fullPage: true });
      }
    }
  } finally {
    await stopServer(server);
    await google.stop();
  }
});
