// Where MedLink finds Google. Production always uses Google's own addresses; only browser mode's test runs
// point them at a fake on this computer (MEDLINK_GOOGLE_FAKE), and only at a loopback address.

export interface GoogleEndpoints {
  /** The consent page the person's browser opens. */
  auth: string;
  token: string;
  revoke: string;
  /** The root the Calendar API's paths hang from. */
  calendar: string;
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  auth: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  calendar: 'https://www.googleapis.com/',
};

/** Google's endpoints as a fake on loopback serves them (tests/helpers/google-fake.ts), at http://127.0.0.1:PORT. */
export function fakeGoogleEndpoints(base: string): GoogleEndpoints {
  const url = new URL(base);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port || url.pathname !== '/') {
    throw new Error(`MEDLINK_GOOGLE_FAKE must be http://127.0.0.1:PORT, not ${base}`);
  }
  return { auth: `${url.origin}/o/oauth2/v2/auth`, token: `${url.origin}/token`, revoke: `${url.origin}/revoke`, calendar: `${url.origin}/` };
}

/** The endpoints from the environment: Google's, unless MEDLINK_GOOGLE_FAKE names a fake on loopback. */
export const googleEndpointsFromEnv = (env: Record<string, string | undefined>): GoogleEndpoints =>
  env.MEDLINK_GOOGLE_FAKE ? fakeGoogleEndpoints(env.MEDLINK_GOOGLE_FAKE) : GOOGLE_ENDPOINTS;
