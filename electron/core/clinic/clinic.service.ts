import type { ClinicSettings } from '../../../shared/contract';
import { requireSession, type Ctx } from '../context';
import { record } from '../audit/audit.service';
import { deleteSettings, readSettings, writeSettings } from './settings.repo';

export const DEFAULT_IDLE_MINUTES = 15;

export async function clinicSettings(ctx: Ctx): Promise<ClinicSettings | null> {
  const s = await readSettings(ctx.db);
  const name = s.get('clinic.name');
  if (!name) return null;
  return {
    name,
    address: s.get('clinic.address') ?? '',
    state: s.get('clinic.state') as ClinicSettings['state'],
    timeZone: s.get('clinic.timeZone') ?? 'Asia/Kolkata',
    gstin: s.get('clinic.gstin'),
    sessionIdleMinutes: Number(s.get('session.idleMinutes') ?? DEFAULT_IDLE_MINUTES),
  };
}

export async function idleMinutes(ctx: Ctx): Promise<number> {
  const s = await readSettings(ctx.db);
  return Number(s.get('session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
}

export async function saveClinicSettings(ctx: Ctx, c: ClinicSettings): Promise<void> {
  await writeSettings(ctx.db, {
    'clinic.name': c.name,
    'clinic.address': c.address,
    'clinic.state': c.state,
    'clinic.timeZone': c.timeZone,
    'session.idleMinutes': String(c.sessionIdleMinutes),
    ...(c.gstin ? { 'clinic.gstin': c.gstin } : {}),
  });
  if (!c.gstin) await deleteSettings(ctx.db, ['clinic.gstin']);
}

export async function updateSettings(ctx: Ctx, c: ClinicSettings): Promise<ClinicSettings> {
  const before = await clinicSettings(ctx);
  await saveClinicSettings(ctx, c);
  const changed = Object.keys(c).filter((k) => before?.[k as keyof ClinicSettings] !== c[k as keyof ClinicSettings]);
  await record(ctx, { action: 'settings.updated', actorId: requireSession(ctx).userId, detail: { changed } });
  return c;
}
