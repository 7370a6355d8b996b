import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './free-port';

// A faithful stand-in for the parts of Google that MedLink talks to, on loopback: the OAuth 2.0 consent page and
// token endpoint for installed apps (authorization code with PKCE, refresh, revoke) and the Calendar API's events
// (insert with a Meet conference that is pending before it succeeds, get, patch, delete). It answers as Google
// does, errors included (invalid_grant, 404/410 on delete, 409 on a reused event id, 429 with Retry-After,
// 500), and can go down and come back on the same port. Used by the service tests and the e2e spec.

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export interface FakeClient {
  id: string;
  secret: string;
}

export interface FakeEvent {
  id: string;
  calendarId: string;
  account: string;
  /** 'confirmed', or 'cancelled' once deleted (Google keeps deleted events and their ids). */
  status: 'confirmed' | 'cancelled';
  body: Record<string, any>;
  requestId: string | null;
  meetLink: string | null;
  /** Answers still to say 'pending' before the conference succeeds (or fails). */
  pendingLeft: number;
  /** The conference fails instead of succeeding. */
  conferenceFails: boolean;
  updated: number;
}

interface Grant {
  refreshToken: string;
  clientId: string;
  account: string;
  scope: string;
  revoked: boolean;
}

interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state: string | null;
  challenge: string;
  scope: string;
  account: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  /** Form fields of a token request; the JSON body of a calendar request. */
  body?: Record<string, any>;
  query: Record<string, string>;
}

type Failure = { status: number; retryAfter?: number; times: number; on: 'calendar' | 'token' };

const GOOGLE_ERROR_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 410: 'GONE', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

