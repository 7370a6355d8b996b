import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { CONNECT_REASONS } from '../../../shared/contract/video';
import { CodeChallengeMethod, type Credentials, type OAuth2Client } from 'google-auth-library';
import { escapeHtml } from '../mail/layout';
import { mailLanguage } from '../mail/templates';
import { wording } from '../resources';
import { CALENDAR_EVENTS_SCOPE } from './google-client';

// OAuth 2.0 for an installed app: the person's own browser opens Google's consent page, and Google sends it back
// to a listener MedLink opens on 127.0.0.1 at a random port for this one attempt, with PKCE (S256) and a state
// only this attempt knows. The code is taken and the browser sent on at once to a result page, so the code does
// not stay in its history; the listener closes after that page, after a refusal, or after five minutes.

export type ConnectReason = (typeof CONNECT_REASONS)[number];

/** An attempt as the screens see it: waiting for the browser, or how it ended when it did not succeed. */
export type AttemptStatus = { state: 'waiting' } | { state: 'failed'; reason: ConnectReason };

export interface ConnectRequest {
  /** Whose calendar: 'clinic' or 'doctor:<id>'. */
  owner: string;
  /** A fresh client of the administrator's client id and secret. */
  client: OAuth2Client;
  /** The language of the result page (the person connecting reads it). */
  language: string;
  /** Stores the new connection; a throw shows the person that it could not be saved. */
  save(tokens: Credentials): Promise<void>;
}

export interface Connector {
  /** Opens the listener and returns Google's consent URL for this attempt; an earlier attempt of the owner ends. */
  start(request: ConnectRequest): Promise<{ authUrl: string }>;
  /** This seat's attempt for the owner, or null when there is none (or it succeeded). */
  status(owner: string): AttemptStatus | null;
  /** Ends the owner's attempt, if any, and forgets how the last one went. */
  cancel(owner: string): void;
  closeAll(): Promise<void>;
}

interface Attempt {
  server: Server;
  status: AttemptStatus;
  timer: ReturnType<typeof setTimeout>;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function page(res: ServerResponse, status: number, language: string, title: string, body: string) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">` +
      `<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`,
  );
}

export function createConnector(options: { log: (m: string) => void; timeoutMs?: number }): Connector {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const attempts = new Map<string, Attempt>();
  const endings = new Set<Promise<void>>();

  /** Records how the attempt ended (null: it succeeded or was replaced; absent: as already recorded) and closes its listener. */
  function end(owner: string, attempt: Attempt, status?: AttemptStatus | null) {
    clearTimeout(attempt.timer);
    if (status !== undefined && attempts.get(owner) === attempt) {
      if (status) attempt.status = status;
      else attempts.delete(owner);
    }
    if (!attempt.server.listening) return;
    const closing = new Promise<void>((resolve) => attempt.server.close(() => resolve()));
    attempt.server.closeIdleConnections();
    endings.add(closing);
    void closing.finally(() => endings.delete(closing));
  }

  async function start(request: ConnectRequest): Promise<{ authUrl: string }> {
    const { owner, client } = request;
    const previous = attempts.get(owner);
    if (previous) end(owner, previous, null);
    const lang = mailLanguage(request.language);
    const words = wording('pages', lang);
    const t = (key: string, reason?: ConnectReason) =>
      (words.google_connect![key] ?? key).replace('{{reason}}', reason ? (words.connect_reasons![reason] ?? reason) : '');
    const state = randomBytes(32).toString('base64url');
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    let result: Promise<ConnectReason | null> | null = null;
    let attempt!: Attempt;

    async function exchange(code: string, redirectUri: string): Promise<ConnectReason | null> {
      let tokens: Credentials;
      try {
        ({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri }));
      } catch (e) {
        options.log(`Google did not accept the sign-in for ${owner}: ${e instanceof Error ? e.message : String(e)}`);
        return 'exchange';
      }
      if (!(tokens.scope ?? '').split(' ').includes(CALENDAR_EVENTS_SCOPE)) return 'scope';
      if (!tokens.refresh_token) return 'no_refresh';
      try {
        await request.save(tokens);
      } catch (e) {
        options.log(`The Google connection of ${owner} could not be saved: ${e instanceof Error ? e.message : String(e)}`);
        return 'save';
      }
      return null;
    }

    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET') return page(res, 405, lang, t('failedTitle'), t('closed'));
      if (url.pathname === '/done') {
        if (!result) return page(res, 404, lang, t('failedTitle'), t('closed'));
        void result.then((reason) => {
          if (reason) page(res, 200, lang, t('failedTitle'), t('failedBody', reason));
          else page(res, 200, lang, t('connectedTitle'), t('connectedBody'));
          end(owner, attempt);
        });
        return;
      }
      const q = url.searchParams;
      // Anything not carrying this attempt's state (another site, an old tab) changes nothing; the attempt goes on.
      if (url.pathname !== '/' || result || !sameText(q.get('state') ?? '', state)) return page(res, 400, lang, t('failedTitle'), t('notOurs'));
      const code = q.get('code');
      result = code ? exchange(code, redirectUri) : Promise.resolve('denied');
      // The screens learn the outcome at once; the listener waits a little for the browser to fetch its page.
      void result.then((reason) => {
        if (attempts.get(owner) === attempt) {
          if (reason) attempt.status = { state: 'failed', reason };
          else attempts.delete(owner);
        }
        clearTimeout(attempt.timer);
        attempt.timer = setTimeout(() => end(owner, attempt), 60_000);
        attempt.timer.unref?.();
      });
      res.writeHead(302, { Location: '/done', 'Cache-Control': 'no-store' });
      res.end();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const redirectUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    attempt = {
      server,
      status: { state: 'waiting' },
      timer: setTimeout(() => {
        if (!result) end(owner, attempt, { state: 'failed', reason: 'timeout' });
      }, timeoutMs),
    };
    attempt.timer.unref?.();
    attempts.set(owner, attempt);
    const authUrl = client.generateAuthUrl({
      access_type: 'offline',
      // Consent every time: only then does Google hand out a refresh token again for an account that had one.
      prompt: 'consent',
      scope: [CALENDAR_EVENTS_SCOPE],
      state,
      redirect_uri: redirectUri,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge,
    });
    return { authUrl };
  }

  return {
    start,
    status: (owner) => attempts.get(owner)?.status ?? null,
    cancel(owner) {
      const attempt = attempts.get(owner);
      if (attempt) end(owner, attempt, null);
    },
    async closeAll() {
      for (const [owner, attempt] of [...attempts]) end(owner, attempt, null);
      await Promise.all(endings);
    },
  };
}
