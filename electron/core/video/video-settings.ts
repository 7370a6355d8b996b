import type { Kysely } from 'kysely';
import type { GoogleConnectionView, ParsedInput, VideoSettingsView } from '../../../shared/contract';
import { PUBLIC_JITSI } from '../../../shared/video';
import { record } from '../audit/audit.service';
import { userById } from '../auth/auth.repo';
import { deleteSettings, readSettings, writeSettings } from '../clinic/settings.repo';
import { DomainError, inTransaction, requireSession, type Ctx } from '../context';
import type { Database } from '../db/schema';
import { practisingDoctor } from '../scheduling/availability.service';
import { enqueueJob } from '../jobs/jobs.service';
import { dueNow } from '../jobs/jobs.repo';
import { calendarDetail, CLIENT_SETTINGS, CLINIC_OWNER, clientConfig, doctorOwner } from './google-client';
import * as repo from './google.repo';
import { pendingOnCalendar } from './video-links.repo';

// The administrator's video settings (Google client, Jitsi server, how long Google gets before Jitsi takes over)
// and the Google connections: the clinic's, made by the administrator, and each doctor's own.

const KEY = { jitsiServer: 'video.jitsiServer', fallbackMinutes: 'video.fallbackMinutes' } as const;
export const DEFAULT_FALLBACK_MINUTES = 10;

export interface VideoConfig {
  jitsiServer: string;
  fallbackMinutes: number;
}

export async function videoConfig(db: Kysely<Database>): Promise<VideoConfig> {
  const s = await readSettings(db);
  return { jitsiServer: s.get(KEY.jitsiServer) ?? PUBLIC_JITSI, fallbackMinutes: Number(s.get(KEY.fallbackMinutes) ?? DEFAULT_FALLBACK_MINUTES) };
}

/** The hosts of the clinic's own video servers (its Jitsi server), which MedLink may open besides the known services. */
export async function clinicVideoHosts(db: Kysely<Database>): Promise<string[]> {
  return [new URL((await videoConfig(db)).jitsiServer).hostname];
}

export async function videoSettings(ctx: Ctx): Promise<VideoSettingsView> {
  const s = await readSettings(ctx.db);
  const config = await videoConfig(ctx.db);
  return { clientId: s.get(CLIENT_SETTINGS.clientId) ?? '', clientSecretStored: !!s.get(CLIENT_SETTINGS.clientSecret), ...config };
}

export async function saveVideoSettings(ctx: Ctx, input: ParsedInput<'video.saveSettings'>): Promise<VideoSettingsView> {
  const admin = requireSession(ctx);
  const stored = await readSettings(ctx.db);
  // A stored secret belongs to its client id: a new id needs its own secret.
  const secretKept = !!stored.get(CLIENT_SETTINGS.clientSecret) && stored.get(CLIENT_SETTINGS.clientId) === input.clientId;
  if (input.clientId && !input.clientSecret && !secretKept) {
    throw new DomainError('VALIDATION', 'Please check these fields: clientSecret.', { fields: { clientSecret: 'client_secret_required' } });
  }
  const values: Record<string, string> = {
    [CLIENT_SETTINGS.clientId]: input.clientId,
    [KEY.jitsiServer]: input.jitsiServer,
    [KEY.fallbackMinutes]: String(input.fallbackMinutes),
  };
  if (input.clientId && input.clientSecret) values[CLIENT_SETTINGS.clientSecret] = ctx.deps.keyring.secrets.seal(input.clientSecret);
  await writeSettings(ctx.db, values);
  // No client: no secret to keep either.
  if (!input.clientId) await deleteSettings(ctx.db, [CLIENT_SETTINGS.clientSecret]);
  const changed = Object.keys(values).filter((k) => k === CLIENT_SETTINGS.clientSecret || stored.get(k) !== values[k]);
  if (!input.clientId && stored.has(CLIENT_SETTINGS.clientSecret)) changed.push(CLIENT_SETTINGS.clientSecret);
  await record(ctx, { action: 'settings.updated', actorId: admin.userId, detail: { changed } });
  return videoSettings(ctx);
}

