import { z } from 'zod';
import * as f from '../fields';
import { httpsUrl } from '../video';
import { channel, none, ok } from './channel';

// Video consultations: the Google connections (the clinic's, a doctor's own), the administrator's video settings,
// an appointment's link (a doctor's own, or a new one), and the jobs that talk to Google.

export const CONNECT_REASONS = ['denied', 'scope', 'no_refresh', 'exchange', 'timeout', 'save'] as const;
export const JOB_STATUSES = ['pending', 'running', 'dead'] as const;

/** Whose Google calendar: the clinic's (administrator) or the signed-in doctor's own. */
const calendar = z.strictObject({ calendar: z.enum(['clinic', 'mine'], { error: 'invalid' }) });

const connection = z.object({
  /** The administrator has saved a client id and secret: connecting is possible. */
  clientConfigured: z.boolean(),
  /** waiting: a browser on this computer is on Google's consent page. */
  status: z.enum(['not_connected', 'waiting', 'connected', 'broken']),
  connectedAt: z.string().nullable(),
  connectedBy: z.string().nullable(),
  brokenAt: z.string().nullable(),
  /** Why the last attempt on this computer did not connect. */
  lastFailure: z.enum(CONNECT_REASONS).nullable(),
});
export type GoogleConnectionView = z.infer<typeof connection>;

const videoSettings = z.object({
  clientId: z.string(),
  clientSecretStored: z.boolean(),
  jitsiServer: z.string(),
  fallbackMinutes: z.number(),
});
export type VideoSettingsView = z.infer<typeof videoSettings>;

/** An https address of a server of its own, without a path: "https://meet.jit.si". */
const jitsiServer = z
  .string({ error: 'jitsi_invalid' })
  .trim()
  .max(200, 'too_long')
  .transform((v) => v.replace(/\/+$/, ''))
  .refine((v) => httpsUrl(v)?.pathname === '/' && !/[?#]/.test(v), 'jitsi_invalid');

const job = z.object({
  id: z.number(),
  kind: z.string(),
  appointmentId: z.number().nullable(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number(),
  dueAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type JobView = z.infer<typeof job>;

export const videoChannels = {
  'video.settings': channel({ input: none, output: videoSettings, roles: ['admin'] }),
  'video.saveSettings': channel({
    input: z.strictObject({
      /** Empty: no Google client (online appointments get Jitsi links); the stored secret goes too. */
      clientId: z.string({ error: 'invalid' }).trim().max(200, 'too_long').regex(/^$|^[\w.-]+\.apps\.googleusercontent\.com$/, 'client_id_invalid'),
      /** Absent: keep the stored secret. */
      clientSecret: z.string({ error: 'invalid' }).trim().min(1, 'client_secret_required').max(200, 'too_long').optional(),
      jitsiServer,
      fallbackMinutes: z.number({ error: 'fallback_invalid' }).int('fallback_invalid').min(1, 'fallback_invalid').max(240, 'fallback_invalid'),
    }),
    output: videoSettings,
    roles: ['admin'],
  }),
  'google.connection': channel({ input: calendar, output: connection, roles: ['admin', 'doctor'] }),
  'google.connect': channel({ input: calendar, output: z.object({ authUrl: z.string() }), roles: ['admin', 'doctor'] }),
  'google.disconnect': channel({ input: calendar, output: connection, roles: ['admin', 'doctor'] }),
  'video.useOwnLink': channel({
    input: z.strictObject({
      appointmentId: f.id,
      url: z.string({ error: 'link_invalid' }).trim().max(500, 'too_long').refine((v) => httpsUrl(v) !== null, 'link_invalid'),
    }),
    output: z.object({ done: z.literal(true) }),
    roles: ['doctor'],
  }),
  'video.newLink': channel({ input: z.strictObject({ appointmentId: f.id }), output: ok, roles: ['doctor'] }),
  'video.jobs': channel({ input: none, output: z.array(job), roles: ['admin'] }),
  'video.retryJob': channel({ input: z.strictObject({ id: f.id }), output: ok, roles: ['admin'] }),
} as const;