export interface GoogleFake {
  /** http://127.0.0.1:PORT — the root every endpoint hangs from (see endpoints). */
  base: string;
  port: number;
  client: FakeClient;
  /** MedLink's endpoint settings for this fake. */
  endpoints: { auth: string; token: string; revoke: string; calendar: string };
  requests: FakeRequest[];
  events: Map<string, FakeEvent>;
  /** How many times each grant type was asked for. */
  grants: { authorization_code: number; refresh_token: number };
  /** The account the consent page signs in as (a new connection's calendar). */
  account: string;
  /** Answers (the insert's included) that say 'pending' before a new conference succeeds (default 1: the insert's). */
  pendingPolls: number;
  /** New conferences fail (Google could not make a meeting). */
  conferencesFail: boolean;
  /** Access tokens last this long (seconds). */
  accessLifetime: number;
  /** A refresh takes this long to answer (so concurrent callers overlap). */
  refreshDelayMs: number;
  /** Each calendar call takes this long (so two seats' work overlaps). */
  calendarDelayMs: number;
  /** The next event insert is done, but its answer is lost on the way (the connection drops). */
  loseNextInsertAnswer: boolean;
  /** The next `times` requests to the calendar (or token endpoint) answer this status. */
  failNext(f: Partial<Failure> & { status: number }): void;
  /** Revokes every grant, as a user removing MedLink's access in their Google account does. */
  revokeAll(): void;
  /** Expires every access token now, so the next call must refresh. */
  expireAccessTokens(): void;
  /** A live (non-deleted) event list. */
  liveEvents(): FakeEvent[];
  /**
   * What a person's browser does with a consent URL: opens Google's page, clicks Allow (or Deny), follows the
   * redirect to MedLink's loopback listener and on to its result page. Returns that page's status and text.
   */
  consent(authUrl: string, decision?: 'allow' | 'deny'): Promise<{ status: number; text: string; finalUrl: string }>;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');
const token = (prefix: string) => `${prefix}.${b64url(randomBytes(24))}`;
const meetCode = () => {
  const letters = () => Array.from(randomBytes(10), (x) => String.fromCharCode(97 + (x % 26)));
  const l = letters();
  return `${l.slice(0, 3).join('')}-${l.slice(3, 7).join('')}-${l.slice(7, 10).join('')}`;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Google's API error shape: { error: { code, message, errors: [{ reason }], status } }. */
function apiError(res: ServerResponse, status: number, message: string, reason: string, headers: Record<string, string> = {}) {
  json(res, status, { error: { code: status, message, errors: [{ domain: 'global', reason, message }], status: GOOGLE_ERROR_STATUS[status] ?? 'UNKNOWN' } }, headers);
}

/** The OAuth endpoints' error shape: { error, error_description }. */
const oauthError = (res: ServerResponse, status: number, error: string, description: string) => json(res, status, { error, error_description: description });

const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts</title></head><body>${body}</body></html>`);
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Event ids: base32hex characters (a–v, 0–9), 5 to 1024 of them, as Google's Calendar API requires. */
const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export async function startGoogleFake(options: { client?: FakeClient; account?: string } = {}): Promise<GoogleFake> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const client = options.client ?? { id: '123456789-medlink.apps.googleusercontent.com', secret: 'GOCSPX-fake-secret-2026' };
  const pendingAuth = new Map<string, AuthRequest>();
  const codes = new Map<string, AuthRequest & { issued: number; used: boolean }>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expires: number }>();
  const failures: Failure[] = [];
  let server: Server | undefined;

  const fake: GoogleFake = {
    base,
    port,
    client,
    endpoints: { auth: `${base}/o/oauth2/v2/auth`, token: `${base}/token`, revoke: `${base}/revoke`, calendar: `${base}/` },
    requests: [],
    events: new Map(),
    grants: { authorization_code: 0, refresh_token: 0 },
    account: options.account ?? 'sunrise.clinic@gmail.com',
    pendingPolls: 1,
    conferencesFail: false,
    accessLifetime: 3599,
    refreshDelayMs: 0,
    calendarDelayMs: 0,
    loseNextInsertAnswer: false,
    failNext: (f) => failures.push({ times: 1, on: 'calendar', ...f }),
    revokeAll() {
      for (const g of grants.values()) g.revoked = true;
    },
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expires = 0;
    },
    liveEvents: () => [...fake.events.values()].filter((e) => e.status === 'confirmed'),
    async consent(authUrl, decision = 'allow') {
      const page = await fetch(authUrl);
      const text = await page.text();
      if (page.status !== 200) return { status: page.status, text, finalUrl: authUrl };
      const action = new RegExp(`href="([^"]+decision=${decision}[^"]*)"`).exec(text)?.[1];
      if (!action) throw new Error(`no ${decision} link on the consent page: ${text}`);
      const answer = await fetch(new URL(action.replace(/&amp;/g, '&'), base), { redirect: 'manual' });
      const back = answer.headers.get('location');
      if (answer.status !== 302 || !back) throw new Error(`the consent page did not redirect (${answer.status})`);
      // The browser now goes to MedLink's loopback listener, which sends it on to its result page.
      const result = await fetch(back);
      return { status: result.status, text: await result.text(), finalUrl: result.url };
    },
    down: async () => {
      if (!server) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: async () => {
      if (server) return;
      const s = createServer((req, res) => void handle(req, res).catch((e: unknown) => apiError(res, 500, String(e), 'backendError')));
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    stop: () => fake.down(),
  };

  function failure(on: Failure['on']): Failure | undefined {
    const f = failures.find((x) => x.on === on);
    if (!f) return undefined;
    if (--f.times <= 0) failures.splice(failures.indexOf(f), 1);
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const query = Object.fromEntries(url.searchParams);
    const raw = req.method === 'POST' || req.method === 'PATCH' ? await readBody(req) : '';
    const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const body = raw ? (isForm ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as Record<string, any>)) : undefined;
    const entry: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, status: 0, body, query };
    fake.requests.push(entry);
    const send = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: any[]) => {
      entry.status = status;
      return send(status, ...rest);
    }) as typeof res.writeHead;

    if (url.pathname === '/o/oauth2/v2/auth') return consentPage(res, query);
    if (url.pathname === '/o/oauth2/answer') return consentAnswer(res, query);
    if (url.pathname === '/token' && req.method === 'POST') return tokenEndpoint(res, body ?? {});
    if (url.pathname === '/revoke' && req.method === 'POST') return revoke(res, query.token ?? body?.token);
    const m = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (m && fake.calendarDelayMs) await new Promise((r) => setTimeout(r, fake.calendarDelayMs));
    if (m) return calendar(req, res, decodeURIComponent(m[1]!), m[2] ? decodeURIComponent(m[2]) : null, query, body);
    apiError(res, 404, 'Not Found', 'notFound');
  }

  function consentPage(res: ServerResponse, q: Record<string, string>) {
    const problems: string[] = [];
    if (q.client_id !== client.id) problems.push('invalid_client: The OAuth client was not found.');
    if (q.response_type !== 'code') problems.push('unsupported_response_type');
    let redirect: URL | null = null;
    try {
      redirect = new URL(q.redirect_uri ?? '');
    } catch {
      problems.push('redirect_uri_mismatch: redirect_uri is missing');
    }
    // Desktop apps may redirect only to a loopback address, on any port.
    if (redirect && (redirect.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(redirect.hostname))) {
      problems.push('redirect_uri_mismatch: a desktop client must redirect to a loopback address');
    }
    if (q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')) problems.push('invalid_request: PKCE with S256 is required');
    if (!(q.scope ?? '').split(' ').includes(CALENDAR_SCOPE)) problems.push('invalid_scope: calendar.events was not asked for');
    if (q.access_type !== 'offline') problems.push('invalid_request: access_type=offline is needed for a refresh token');
    if (problems.length) return html(res, 400, `<h1>Error 400: invalid_request</h1><ul>${problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>`);
    const id = b64url(randomBytes(12));
    pendingAuth.set(id, { clientId: q.client_id!, redirectUri: q.redirect_uri!, state: q.state ?? null, challenge: q.code_challenge!, scope: q.scope!, account: fake.account });
    html(
      res,
      200,
      `<main><h1>MedLink wants to access your Google Account</h1><p>${escape(fake.account)}</p>` +
        `<p>See, edit, share and permanently delete all the calendars you can access using Google Calendar events</p>` +
        `<a href="/o/oauth2/answer?id=${id}&amp;decision=deny">Cancel</a> <a href="/o/oauth2/answer?id=${id}&amp;decision=allow">Allow</a></main>`,
    );
  }

  function consentAnswer(res: ServerResponse, q: Record<string, string>) {
    const request = pendingAuth.get(q.id ?? '');
    if (!request) return html(res, 400, '<h1>This consent request has expired</h1>');
    pendingAuth.delete(q.id!);
    const back = new URL(request.redirectUri);
    if (q.decision === 'allow') {
      const code = `4/${b64url(randomBytes(30))}`;
      codes.set(code, { ...request, issued: Date.now(), used: false });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', request.scope);
    } else {
      back.searchParams.set('error', 'access_denied');
    }
    if (request.state !== null) back.searchParams.set('state', request.state);
    res.writeHead(302, { Location: back.toString() });
    res.end();
  }

  function issueAccess(grant: Grant) {
    const access = token('ya29');
    accessTokens.set(access, { grant, expires: Date.now() + fake.accessLifetime * 1000 });
    return { access_token: access, expires_in: fake.accessLifetime, scope: grant.scope, token_type: 'Bearer' };
  }

  async function tokenEndpoint(res: ServerResponse, f: Record<string, string>) {
    const injected = failure('token');
    if (injected) return oauthError(res, injected.status, injected.status >= 500 ? 'internal_failure' : 'temporarily_unavailable', 'Injected failure');
    if (f.client_id !== client.id || f.client_secret !== client.secret) return oauthError(res, 401, 'invalid_client', 'Unauthorized');
    if (f.grant_type === 'authorization_code') {
      fake.grants.authorization_code++;
      const issued = codes.get(f.code ?? '');
      if (!issued || issued.used || Date.now() - issued.issued > 10 * 60_000) return oauthError(res, 400, 'invalid_grant', 'Malformed auth code.');
      issued.used = true;
      if (f.redirect_uri !== issued.redirectUri) return oauthError(res, 400, 'redirect_uri_mismatch', 'Bad Request');
      const expected = createHash('sha256').update(f.code_verifier ?? '').digest('base64url');
      if (!f.code_verifier || expected !== issued.challenge) return oauthError(res, 400, 'invalid_grant', 'Invalid code verifier.');
      const grant: Grant = { refreshToken: token('1//refresh'), clientId: client.id, account: issued.account, scope: CALENDAR_SCOPE, revoked: false };
      grants.set(grant.refreshToken, grant);
      return json(res, 200, { ...issueAccess(grant), refresh_token: grant.refreshToken });
    }
    if (f.grant_type === 'refresh_token') {
      fake.grants.refresh_token++;
      if (fake.refreshDelayMs) await new Promise((r) => setTimeout(r, fake.refreshDelayMs));
      const grant = grants.get(f.refresh_token ?? '');
      if (!grant || grant.revoked) return oauthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.');
      return json(res, 200, issueAccess(grant));
    }
    oauthError(res, 400, 'unsupported_grant_type', 'Invalid grant_type');
  }

  function revoke(res: ServerResponse, t: string | undefined) {
    const grant = grants.get(t ?? '') ?? accessTokens.get(t ?? '')?.grant;
    if (!grant || grant.revoked) return oauthError(res, 400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
    json(res, 200, {});
  }

  function eventResource(e: FakeEvent) {
    const conference = e.requestId
      ? {
          createRequest: {
            requestId: e.requestId,
            conferenceSolutionKey: { type: 'hangoutsMeet' },
            status: { statusCode: e.meetLink ? 'success' : e.conferenceFails && e.pendingLeft <= 0 ? 'failure' : 'pending' },
          },
          ...(e.meetLink
            ? {
                conferenceId: e.meetLink.slice('https://meet.google.com/'.length),
                conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
                entryPoints: [{ entryPointType: 'video', uri: e.meetLink, label: e.meetLink.slice(8) }],
              }
            : {}),
        }
      : undefined;
    return {
      kind: 'calendar#event',
      id: e.id,
      status: e.status,
      htmlLink: `https://www.google.com/calendar/event?eid=${e.id}`,
      updated: new Date(e.updated).toISOString(),
      organizer: { email: e.account, self: true },
      creator: { email: e.account, self: true },
      ...e.body,
      ...(e.meetLink ? { hangoutLink: e.meetLink } : {}),
      ...(conference ? { conferenceData: conference } : {}),
    };
  }