/** The calendar a call means: the clinic's (administrators only) or the calling doctor's own. */
async function ownerFor(ctx: Ctx, which: 'clinic' | 'mine'): Promise<{ owner: string; doctorId: number | null }> {
  const session = requireSession(ctx);
  if (which === 'clinic') {
    if (!session.roles.includes('admin')) throw new DomainError('FORBIDDEN', "Only the clinic's administrator can connect the clinic's Google account.");
    return { owner: CLINIC_OWNER, doctorId: null };
  }
  if (!session.roles.includes('doctor')) throw new DomainError('FORBIDDEN', 'Only a doctor can connect their own Google account.');
  const doctor = await practisingDoctor(ctx);
  return { owner: doctorOwner(doctor.id), doctorId: doctor.id };
}

async function connectionView(ctx: Ctx, owner: string): Promise<GoogleConnectionView> {
  const [row, config] = await Promise.all([repo.connectionOf(ctx.db, owner), clientConfig(ctx.db, ctx.deps.keyring.secrets)]);
  const attempt = ctx.deps.google.connects.status(owner);
  const by = row ? await userById(ctx.db, row.connected_by) : undefined;
  return {
    clientConfigured: !!config,
    status: attempt?.state === 'waiting' ? 'waiting' : row ? (row.status === 'connected' ? 'connected' : 'broken') : 'not_connected',
    connectedAt: row?.connected_at ?? null,
    connectedBy: by?.full_name ?? null,
    brokenAt: row?.broken_at ?? null,
    lastFailure: attempt?.state === 'failed' ? attempt.reason : null,
  };
}

export async function connection(ctx: Ctx, which: 'clinic' | 'mine'): Promise<GoogleConnectionView> {
  return connectionView(ctx, (await ownerFor(ctx, which)).owner);
}

/**
 * Opens this seat's listener for Google's answer and returns the consent page's address, which the screen opens
 * in the system browser. The connection is stored when the browser comes back (google-connect.ts).
 */
export async function connect(ctx: Ctx, which: 'clinic' | 'mine'): Promise<{ authUrl: string }> {
  const { owner, doctorId } = await ownerFor(ctx, which);
  const config = await clientConfig(ctx.db, ctx.deps.keyring.secrets);
  if (!config) throw new DomainError('CONFLICT', "The clinic's Google client is not set up yet. The administrator enters its client ID and secret under Video consultations.");
  const userId = requireSession(ctx).userId;
  const language = (await userById(ctx.db, userId))?.language ?? 'en';
  const { deps } = ctx;
  return deps.google.connects.start({
    owner,
    client: deps.google.oauthClient(config),
    language,
    save: (tokens) =>
      inTransaction(deps, async (c) => {
        const nowIso = c.now.toISOString();
        await repo.saveConnection(c.db, {
          owner, doctor_id: doctorId, status: 'connected', tokens: deps.google.sealTokens(deps.keyring.secrets, tokens),
          connected_by: userId, connected_at: nowIso, broken_at: null, broken_reason: null, updated_at: nowIso,
        });
        await record(c, { action: 'google.connected', actorId: userId, detail: calendarDetail(owner) });
      }),
  });
}

/**
 * Forgets the connection at once and revokes its token at Google through a job (no call to Google inside a
 * transaction). Links already made keep working; links still being made get a Jitsi room instead.
 */
export async function disconnect(ctx: Ctx, which: 'clinic' | 'mine'): Promise<GoogleConnectionView> {
  const { owner } = await ownerFor(ctx, which);
  ctx.deps.google.connects.cancel(owner);
  const row = await repo.deleteConnection(ctx.db, owner);
  if (row) {
    const { refresh_token } = JSON.parse(ctx.deps.keyring.secrets.open(row.tokens)) as { refresh_token: string };
    await enqueueJob(ctx, { kind: 'google.revoke', payload: { token: ctx.deps.keyring.secrets.seal(refresh_token) } });
    const waiting = (await pendingOnCalendar(ctx.db, owner)).map((l) => l.appointment_id);
    await dueNow(ctx.db, 'video.sync', waiting, ctx.now.toISOString());
    await record(ctx, { action: 'google.disconnected', actorId: requireSession(ctx).userId, detail: calendarDetail(owner) });
  }
  return connectionView(ctx, owner);
}
