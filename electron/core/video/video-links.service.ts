import { createHash, randomBytes } from 'node:crypto';
import type { AppointmentView, ParsedInput } from '../../../shared/contract';
import { isVideoLink, PUBLIC_JITSI, type VideoProvider } from '../../../shared/video';
import { knowAuditTail, record } from '../audit/audit.service';
import { readTogether } from '../db/dialects';
import { DomainError, requireSession, type Ctx } from '../context';
import { enqueueJob } from '../jobs/jobs.service';
import { appointmentMail } from '../scheduling/appointment-mail';
import { appointmentById, changeReads, type AppointmentRow } from '../scheduling/appointments.repo';
import { diaryLocksOf } from '../scheduling/time-check';
import { CLINIC_OWNER, clientConfig, doctorOwner } from './google-client';
import { connectedOwners } from './google.repo';
import { clinicVideoHosts, videoConfig } from './video-settings';
import * as repo from './video-links.repo';

// An online appointment's video link through every change, inside the change's own transaction: a new online
// appointment gets a link (a Jitsi room at once without Google; with Google, a job makes the Meet event), a move
// keeps it (a job moves the event), going in person or being cancelled removes it (a job deletes the event).

/** The appointments that still have a visit ahead, and so a link. */
const ACTIVE = new Set(['booked', 'checked_in']);

/**
 * The calendar event id (and the conference's request id) of one link: derived from the appointment's own
 * unguessable id and the link's generation, and fixed before Google is asked, so a retry, or another seat doing
 * the same job, meets the event already made (Google answers 409) instead of making a second meeting.
 * Google's event ids take the characters a–v and 0–9; hex is a subset.
 */
const eventIdOf = (icsUid: string, generation: number) => `ml${createHash('sha256').update(`${icsUid}#${generation}`).digest('hex').slice(0, 40)}`;

/** A room nobody can guess (128 random bits) on the clinic's Jitsi server. */
export const jitsiRoom = (server: string) => `${server}/MedLink-${randomBytes(16).toString('hex')}`;

/** The Google calendar a new link goes on: the doctor's own if connected, else the clinic's; null without Google. */
async function calendarFor(ctx: Ctx, doctorId: number): Promise<string | null> {
  if (!(await clientConfig(ctx.db, ctx.deps.keyring.secrets))) return null;
  return (await connectedOwners(ctx.db, [doctorOwner(doctorId), CLINIC_OWNER]))[0] ?? null;
}

/**
 * A new link for the appointment (its next generation): a Meet link on the way, or a Jitsi room now. The change
 * that needs it takes the link from what this returns, so the row is put off (writeLater).
 */
async function newLink(ctx: Ctx, a: Pick<AppointmentRow, 'id' | 'doctor_id' | 'ics_uid'>, previous?: repo.VideoLinkRow): Promise<LinkColumns> {
  const generation = (previous?.generation ?? 0) + 1;
  const owner = await calendarFor(ctx, a.doctor_id);
  const nowIso = ctx.now.toISOString();
  const common = { appointment_id: a.id, generation, since: nowIso, last_error: null, updated_at: nowIso };
  if (owner) {
    await repo.putLink(ctx.db, { ...common, provider: 'google_meet', state: 'pending', url: null, event_id: eventIdOf(a.ics_uid, generation), calendar_owner: owner });
    await enqueueJob(ctx, { kind: 'video.sync', appointmentId: a.id });
    return { video_provider: 'google_meet', video_state: 'pending', video_url: null };
  }
  const url = jitsiRoom((await videoConfig(ctx.db)).jitsiServer);
  await repo.putLink(ctx.db, { ...common, provider: 'jitsi', state: 'ready', url, event_id: null, calendar_owner: null });
  return { video_provider: 'jitsi', video_state: 'ready', video_url: url };
}

const NO_LINK: LinkColumns = { video_provider: null, video_state: null, video_url: null };
const columnsOf = (link: repo.VideoLinkRow | undefined): LinkColumns =>
  link ? { video_provider: link.provider, video_state: link.state, video_url: link.url } : NO_LINK;

/** A link leaves: its Google event, if one may exist, is deleted by a job (one already gone is fine). */
export async function retireEvent(ctx: Ctx, link: repo.VideoLinkRow) {
  if (link.provider === 'google_meet' && link.event_id && link.calendar_owner) {
    await enqueueJob(ctx, { kind: 'video.delete', payload: { calendar: link.calendar_owner, eventId: link.event_id } });
  }
}

/**
 * Brings the appointment's link in line with the appointment as a change left it (`before`: its times and mode
 * before the change, and its link if the caller has read it, null for none; absent for a new booking, which has no
 * link yet). Call before the change's emails are written: they carry the link. Returns the link as the change
 * leaves it, as an appointment's row shows it.
 */