  /** Each answer about an event moves its pending conference on, as time does at Google. */
  function advance(e: FakeEvent) {
    if (!e.requestId || e.meetLink) return;
    if (e.pendingLeft > 0) e.pendingLeft--;
    else if (!e.conferenceFails) e.meetLink = `https://meet.google.com/${meetCode()}`;
  }

  function calendar(req: IncomingMessage, res: ServerResponse, calendarId: string, eventId: string | null, q: Record<string, string>, body?: Record<string, any>) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = bearer ? accessTokens.get(bearer) : undefined;
    if (!access || access.expires <= Date.now() || access.grant.revoked) {
      return apiError(res, 401, 'Request had invalid authentication credentials.', 'authError', { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' });
    }
    const injected = failure('calendar');
    if (injected) {
      const headers: Record<string, string> = injected.retryAfter !== undefined ? { 'Retry-After': String(injected.retryAfter) } : {};
      if (injected.status === 429) return apiError(res, 429, 'Rate Limit Exceeded', 'rateLimitExceeded', headers);
      return apiError(res, injected.status, 'Backend Error', 'backendError', headers);
    }
    const account = access.grant.account;
    if (calendarId !== 'primary' && calendarId !== account) return apiError(res, 404, 'Not Found', 'notFound');
    const key = (id: string) => `${account}/${id}`;

    if (!eventId && req.method === 'POST') {
      const b = body ?? {};
      // Google makes an id when none is given (hex is within its alphabet).
      const id = typeof b.id === 'string' ? b.id : randomBytes(16).toString('hex');
      if (!EVENT_ID.test(id)) return apiError(res, 400, 'Invalid resource id value.', 'invalid');
      if (!b.start?.dateTime || !b.end?.dateTime) return apiError(res, 400, 'Missing time.', 'required');
      if (Date.parse(b.end.dateTime) <= Date.parse(b.start.dateTime)) return apiError(res, 400, 'The specified time range is empty.', 'timeRangeEmpty');
      if (fake.events.has(key(id))) return apiError(res, 409, 'The requested identifier already exists.', 'duplicate');
      const createRequest = q.conferenceDataVersion === '1' ? b.conferenceData?.createRequest : undefined;
      if (createRequest && createRequest.conferenceSolutionKey?.type !== 'hangoutsMeet') return apiError(res, 400, 'Invalid conference type value.', 'invalid');
      const { conferenceData: _c, id: _i, ...rest } = b;
      const e: FakeEvent = {
        id, calendarId: account, account, status: 'confirmed', body: rest, requestId: createRequest?.requestId ?? null, meetLink: null,
        pendingLeft: fake.pendingPolls, conferenceFails: fake.conferencesFail, updated: Date.now(),
      };
      advance(e);
      fake.events.set(key(id), e);
      if (fake.loseNextInsertAnswer) {
        fake.loseNextInsertAnswer = false;
        return req.socket.destroy();
      }
      return json(res, 200, eventResource(e));
    }
    if (!eventId) return apiError(res, 405, 'Method not allowed', 'methodNotAllowed');
    const e = fake.events.get(key(eventId));
    switch (req.method) {
      case 'GET':
        if (!e) return apiError(res, 404, 'Not Found', 'notFound');
        advance(e);
        return json(res, 200, eventResource(e));
      case 'PATCH': {
        if (!e) return apiError(res, 404, 'Not Found', 'notFound');
        if (e.status === 'cancelled') return apiError(res, 410, 'Resource has been deleted', 'deleted');
        const { conferenceData: _c, id: _i, ...rest } = body ?? {};
        e.body = { ...e.body, ...rest };
        e.updated = Date.now();
        return json(res, 200, eventResource(e));
      }
      case 'DELETE':
        if (!e) return apiError(res, 404, 'Not Found', 'notFound');
        if (e.status === 'cancelled') return apiError(res, 410, 'Resource has been deleted', 'deleted');
        e.status = 'cancelled';
        e.updated = Date.now();
        res.writeHead(204);
        return res.end();
    }
    apiError(res, 405, 'Method not allowed', 'methodNotAllowed');
  }

  await fake.up();
  return fake;
}
