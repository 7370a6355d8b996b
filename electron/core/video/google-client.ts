import { createHash } from 'node:crypto';
import { OAuth2Client, type Credentials } from 'google-auth-library';
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service';
import { readSettings } from '../clinic/settings.repo';
import { inTransaction, type Deps } from '../context';
import type { Database } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';
import { createConnector, type Connector } from './google-connect';
import type { GoogleEndpoints } from './google-endpoints';
import * as repo from './google.repo';

// Google's OAuth client for the clinic's connections: its client id and secret (the administrator's settings,
// the secret sealed), each connection's tokens (sealed under the clinic key, so every seat uses the same
// connection), and access tokens refreshed before they expire with one refresh for all concurrent callers.

/** The narrowest scope that creates events (with their Meet conferences) and nothing else. */
export const CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export const CLINIC_OWNER = 'clinic';
export const doctorOwner = (doctorId: number) => `doctor:${doctorId}`;
/** A connection as the audit log names it: the clinic's calendar, or a doctor's own (the log shows the doctor's name). */
export const calendarDetail = (owner: string) =>
  owner === CLINIC_OWNER ? { calendar: 'clinic' } : { calendar: 'doctor', doctorId: Number(owner.slice('doctor:'.length)) };

export const CLIENT_SETTINGS = { clientId: 'google.clientId', clientSecret: 'google.clientSecret' } as const;

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
}

/** The administrator's OAuth client, secret opened; null until both are saved. */
export async function clientConfig(db: Kysely<Database>, secrets: SecretBox): Promise<ClientConfig | null> {
  const s = await readSettings(db);
  const clientId = s.get(CLIENT_SETTINGS.clientId);
  const sealed = s.get(CLIENT_SETTINGS.clientSecret);
  return clientId && sealed ? { clientId, clientSecret: secrets.open(sealed) } : null;
}

