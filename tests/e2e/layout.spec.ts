import { expect, signIn, test } from './server';

// Every section of every role's window fits narrow windows (a laptop's split screen, a phone-sized kiosk): the
// page never scrolls sideways, in English or in Hindi (whose words run longer).
test.describe.configure({ timeout: 180_000 });

const PEOPLE = [
  ['clinic', 'admin@medlink.demo'],
  ['clinic', 'desk@medlink.demo'],
  ['clinic', 'dr.mehta@medlink.demo'],
  ['patient', 'priya@medlink.demo'],
] as const;

for (const [width, language] of [[390, 'hi'], [800, 'en']] as const) {
  test(`at ${width} px in ${language === 'hi' ? 'Hindi' : 'English'}, no section of any window scrolls sideways`, async ({ browser, demo }) => {
    const wide: string[] = [];
    for (const [portal, email] of PEOPLE) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${demo.url}/?portal=${portal}`);
      await page.locator('header select').selectOption(language);
      await page.locator('input[type=email]').fill(email);
      await page.locator('input[type=password]').fill('MedLink-demo-2026');
      await page.locator('form button[type=submit]').click();
      const sections = page.getByRole('navigation').getByRole('button');
      await expect(sections.first()).toBeVisible();
      for (let i = 0; i < (await sections.count()); i++) {
        await sections.nth(i).click();
        // Not 'networkidle': a signed-in window keeps its live feed open, so the network is never idle.
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        if (scroll > inner) wide.push(`${email} › ${await sections.nth(i).innerText()}: ${scroll} px`);
      }
      await page.close();
    }
    expect(wide).toEqual([]);
  });
}

test('a reload signs the person out and the sign-in screen says why', async ({ page, demo }) => {
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('You were signed out because the window was reloaded')).toBeVisible();
  // An old notice gives way once the person tries again.
  await page.getByLabel('Email address').fill('priya@medlink.demo');
  await page.getByLabel('Password', { exact: true }).fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The email address or password is not right.');
  await expect(page.getByText('You were signed out because the window was reloaded')).toHaveCount(0);
});
