import type { ClinicSettings } from '../../../shared/contract';
import type { Kysely } from 'kysely';
import { requireSession, type Ctx } from '../context';
import type { Database } from '../db/schema';
import { record } from '../audit/audit.service';
import { deleteSettings, readSettings, writeSettings } from './settings.repo';
import { DEFAULT_UPLOAD_LIMIT_MB } from '../../../shared/records';

export const DEFAULTS = {
  sessionIdleMinutes: 15, cancelCutoffMinutes: 120, reminderHours: 24, checkInOpensMinutes: 60, emergencyNumber: '112', kioskIdleSeconds: 90,
  uploadLimitMb: DEFAULT_UPLOAD_LIMIT_MB, waitlistHoldMinutes: 30,
};

// Read once per call: a booking needs them five times (session limit, time zone, emails, reminder, cutoff).
// saveClinicSettings forgets the call's copy, so a call that changes them reads them anew.
const perCall = new WeakMap<Ctx, Promise<ClinicSettings | null>>();

export function clinicSettings(ctx: Ctx): Promise<ClinicSettings | null> {
  let settings = perCall.get(ctx);
  if (!settings) perCall.set(ctx, (settings = readClinicSettings(ctx.db)));
  return settings;
}

/** The settings as stored now, outside any call (background work); calls use clinicSettings. */
export const readClinicSettings = async (db: Kysely<Database>): Promise<ClinicSettings | null> => clinicSettingsFrom(await readSettings(db));

/** The clinic's settings from the settings table's rows (key to value); null before the first run's setup. */
export function clinicSettingsFrom(s: Map<string, string>): ClinicSettings | null {
  const name = s.get('clinic.name');
  if (!name) return null;
  return {
    name,
    address: s.get('clinic.address') ?? '',
    state: s.get('clinic.state') as ClinicSettings['state'],
    timeZone: s.get('clinic.timeZone') ?? 'Asia/Kolkata',
    gstin: s.get('clinic.gstin'),
    phone: s.get('clinic.phone'),
    email: s.get('clinic.email'),
    sessionIdleMinutes: Number(s.get('session.idleMinutes') ?? DEFAULTS.sessionIdleMinutes),
    cancelCutoffMinutes: Number(s.get('appointments.cancelCutoffMinutes') ?? DEFAULTS.cancelCutoffMinutes),
    reminderHours: Number(s.get('mail.reminderHours') ?? DEFAULTS.reminderHours),
    checkInOpensMinutes: Number(s.get('appointments.checkInOpensMinutes') ?? DEFAULTS.checkInOpensMinutes),
    emergencyNumber: s.get('assistant.emergencyNumber') ?? DEFAULTS.emergencyNumber,
    kioskIdleSeconds: Number(s.get('kiosk.idleSeconds') ?? DEFAULTS.kioskIdleSeconds),
    uploadLimitMb: Number(s.get('records.uploadLimitMb') ?? DEFAULTS.uploadLimitMb),
    waitlistHoldMinutes: Number(s.get('waitlist.holdMinutes') ?? DEFAULTS.waitlistHoldMinutes),
  };
}

export const idleMinutes = async (ctx: Ctx) => (await clinicSettings(ctx))?.sessionIdleMinutes ?? DEFAULTS.sessionIdleMinutes;
export const cancelCutoffMinutes = async (ctx: Ctx) => (await clinicSettings(ctx))?.cancelCutoffMinutes ?? DEFAULTS.cancelCutoffMinutes;
export const reminderHours = async (ctx: Ctx) => (await clinicSettings(ctx))?.reminderHours ?? DEFAULTS.reminderHours;
export const waitlistHoldMinutes = async (ctx: Ctx) => (await clinicSettings(ctx))?.waitlistHoldMinutes ?? DEFAULTS.waitlistHoldMinutes;
export const checkInOpensMinutes = async (ctx: Ctx) => (await clinicSettings(ctx))?.checkInOpensMinutes ?? DEFAULTS.checkInOpensMinutes;
export const emergencyNumber = async (ctx: Ctx) => (await clinicSettings(ctx))?.emergencyNumber ?? DEFAULTS.emergencyNumber;
export const kioskIdleSeconds = async (ctx: Ctx) => (await clinicSettings(ctx))?.kioskIdleSeconds ?? DEFAULTS.kioskIdleSeconds;
/** The largest upload accepted, in bytes. */
export const uploadLimitBytes = async (ctx: Ctx) => ((await clinicSettings(ctx))?.uploadLimitMb ?? DEFAULTS.uploadLimitMb) * 1024 * 1024;

export async function saveClinicSettings(ctx: Ctx, c: ClinicSettings): Promise<void> {
  await writeSettings(ctx.db, {
    'clinic.name': c.name,
    'clinic.address': c.address,
    'clinic.state': c.state,
    'clinic.timeZone': c.timeZone,
    'session.idleMinutes': String(c.sessionIdleMinutes),
    'appointments.cancelCutoffMinutes': String(c.cancelCutoffMinutes),
    'mail.reminderHours': String(c.reminderHours),
    'appointments.checkInOpensMinutes': String(c.checkInOpensMinutes),
    'assistant.emergencyNumber': c.emergencyNumber,
    'kiosk.idleSeconds': String(c.kioskIdleSeconds),
    'records.uploadLimitMb': String(c.uploadLimitMb),
    'waitlist.holdMinutes': String(c.waitlistHoldMinutes),
    ...(c.gstin ? { 'clinic.gstin': c.gstin } : {}),
    ...(c.phone ? { 'clinic.phone': c.phone } : {}),
    ...(c.email ? { 'clinic.email': c.email } : {}),
  });
  const absent = (['gstin', 'phone', 'email'] as const).filter((k) => !c[k]).map((k) => `clinic.${k}`);
  if (absent.length) await deleteSettings(ctx.db, absent);
  perCall.delete(ctx);
}

export async function updateSettings(ctx: Ctx, c: ClinicSettings): Promise<ClinicSettings> {
  const before = await clinicSettings(ctx);
  await saveClinicSettings(ctx, c);
  const changed = Object.keys(c).filter((k) => before?.[k as keyof ClinicSettings] !== c[k as keyof ClinicSettings]);
  await record(ctx, { action: 'settings.updated', actorId: requireSession(ctx).userId, detail: { changed } });
  return c;
}
