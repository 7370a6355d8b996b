import type { Page } from '@playwright/test';
import { expect, signIn, test } from './server';

// The health assistant in the patient's window, and its urgent alerts in the clinic window (demo clinic).
test.describe.configure({ timeout: 120_000 });

async function openAssistant(page: Page) {
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'Health assistant' }).click();
  await expect(page.getByRole('heading', { name: 'Health assistant', level: 1 })).toBeVisible();
}

/** The conversation's entries: the welcome, then each question and its answer. */
const entries = (page: Page) => page.getByRole('log', { name: 'Conversation' }).locator(':scope > li');

/** Asks a question with the keyboard and returns the answer that came for it (the log's last entry). */
async function ask(page: Page, question: string) {
  const before = await entries(page).count();
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
  await expect(entries(page)).toHaveCount(before + 2);
  const answer = entries(page).last();
  await expect(answer).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByLabel('Your question')).toHaveValue('');
  return answer;
}

test('a patient asks about dengue in English and बुखार in Hindi; the conversation stays until sign-out', async ({ page, demo }) => {
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openAssistant(page);
  await expect(page.getByRole('log')).toContainText('Hello! I can tell you about common illnesses');
  // Suggested questions are offered before anything is asked.
  await expect(page.getByRole('group', { name: 'Suggested questions' }).getByRole('button', { name: 'What are the symptoms of dengue?' })).toBeVisible();

  const dengue = await ask(page, 'What is dengue?');
  await expect(dengue.getByRole('heading', { name: 'About Dengue' })).toBeVisible();
  await expect(dengue).toContainText('Aedes mosquitoes');
  await expect(dengue).toContainText('This is general health information, not a diagnosis.');
  await expect(dengue.getByRole('link', { name: 'WHO: Dengue and severe dengue (fact sheet)' })).toHaveAttribute('href', 'https://www.who.int/news-room/fact-sheets/detail/dengue-and-severe-dengue');
  // The answer's suggestions: its other sections, asked with one click.
  await page.getByRole('group', { name: 'Suggested questions' }).getByRole('button', { name: 'How to prevent Dengue' }).click();
  await expect(page.getByLabel('Your question')).toBeFocused();
  const prevention = entries(page).last();
  await expect(prevention.getByRole('heading', { name: 'Prevention' })).toBeVisible();
  await expect(prevention).toContainText('mosquito net');

  // A Hindi question on an English screen is answered in Hindi, note and doctors included.
  const fever = await ask(page, 'बुखार');
  await expect(fever.locator('[lang="hi"]')).toBeVisible();
  await expect(fever.getByRole('heading', { name: 'बुखार', exact: true })).toBeVisible();
  await expect(fever).toContainText('यह स्वास्थ्य की सामान्य जानकारी है, निदान नहीं।');
  await expect(fever).toContainText('सामान्य चिकित्सा के डॉक्टर');
  await expect(fever.getByRole('button', { name: 'Dr. Kavita Rao से अपॉइंटमेंट लें' })).toBeVisible();

  // Another section and back: the conversation is still there.
  await page.getByRole('navigation', { name: 'Patient menu' }).getByRole('button', { name: 'My profile' }).click();
  await openAssistant(page);
  await expect(entries(page)).toHaveCount(7);

  // After signing out it is gone.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openAssistant(page);
  await expect(entries(page)).toHaveCount(1);
});

test('a patient asks for a cardiologist, books from the answer, then asks for the video link', async ({ page, demo }) => {
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openAssistant(page);
  const cardiologists = await ask(page, 'I need a cardiologist');
  await expect(cardiologists.getByRole('heading', { name: 'Doctors for Cardiology (heart)' })).toBeVisible();
  await expect(cardiologists).toContainText(/Next free: \w{3}, \d{1,2} \w{3}, \d{1,2}:\d\d [ap]m/);
  await cardiologists.getByRole('button', { name: 'Book with Dr. Rohan Mehta' }).click();

  await expect(page.getByRole('heading', { name: 'Dr. Rohan Mehta', level: 1 })).toBeVisible();
  await page.locator('.free-slot').first().click();
  await expect(page.getByRole('heading', { name: 'Confirm your appointment' })).toBeVisible();
  await page.getByLabel('Online (video)').check();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'Appointment booked' })).toBeVisible();

  await openAssistant(page);
  // The earlier answer is still in the conversation.
  await expect(page.getByRole('log')).toContainText('Doctors for Cardiology (heart)');
  const video = await ask(page, 'what is my video link');
  await expect(video).toContainText(/Your next online appointment is with Dr\. Rohan Mehta, \w{3}, \d{1,2} \w{3},? \d{4},? (at )?\d{1,2}:\d\d [ap]m\. \(Booking no\. \d+\)/);
  // The link and the Join button, as the appointment card shows them (a Jitsi room: the demo clinic has no Google).
  await expect(video.getByRole('region', { name: 'Video consultation' })).toContainText(/https:\/\/meet\.jit\.si\/MedLink-[0-9a-f]{32}/);
  await expect(video.getByRole('button', { name: 'Join the video consultation' })).toBeVisible();
  await video.getByRole('button', { name: 'Open my appointments' }).click();
  await expect(page.getByRole('heading', { name: 'My appointments', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming' }).getByRole('article')).toContainText('Online (video)');
});

test('an emergency is answered with the emergency number first and shows on the doctor\'s alert list until handled', async ({ page, demo, browser }) => {
  await signIn(page, demo, 'patient', 'priya@medlink.demo');
  await openAssistant(page);
  const urgent = await ask(page, 'I have severe chest pian and I am sweating');
  const alert = urgent.getByRole('alert');
  await expect(alert).toContainText('This may be an emergency.');
  await expect(alert).toContainText('Call 112 now, or go to the nearest hospital emergency department.');
  await expect(alert).toContainText('Do not drive yourself to hospital.');
  await expect(alert).toContainText("This has been added to the clinic's list of urgent alerts.");

  const clinic = await browser.newPage();
  await signIn(clinic, demo, 'clinic', 'dr.rao@medlink.demo');
  const nav = clinic.getByRole('navigation', { name: 'Clinic sections' });
  await expect(nav.getByRole('button', { name: /Urgent alerts\s*1 open alert/ })).toBeVisible();
  await nav.getByRole('button', { name: /Urgent alerts/ }).click();
  await expect(clinic.getByRole('heading', { name: 'Urgent alerts from the health assistant', level: 1 })).toBeVisible();
  const row = clinic.getByRole('row').filter({ hasText: 'Priya Sharma' });
  await expect(row).toContainText('I have severe chest pian and I am sweating');
  await expect(row).toContainText('Chest pain');
  await expect(row).toContainText('9820000031');
  await row.getByRole('button', { name: 'Mark handled' }).click();
  await expect(clinic.getByRole('status')).toContainText('The alert was marked handled.');
  await expect(clinic.getByText('No open alerts.')).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Urgent alerts', exact: true })).toBeVisible();
});
