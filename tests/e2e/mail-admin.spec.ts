import { loopbackSmtpServer } from '../helpers/smtp-server';
import { expect, signIn, test } from './server';

const SMTP_LOGIN = { user: 'reception@sunrise.example', pass: 'smtp-secret-2026' };

test('mail waits for a server; the administrator sets one up, a test message fails, is retried and arrives', async ({ page, demo }) => {
  // Down until the test message has failed once, so that the retry is what delivers it.
  const smtp = await loopbackSmtpServer({ listen: false, auth: SMTP_LOGIN });
  try {
    await signIn(page, demo, 'clinic', 'admin@medlink.demo');
    const nav = page.getByRole('navigation', { name: 'Clinic sections' });

    // The demo's four approved doctors were each sent an email, which waits: no server is set up.
    await nav.getByRole('button', { name: 'Mail queue' }).click();
    await expect(page.getByText('4 messages are waiting because no mail server is set up.')).toBeVisible();
    const queue = page.getByRole('table', { name: 'Emails, newest first' });
    await expect(queue.getByRole('row').filter({ hasText: 'dr.mehta@medlink.demo' })).toContainText('Goes out once a mail server is set up');

    await page.getByRole('button', { name: 'Set up email' }).click();
    await expect(page.getByRole('heading', { name: 'Email settings', level: 1 })).toBeVisible();
    await expect(page.getByText('Not set up', { exact: true })).toBeVisible();

    // Bad input: each field says what is wrong, and nothing is saved.
    await page.getByLabel('Server name').fill('smtp://x');
    await page.getByLabel('Port').fill('70000');
    await page.getByLabel('Sender address').fill('reception@sunrise.example');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText("Enter only the server's name, like smtp.example.in, without smtp:// or a port.")).toBeVisible();
    await expect(page.getByText('Enter a port number from 1 to 65535.')).toBeVisible();
    await nav.getByRole('button', { name: 'Mail queue' }).click();
    await expect(page.getByText('4 messages are waiting because no mail server is set up.')).toBeVisible();
    await nav.getByRole('button', { name: 'Email settings' }).click();
    await expect(page.getByText('Not set up', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Server name')).toHaveValue('');

    // Choosing the encryption fills in its usual port.
    await page.getByLabel('Encryption').selectOption('tls');
    await expect(page.getByLabel('Port')).toHaveValue('465');
    await page.getByLabel('Encryption').selectOption('none');
    await expect(page.getByLabel('Port')).toHaveValue('25');

    await page.getByLabel('Server name').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByLabel('User name').fill(SMTP_LOGIN.user);
    await page.getByLabel('Password').fill(SMTP_LOGIN.pass);
    await page.getByLabel('Sender address').fill('reception@sunrise.example');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText('Email settings saved. Messages waiting in the queue are sent now.')).toBeVisible();
    await expect(page.getByText(`Emails go out through 127.0.0.1, port ${smtp.port}.`)).toBeVisible();
    // The password is never shown again.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByText('A password is stored. Leave this blank to keep it, or type a new one to replace it.')).toBeVisible();

    await page.getByLabel('Send to').fill('anita@example.in');
    await page.getByRole('button', { name: 'Send a test message' }).click();
    const result = page.getByRole('status').filter({ hasText: /Test message number \d+ is in the mail queue\./ });
    await expect(result).toBeVisible();
    // The server is down: the first try fails and the reason is shown (the sender runs at once when woken).
    await expect(result).toContainText(/Last error: .*ECONNREFUSED/, { timeout: 20_000 });
    await expect(result).toContainText('Waiting');

    await smtp.start();
    await result.getByRole('button', { name: 'Open the mail queue' }).click();
    const row = queue.getByRole('row').filter({ hasText: 'anita@example.in' });
    await expect(row).toContainText('MedLink test email from Sunrise Clinic');
    await expect(row).toContainText('ECONNREFUSED');
    await expect(page.getByText(/messages are waiting because no mail server/)).toHaveCount(0);
    await row.getByRole('button', { name: /^Retry/ }).click();
    await expect(page.getByText('The message to anita@example.in is being sent again now.')).toBeVisible();
    await expect(row.getByText('Sent', { exact: true })).toBeVisible({ timeout: 20_000 });

    const arrived = smtp.received.filter((r) => r.envelopeTo.includes('anita@example.in'));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.mail.subject).toBe('MedLink test email from Sunrise Clinic');
    expect(arrived[0]!.mail.from?.value[0]?.address).toBe('reception@sunrise.example');

    // The filter shows only what was sent.
    await page.getByLabel('Show', { exact: true }).selectOption('sent');
    await expect(queue).not.toContainText('Waiting');
    await expect(queue.getByRole('row').filter({ hasText: 'anita@example.in' })).toContainText('Sent');
  } finally {
    await smtp.stop();
  }
});