export async function linkAfterChange(
  ctx: Ctx,
  a: Pick<AppointmentRow, 'id' | 'doctor_id' | 'ics_uid' | 'mode' | 'status' | 'start_at' | 'end_at'>,
  before?: Pick<AppointmentRow, 'start_at' | 'end_at'> & { link?: repo.VideoLinkRow | null },
): Promise<LinkColumns> {
  const wanted = a.mode === 'online' && ACTIVE.has(a.status);
  const link = before ? ((before.link === undefined ? await repo.linkOf(ctx.db, a.id) : before.link) ?? undefined) : undefined;
  const live = link && link.state !== 'removed' ? link : undefined;
  if (wanted && !live) return newLink(ctx, a, link);
  if (!wanted && live) {
    await retireEvent(ctx, live);
    await repo.updateLink(ctx.db, a.id, live.generation, { state: 'removed', url: null, updated_at: ctx.now.toISOString() });
    return { ...columnsOf(live), video_state: 'removed', video_url: null };
  }
  // Moved: the Meet event follows (its conference, so the link, stays the same).
  if (live?.provider === 'google_meet' && before && (before.start_at !== a.start_at || before.end_at !== a.end_at)) {
    await enqueueJob(ctx, { kind: 'video.sync', appointmentId: a.id });
  }
  return columnsOf(link);
}

/**
 * The appointment as its doctor may change its link, read again with the link once the doctor's diary is held (the
 * audit log's lock with it): a cancellation or a move at another seat meanwhile is seen.
 */
async function doctorsOnlineAppointment(ctx: Ctx, appointmentId: number) {
  const session = requireSession(ctx);
  const { appointment, link: linkRead, auditTail } = changeReads(ctx.db, appointmentId, session.userId);
  const read = await readTogether(ctx.db, ctx.deps.dialect, { appointment, link: linkRead, auditTail }, diaryLocksOf(ctx.db, appointmentId));
  const a = read.appointment[0];
  if (!a || a.doctor_user_id !== session.userId) throw new DomainError('NOT_FOUND', 'No appointment of yours has this number.');
  knowAuditTail(ctx, read.auditTail[0]);
  const link = read.link[0];
  if (a.mode !== 'online' || !ACTIVE.has(a.status) || !link || link.state === 'removed' || Date.parse(a.end_at) <= ctx.now.getTime()) {
    throw new DomainError('CONFLICT', 'Only an online appointment that has not ended has a video link to change.');
  }
  return { a, link, session };
}

async function linkReplaced(ctx: Ctx, a: NonNullable<Awaited<ReturnType<typeof appointmentById>>>, userId: number, link: LinkColumns) {
  await record(ctx, { action: 'video.link_replaced', actorId: userId, patientId: a.patient_id, detail: { appointmentId: a.id, provider: link.video_provider } });
  // A link ready now is mailed now; a Meet link on its way is mailed by its job once it exists.
  if (link.video_state === 'ready') await appointmentMail(ctx, { ...a, ...link }, { kind: 'link', replaced: true });
}

/** The doctor's own link (Zoom, Teams, their own Meet…) replaces the appointment's; everyone is mailed it. */
export async function useOwnLink(ctx: Ctx, input: ParsedInput<'video.useOwnLink'>): Promise<{ done: true }> {
  const { a, link, session } = await doctorsOnlineAppointment(ctx, input.appointmentId);
  if (!isVideoLink(input.url, await clinicVideoHosts(ctx.db))) {
    throw new DomainError('VALIDATION', 'Please check these fields: url.', { fields: { url: 'link_host' } });
  }
  await retireEvent(ctx, link);
  const nowIso = ctx.now.toISOString();
  await repo.putLink(ctx.db, {
    appointment_id: a.id, provider: 'own', state: 'ready', url: input.url, event_id: null, calendar_owner: null,
    generation: link.generation + 1, since: nowIso, last_error: null, updated_at: nowIso,
  });
  await linkReplaced(ctx, a, session.userId, { video_provider: 'own', video_state: 'ready', video_url: input.url });
  return { done: true };
}

/** A new link in place of the old one, made the usual way (Google, or Jitsi without it); everyone is mailed it. */
export async function newLinkFor(ctx: Ctx, appointmentId: number): Promise<{ done: true }> {
  const { a, link, session } = await doctorsOnlineAppointment(ctx, appointmentId);
  await retireEvent(ctx, link);
  await linkReplaced(ctx, a, session.userId, await newLink(ctx, a, link));
  return { done: true };
}

export type LinkColumns = { video_provider: string | null; video_state: string | null; video_url: string | null };

/** The link as an appointment's view shows it: only a live one, never one that was replaced or removed. */
export function videoView(row: LinkColumns & { mode: string }): AppointmentView['video'] {
  if (row.mode !== 'online' || !row.video_provider || (row.video_state !== 'pending' && row.video_state !== 'ready')) return null;
  const url = row.video_state === 'ready' ? row.video_url : null;
  return {
    provider: row.video_provider as VideoProvider,
    state: row.video_state,
    url,
    moderatorSignIn: row.video_provider === 'jitsi' && !!url && url.startsWith(`${PUBLIC_JITSI}/`),
  };
}
