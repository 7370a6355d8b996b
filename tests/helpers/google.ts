import { expect, onTestFinished } from 'vitest';
import type { MedLinkApp } from '../../electron/core/app';
import { newClinic, ok, type Clinic } from './clinic';
import { startGoogleFake, type GoogleFake } from './google-fake';

export { CALENDAR_SCOPE, type GoogleFake } from './google-fake';

/** The fake Google on loopback (tests/helpers/google-fake.ts), stopped when the test ends. */
export async function googleFake(options: Parameters<typeof startGoogleFake>[0] = {}): Promise<GoogleFake> {
  const fake = await startGoogleFake(options);
  onTestFinished(() => fake.stop());
  return fake;
}

/** A set-up clinic whose MedLink talks to the fake instead of Google, its client saved, its calendar connected unless told not to. */
export async function googleClinic(fake: GoogleFake, options: { connect?: boolean; fallbackMinutes?: number } = {}): Promise<Clinic> {
  const clinic = await newClinic({ app: { google: { endpoints: fake.endpoints }, log: () => undefined } });
  ok(
    await clinic.call(
      'video.saveSettings',
      { clientId: fake.client.id, clientSecret: fake.client.secret, jitsiServer: 'https://meet.jit.si', fallbackMinutes: options.fallbackMinutes ?? 10 },
      clinic.adminToken,
    ),
  );
  if (options.connect !== false) await connectGoogle(clinic, fake, clinic.adminToken, 'clinic');
  return clinic;
}

/** "Connect Google" as a person does it: MedLink gives the consent URL, the browser allows and comes back. */
export async function connectGoogle(clinic: Clinic, fake: GoogleFake, token: string, calendar: 'clinic' | 'mine') {
  const { authUrl } = ok(await clinic.call('google.connect', { calendar }, token));
  const page = await fake.consent(authUrl);
  expect(page.text).toContain('MedLink is connected to Google Calendar');
  expect(ok(await clinic.call('google.connection', { calendar }, token)).status).toBe('connected');
  return authUrl;
}

export const linkRow = (app: Pick<MedLinkApp, 'deps'>, appointmentId: number) =>
  app.deps.db.selectFrom('video_links').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();

export const jobRows = (app: Pick<MedLinkApp, 'deps'>) => app.deps.db.selectFrom('jobs').selectAll().orderBy('id').execute();
