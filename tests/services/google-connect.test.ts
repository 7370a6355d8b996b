import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { CALENDAR_SCOPE, connectGoogle, googleClinic, googleFake, jobRows } from '../helpers/google';
import { practisingDoctor } from '../helpers/scheduling';

// Connecting the clinic's (and a doctor's own) Google account: OAuth for installed apps against the fake Google,
// which checks the PKCE verifier; MedLink checks the state on its loopback listener.

describe('connecting Google', () => {
  it('connects through the browser with PKCE (S256), a state and a loopback redirect; the tokens are sealed', async () => {
    const fake = await googleFake();
    const clinic = await googleClinic(fake, { connect: false });
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken))).toMatchObject({ clientConfigured: true, status: 'not_connected' });

    const { authUrl } = ok(await clinic.call('google.connect', { calendar: 'clinic' }, clinic.adminToken));
    const asked = new URL(authUrl);
    expect(asked.origin + asked.pathname).toBe(fake.endpoints.auth);
    const q = Object.fromEntries(asked.searchParams);
    expect(q).toMatchObject({ client_id: fake.client.id, response_type: 'code', access_type: 'offline', prompt: 'consent', scope: CALENDAR_SCOPE, code_challenge_method: 'S256' });
    expect(q.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(q.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken)).status).toBe('waiting');

    // Something else knocking on the listener (a wrong state, no state) changes nothing, and the attempt goes on.
    const listener = q.redirect_uri!;
    const stranger = await fetch(`${listener}?code=4/stolen&state=not-the-state`);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('This page does not belong to MedLink');
    expect((await fetch(`${listener}?code=4/stolen`)).status).toBe(400);
    expect(fake.grants.authorization_code).toBe(0);

    const page = await fake.consent(authUrl);
    // The browser lands on the result page, not on the address that carried the code.
    expect(page.finalUrl).toBe(`${listener}done`);
    expect(page.text).toContain('MedLink is connected to Google Calendar');
    const exchange = fake.requests.find((r) => r.path === '/token')!;
    expect(exchange.status).toBe(200);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: listener, client_id: fake.client.id });
    expect(exchange.body!.code_verifier).toMatch(/^[A-Za-z0-9~_-]{128}$/);

    const view = ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken));
    expect(view).toMatchObject({ status: 'connected', connectedBy: 'Dr Meera Joshi', lastFailure: null });
    const row = await clinic.app.deps.db.selectFrom('google_connections').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner: 'clinic', status: 'connected', doctor_id: null });
    expect(row.tokens).toMatch(/^aes256gcm:v1:/);
    expect(row.tokens).not.toContain('1//refresh');
    expect((await auditRows(clinic.app, 'google.connected')).map((r) => JSON.parse(r.detail))).toEqual([{ calendar: 'clinic' }]);

    // The listener is gone once the attempt is over.
    await expect(fetch(listener)).rejects.toThrow();
  });

  it('a refusal at Google, a failed exchange or a timeout leave nothing connected and say why', async () => {
    const fake = await googleFake();
    const clinic = await googleClinic(fake, { connect: false });
    const attempt = async () => ok(await clinic.call('google.connect', { calendar: 'clinic' }, clinic.adminToken)).authUrl;
    const view = async () => ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken));

    const denied = await fake.consent(await attempt(), 'deny');
    expect(denied.text).toContain('Google access was not allowed.');
    expect(await view()).toMatchObject({ status: 'not_connected', lastFailure: 'denied' });

    // Google refuses the code (here: a wrong client secret saved by the administrator).
    ok(await clinic.call('video.saveSettings', { clientId: fake.client.id, clientSecret: 'GOCSPX-wrong', jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 }, clinic.adminToken));
    const wrong = await fake.consent(await attempt());
    expect(wrong.text).toContain('Google did not accept the sign-in.');
    expect(await view()).toMatchObject({ status: 'not_connected', lastFailure: 'exchange' });
    expect(await clinic.app.deps.db.selectFrom('google_connections').selectAll().execute()).toEqual([]);
    expect(await auditRows(clinic.app, 'google.connected')).toEqual([]);
  });

  it('an attempt nobody finishes ends by itself', async () => {
    const fake = await googleFake();
    const clinic = await newClinic({ app: { google: { endpoints: fake.endpoints, connectTimeoutMs: 200 } } });
    ok(await clinic.call('video.saveSettings', { clientId: fake.client.id, clientSecret: fake.client.secret, jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 }, clinic.adminToken));
    const { authUrl } = ok(await clinic.call('google.connect', { calendar: 'clinic' }, clinic.adminToken));
    await new Promise((r) => setTimeout(r, 400));
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken))).toMatchObject({ status: 'not_connected', lastFailure: 'timeout' });
    await expect(fetch(new URL(authUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('without a client id and secret nothing can connect; bad settings are refused field by field', async () => {
    const clinic = await newClinic();
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken))).toMatchObject({ clientConfigured: false, status: 'not_connected' });
    expect(refused(await clinic.call('google.connect', { calendar: 'clinic' }, clinic.adminToken)).code).toBe('CONFLICT');
    const bad = refused(await clinic.call('video.saveSettings', { clientId: 'my-client', jitsiServer: 'http://jitsi.example.in', fallbackMinutes: 0 }, clinic.adminToken));
    expect(bad.fields).toEqual({ clientId: 'client_id_invalid', jitsiServer: 'jitsi_invalid', fallbackMinutes: 'fallback_invalid' });
    const noSecret = refused(await clinic.call('video.saveSettings', { clientId: '1-a.apps.googleusercontent.com', jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 }, clinic.adminToken));
    expect(noSecret.fields).toEqual({ clientSecret: 'client_secret_required' });
    expect(ok(await clinic.call('video.settings', {}, clinic.adminToken))).toEqual({ clientId: '', clientSecretStored: false, jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 });

    const saved = ok(await clinic.call('video.saveSettings', { clientId: '1-a.apps.googleusercontent.com', clientSecret: 'GOCSPX-x', jitsiServer: 'https://jitsi.sunrise.example/', fallbackMinutes: 5 }, clinic.adminToken));
    expect(saved).toEqual({ clientId: '1-a.apps.googleusercontent.com', clientSecretStored: true, jitsiServer: 'https://jitsi.sunrise.example', fallbackMinutes: 5 });
    const secret = await clinic.app.deps.db.selectFrom('settings').select('value').where('key', '=', 'google.clientSecret').executeTakeFirstOrThrow();
    expect(secret.value).not.toContain('GOCSPX');
    // The secret stays unless replaced; an empty client id drops both.
    expect(ok(await clinic.call('video.saveSettings', { clientId: '1-a.apps.googleusercontent.com', jitsiServer: 'https://meet.jit.si', fallbackMinutes: 5 }, clinic.adminToken)).clientSecretStored).toBe(true);
    expect(ok(await clinic.call('video.saveSettings', { clientId: '', jitsiServer: 'https://meet.jit.si', fallbackMinutes: 5 }, clinic.adminToken)).clientSecretStored).toBe(false);
  });

  it('a doctor connects their own calendar, only theirs; disconnecting revokes the token at Google', async () => {
    const fake = await googleFake({ account: 'dr.mehta@gmail.com' });
    const clinic = await googleClinic(fake, { connect: false });
    const doctor = await practisingDoctor(clinic);
    expect(refused(await clinic.call('google.connect', { calendar: 'clinic' }, doctor.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('google.connect', { calendar: 'mine' }, clinic.adminToken)).code).toBe('FORBIDDEN');
    await connectGoogle(clinic, fake, doctor.token, 'mine');
    expect(ok(await clinic.call('google.connection', { calendar: 'clinic' }, clinic.adminToken)).status).toBe('not_connected');
    const row = await clinic.app.deps.db.selectFrom('google_connections').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner: `doctor:${doctor.doctorId}`, doctor_id: doctor.doctorId });

    expect(ok(await clinic.call('google.disconnect', { calendar: 'mine' }, doctor.token)).status).toBe('not_connected');
    expect(await clinic.app.deps.db.selectFrom('google_connections').selectAll().execute()).toEqual([]);
    // The revocation is a job: no call to Google inside the transaction.
    expect(fake.requests.filter((r) => r.path === '/revoke')).toEqual([]);
    expect(await clinic.app.jobs.runOnce()).toEqual({ done: 1, failed: 0 });
    const revoke = fake.requests.filter((r) => r.path === '/revoke');
    expect(revoke.map((r) => r.status)).toEqual([200]);
    expect(revoke[0]!.query.token).toMatch(/^1\/\/refresh\./);
    expect((await jobRows(clinic.app)).map((j) => [j.kind, j.status])).toEqual([['google.revoke', 'done']]);
    expect((await auditRows(clinic.app, 'google.disconnected')).map((r) => r.actor_user_id)).toEqual([doctor.login.user.id]);
  });
});
