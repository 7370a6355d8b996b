import { expect, signIn, test } from './server';

test('the served page carries a strict CSP and is never cached', async ({ page, fresh }) => {
  const response = await page.goto(`${fresh.url}/?portal=patient`);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['cache-control']).toBe('no-store');
  const api = await page.request.post(`${fresh.url}/api/invoke`, { data: { channel: 'setup.status', input: {} } });
  expect(api.headers()['cache-control']).toBe('no-store');
});

test('five wrong passwords lock the address with the same message, account or not', async ({ page, demo }) => {
  for (const email of ['priya@medlink.demo', 'nobody@medlink.demo']) {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, demo, 'patient', email, 'wrong-password-123');
      await expect(page.getByRole('alert')).toHaveText('The email address or password is not right.');
    }
    await signIn(page, demo, 'patient', email, 'wrong-password-123');
    await expect(page.getByRole('alert')).toHaveText('Too many failed sign-in attempts. This email address is locked for 15 minutes.');
  }
  // Locked: even the right password is refused.
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await expect(page.getByRole('alert')).toContainText('locked for 15 minutes');
});
