import { z } from 'zod';
import { LIVE_TOPICS } from '../../../shared/live';
import { ROLES, type Role } from '../../../shared/roles';
import type { Ctx, Deps } from '../context';
import { notifySeats } from '../db/dialects';
import type { Change } from './bus';

// A service announces what its call changed; the dispatcher sends the announcements once the call's work is
// done, still inside its transaction: to the other seats by a NOTIFY that PostgreSQL delivers on commit, and to
// this seat's own screens after the commit. A call that rolls back announces nothing to anyone.

const announced = new WeakMap<Ctx, Change[]>();

/** Each thing is told once per call, to everyone any of its announcements named. */
export function announce(ctx: Ctx, change: Change): void {
  const list = announced.get(ctx) ?? [];
  const at = list.findIndex((c) => c.topic === change.topic && c.id === change.id);
  if (at < 0) list.push(change);
  else {
    const { roles, users } = list[at]!.audience;
    list[at] = { ...change, audience: { roles: [...new Set([...roles, ...change.audience.roles])], users: [...new Set([...users, ...change.audience.users])] } };
  }
  announced.set(ctx, list);
}

// PostgreSQL refuses a notification of 8,000 bytes or more: a call that changed that much has every screen read again.
const MAX_PAYLOAD = 7_000;

interface Payload {
  /** The sending bus's origin: a seat ignores its own notifications, having told its screens already. */
  o: string;
  c?: Change[];
}

function payloadOf(origin: string, changes: Change[]): string {
  const full = JSON.stringify({ o: origin, c: changes } satisfies Payload);
  return full.length < MAX_PAYLOAD ? full : JSON.stringify({ o: origin } satisfies Payload);
}

/** The dispatcher's step after a call's handler: inside its transaction, before the commit. */
export async function sendAnnounced(ctx: Ctx): Promise<void> {
  const changes = announced.get(ctx);
  if (!changes) return;
  await notifySeats(ctx.db, ctx.deps.dialect, payloadOf(ctx.deps.live.origin, changes));
  ctx.afterCommit(() => ctx.deps.live.publish(changes));
}

/** For work done outside a call (the mail sender's outcomes), already committed. */
export async function announceNow(deps: Deps, changes: Change[]): Promise<void> {
  await notifySeats(deps.db, deps.dialect, payloadOf(deps.live.origin, changes));
  deps.live.publish(changes);
}

const payloadSchema = z.object({
  o: z.string(),
  c: z
    .array(
      z.object({
        topic: z.enum(LIVE_TOPICS),
        id: z.number().int().nullable(),
        audience: z.object({ roles: z.array(z.enum(ROLES)), users: z.array(z.number().int()) }),
      }),
    )
    .optional(),
});

/** Another seat's notification: its changes, `all` when it sent too many to list, null for this seat's own or a malformed one. */
export function fromOtherSeat(payload: string, ownOrigin: string): Change[] | 'all' | null {
  let p: z.infer<typeof payloadSchema>;
  try {
    p = payloadSchema.parse(JSON.parse(payload));
  } catch {
    return null;
  }
  if (p.o === ownOrigin) return null;
  return p.c ?? 'all';
}

const ids = (...users: (number | null | undefined)[]) => users.filter((u): u is number => typeof u === 'number');

/** An appointment: the front desk, its patient (if they have an account) and its doctor. */
export const appointmentChange = (id: number | null, patientUserId?: number | null, doctorUserId?: number | null): Change => ({
  topic: 'appointments',
  id,
  audience: { roles: ['front_desk'], users: ids(patientUserId, doctorUserId) },
});

/** A doctor's standing (signed up, decided, suspended): the administrator, the front desk's board, the doctor. */
export const doctorChange = (id: number, doctorUserId?: number): Change => ({
  topic: 'doctors',
  id,
  audience: { roles: ['admin', 'front_desk'] satisfies Role[], users: ids(doctorUserId) },
});

/** The outbox: its queue is the administrator's. */
export const mailChange = (id: number | null): Change => ({ topic: 'mail', id, audience: { roles: ['admin'], users: [] } });

/** The assistant's urgent alerts: the administrator and doctors (the list itself admits only practising ones). */
export const alertChange = (id: number | null): Change => ({ topic: 'alerts', id, audience: { roles: ['admin', 'doctor'], users: [] } });

/** A patient's readings or alerts: the patient (if they have an account) and the doctors who monitor them. */
export const monitoringChange = (patientUserId: number | null, doctorUserIds: number[]): Change => ({
  topic: 'monitoring',
  id: null,
  audience: { roles: [], users: ids(patientUserId, ...doctorUserIds) },
});

/**
 * A doctor's waitlist (someone joined or left, a time was offered, taken, declined or ran out): the front desk,
 * which sees each doctor's list, and the accounts of those waiting whose offers changed.
 */
export const waitlistChange = (doctorId: number, accountUserIds: (number | null)[] = []): Change => ({
  topic: 'waitlist',
  id: doctorId,
  audience: { roles: ['front_desk'], users: ids(...accountUserIds) },
});