/** What went wrong talking to Google, sorted by what MedLink does about it. */
export class GoogleProblem extends Error {
  constructor(
    /** not_connected / broken: no usable connection; gone: 404 or 410; conflict: 409; failed: anything worth trying again. */
    readonly kind: 'not_connected' | 'broken' | 'gone' | 'conflict' | 'failed',
    message: string,
    /** Google's Retry-After, when it said one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  return ((headers as Record<string, string>)[name] as string | undefined) ?? null;
}

/** Sorts an error from Google's client libraries (a GaxiosError, or a network failure under it). */
export function googleProblem(e: unknown): GoogleProblem {
  if (e instanceof GoogleProblem) return e;
  const err = e as { status?: number; code?: string | number; message?: string; response?: { status?: number; data?: any; headers?: unknown } } | null;
  const status = err?.response?.status ?? err?.status;
  const data = err?.response?.data;
  if (data?.error === 'invalid_grant') return new GoogleProblem('broken', `Google refused the connection: ${data.error_description ?? 'invalid_grant'}`);
  if (status === 404 || status === 410) return new GoogleProblem('gone', `Google answered ${status}`);
  if (status === 409) return new GoogleProblem('conflict', 'Google answered 409: the event already exists');
  const detail = (data?.error?.message ?? data?.error_description ?? err?.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 300);
  if (!status) return new GoogleProblem('failed', `Google could not be reached (${String(err?.code ?? detail)})`);
  const seconds = Number(header(err?.response?.headers, 'retry-after'));
  const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
  const reason = data?.error?.errors?.[0]?.reason ?? data?.error ?? '';
  return new GoogleProblem('failed', `Google answered ${status}${reason ? ` ${reason}` : ''}: ${detail}`, retryAfterMs);
}

interface StoredTokens {
  refresh_token: string;
  access_token?: string | null;
  expiry_date?: number | null;
}

// google-auth-library measures token lifetimes with the computer's own clock, as Google does: so does this file.
const REFRESH_BEFORE_MS = 5 * 60_000;

export interface GoogleService {
  readonly endpoints: GoogleEndpoints;
  /** A new OAuth client for the administrator's client id and secret (the connect flow's). */
  oauthClient(config: ClientConfig): OAuth2Client;
  /**
   * The connection's client, its access token fresh: refreshed before it expires, one refresh in this process
   * however many callers ask at once. Throws GoogleProblem not_connected / broken (invalid_grant marks it broken).
   */
  authorised(deps: Deps, owner: string): Promise<OAuth2Client>;
  /** Marks a connection broken (Google refused its grant), so that its people see "Reconnect Google". */
  markBroken(deps: Deps, owner: string, reason: string): Promise<void>;
  /** Seals a new connection's tokens for the database. */
  sealTokens(secrets: SecretBox, tokens: Credentials): string;
  /** Connect attempts open on this seat (their loopback listeners). */
  readonly connects: Connector;
  close(): Promise<void>;
}

export function createGoogleService(endpoints: GoogleEndpoints, log: (m: string) => void, connectTimeoutMs?: number): GoogleService {
  const clients = new Map<string, { key: string; client: OAuth2Client }>();
  const refreshing = new Map<string, Promise<void>>();

  const oauthClient = (config: ClientConfig) =>
    new OAuth2Client({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      // A token Google refuses before its time (the person removed MedLink's access) is refreshed at once, so a
      // revoked grant shows as invalid_grant now rather than when the token would have run out.
      forceRefreshOnFailure: true,
      endpoints: { oauth2AuthBaseUrl: endpoints.auth, oauth2TokenUrl: endpoints.token, oauth2RevokeUrl: endpoints.revoke },
    });

  const sealTokens = (secrets: SecretBox, t: Credentials) =>
    secrets.seal(JSON.stringify({ refresh_token: t.refresh_token ?? '', access_token: t.access_token ?? null, expiry_date: t.expiry_date ?? null } satisfies StoredTokens));

  /** This process's client of a connection, holding the newest tokens it or another seat has stored. */
  function clientOf(owner: string, config: ClientConfig, stored: StoredTokens): OAuth2Client {
    const key = `${config.clientId}|${createHash('sha256').update(config.clientSecret).digest('hex')}`;
    let held = clients.get(owner);
    if (!held || held.key !== key) {
      held = { key, client: oauthClient(config) };
      clients.set(owner, held);
    }
    const c = held.client.credentials;
    // Another seat may have refreshed (or the connection was made anew): the stored tokens then win.
    if (c.refresh_token !== stored.refresh_token || (stored.expiry_date ?? 0) > (c.expiry_date ?? 0)) held.client.setCredentials({ ...stored });
    return held.client;
  }

  async function markBroken(deps: Deps, owner: string, reason: string) {
    await inTransaction(deps, async (ctx) => {
      if (await repo.markBroken(ctx.db, owner, reason, ctx.now.toISOString())) {
        await record(ctx, { action: 'google.broken', actorId: null, detail: { ...calendarDetail(owner), reason } });
      }
    });
    log(`Google connection ${owner} is broken: ${reason}`);
  }

  async function refresh(deps: Deps, owner: string, client: OAuth2Client) {
    try {
      await client.getAccessToken();
    } catch (e) {
      const problem = googleProblem(e);
      if (problem.kind === 'broken') await markBroken(deps, owner, problem.message);
      throw problem;
    }
    const sealed = sealTokens(deps.keyring.secrets, client.credentials);
    await repo.updateTokens(deps.db, owner, sealed, deps.clock.now().toISOString());
  }

  const connects = createConnector({ log, timeoutMs: connectTimeoutMs });
  return {
    endpoints,
    oauthClient,
    sealTokens,
    connects,
    markBroken,
    async authorised(deps, owner) {
      const config = await clientConfig(deps.db, deps.keyring.secrets);
      const row = await repo.connectionOf(deps.db, owner);
      if (!config || !row) throw new GoogleProblem('not_connected', 'Google is not connected');
      if (row.status !== 'connected') throw new GoogleProblem('broken', `The Google connection is broken: ${row.broken_reason ?? ''}`);
      const client = clientOf(owner, config, JSON.parse(deps.keyring.secrets.open(row.tokens)) as StoredTokens);
      const { access_token, expiry_date } = client.credentials;
      if (access_token && (expiry_date ?? 0) - Date.now() > REFRESH_BEFORE_MS) return client;
      let flight = refreshing.get(owner);
      if (!flight) {
        flight = refresh(deps, owner, client).finally(() => refreshing.delete(owner));
        refreshing.set(owner, flight);
      }
      await flight;
      return client;
    },
    async close() {
      clients.clear();
      await connects.closeAll();
    },
  };
}
