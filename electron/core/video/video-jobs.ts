import { inTransaction, type Ctx, type Deps } from '../context';
import { dueNow, type JobRow } from '../jobs/jobs.repo';
import type { JobHandlers } from '../jobs/jobs.service';
import type { Outcome } from '../queue/worker';
import { readClinicSettings } from '../clinic/clinic.service';
import { appointmentMail } from '../scheduling/appointment-mail';
import { appointmentById, type DetailedRow } from '../scheduling/appointments.repo';
import { clientConfig, googleProblem, type GoogleProblem } from './google-client';
import { createEvent, deleteEvent, moveEvent, type Meeting } from './google-calendar';
import { contactOf } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import { doctorById } from '../doctors/doctors.repo';
import { jitsiRoom, retireEvent } from './video-links.service';
import * as repo from './video-links.repo';
import { videoConfig } from './video-settings';

// The jobs that talk to Google, each outside any transaction, each result recorded in a short one of its own:
// make (or move) an appointment's Meet event and read its link, delete an event, revoke a disconnected token.
// A link Google cannot make within the clinic's fallback time becomes a Jitsi room, and everyone is told.

/** While Google makes the meeting: look again soon, then less often (half the time waited so far, 2 s to 1 min). */
const pollDelay = (waitedMs: number) => Math.min(Math.max(waitedMs / 2, 2_000), 60_000);

async function clinicOf(deps: Deps) {
  const c = await readClinicSettings(deps.db);
  return { name: c?.name ?? 'MedLink', timeZone: c?.timeZone ?? 'Asia/Kolkata' };
}

/** What the calendar event of an appointment says (no reason for the visit: that stays in MedLink). */
async function eventPlan(deps: Deps, a: DetailedRow, link: repo.VideoLinkRow) {
  const [patient, doctor, clinic] = await Promise.all([patientById(deps.db, a.patient_id), doctorById(deps.db, a.doctor_id), clinicOf(deps)]);
  // A family member joins through their account holder's address.
  const contact = patient ? await contactOf(deps.db, patient) : null;
  const attendees = [
    ...(contact?.email ? [{ email: contact.email, displayName: contact.name }] : []),
    ...(doctor ? [{ email: doctor.email, displayName: doctor.full_name }] : []),
  ];
  return {
    eventId: link.event_id!,
    requestId: link.event_id!,
    summary: `${a.patient_name} · ${a.doctor_name} (${clinic.name})`,
    description: `Online consultation booked in MedLink, booking no. ${a.number}.`,
    start: new Date(a.start_at),
    end: new Date(a.end_at),
    timeZone: clinic.timeZone,
    attendees,
  };
}

/**
 * Runs `fn` in a short transaction if the link is still as this job found it. If it was replaced or removed while
 * Google was being asked, what Google just made or moved belongs to nobody: its event is deleted by a job (the
 * change that replaced it queued one too, maybe before the event existed; a second delete finds it gone).
 */
async function ifCurrent(deps: Deps, link: repo.VideoLinkRow, fn: (ctx: Ctx) => Promise<void>): Promise<boolean> {
  return inTransaction(deps, async (ctx) => {
    const current = await repo.linkOf(ctx.db, link.appointment_id);
    const eventWanted = current && current.generation === link.generation && current.provider === 'google_meet' && current.state !== 'removed';
    if (!eventWanted) await retireEvent(ctx, link);
    // Another seat may have recorded the same answer already (same event, same link): nothing more to do then.
    if (!eventWanted || current.state !== link.state) return false;
    await fn(ctx);
    return true;
  });
}

/** Records Google's answer; mails everyone when it is a link they do not have yet. */
function record(deps: Deps, link: repo.VideoLinkRow, set: Partial<repo.VideoLinkRow>, mail: { replaced: boolean } | false) {
  return ifCurrent(deps, link, async (ctx) => {
    await repo.updateLink(ctx.db, link.appointment_id, link.generation, { ...set, updated_at: ctx.now.toISOString() });
    if (mail) await appointmentMail(ctx, (await appointmentById(ctx.db, link.appointment_id))!, { kind: 'link', ...mail });
  });
}

/** The link becomes a Jitsi room (Google failed for too long, refused, or the connection is gone). */
async function fallBack(deps: Deps, link: repo.VideoLinkRow, why: string, deleteEvent: boolean): Promise<Outcome> {
  const { jitsiServer } = await videoConfig(deps.db);
  await ifCurrent(deps, link, async (ctx) => {
    // Google may have made the event after all (an answer lost on the way): it must not linger in the calendar.
    if (deleteEvent) await retireEvent(ctx, link);
    await repo.updateLink(ctx.db, link.appointment_id, link.generation, {
      provider: 'jitsi', state: 'ready', url: jitsiRoom(jitsiServer), last_error: why, updated_at: ctx.now.toISOString(),
    });
    await appointmentMail(ctx, (await appointmentById(ctx.db, link.appointment_id))!, { kind: 'link', replaced: link.state === 'ready' || link.generation > 1 });
  });
  deps.log(`appointment ${link.appointment_id}: video link falls back to Jitsi (${why})`);
  return { done: true };
}

/** Makes the appointment's Meet event match it: created (or found) while pending, moved once ready. */
async function sync(deps: Deps, appointmentId: number): Promise<Outcome> {
  const [link, a] = await Promise.all([repo.linkOf(deps.db, appointmentId), appointmentById(deps.db, appointmentId)]);
  // Nothing of Google's to do: the link was removed, replaced by Jitsi or the doctor's own, or never was Google's.
  if (!a || !link || link.provider !== 'google_meet' || link.state === 'removed' || !link.event_id || !link.calendar_owner) return { done: true };
  const now = deps.clock.now().getTime();
  const deadline = Date.parse(link.since) + (await videoConfig(deps.db)).fallbackMinutes * 60_000;
  let meeting: Meeting;
  try {
    const auth = await deps.google.authorised(deps, link.calendar_owner);
    const root = deps.google.endpoints.calendar;
    // Pending: the insert is asked again each time (an event already made answers 409 and is read), so a lost
    // answer, a crash between insert and record, or another seat on the same job never leaves it half made.
    if (link.state === 'pending') meeting = await createEvent(auth, root, await eventPlan(deps, a, link));
    else meeting = await moveEvent(auth, root, link.event_id, { start: new Date(a.start_at), end: new Date(a.end_at), timeZone: (await clinicOf(deps)).timeZone });
  } catch (e) {
    return failed(deps, link, await brokenMarked(deps, link.calendar_owner, googleProblem(e)), deadline, now);
  }
  if (meeting.state === 'ready') {
    if (link.state === 'pending') await record(deps, link, { state: 'ready', url: meeting.url, last_error: null }, { replaced: link.generation > 1 });
    else await record(deps, link, { url: meeting.url, last_error: null }, meeting.url !== link.url && { replaced: true });
    return { done: true };
  }
  if (meeting.state === 'failed') return fallBack(deps, link, 'Google could not make a Meet conference', true);
  if (meeting.state === 'deleted') return fallBack(deps, link, 'The calendar event was deleted in Google Calendar', false);
  // Still pending at Google: look again soon, unless the clinic's patience has run out.
  if (now >= deadline) return fallBack(deps, link, 'Google took too long to make the meeting', true);
  if (!(await ifCurrent(deps, link, async () => undefined))) return { done: true };
  return { done: false, notYet: true, error: 'Google is still making the meeting', retryInMs: Math.min(pollDelay(now - Date.parse(link.since)), deadline - now) };
}

function failed(deps: Deps, link: repo.VideoLinkRow, problem: GoogleProblem, deadline: number, now: number): Promise<Outcome> | Outcome {
  if (link.state === 'ready') {
    // The Meet link exists and still works; only its calendar event could not be moved.
    if (problem.kind === 'not_connected' || problem.kind === 'broken') return { done: false, final: true, error: `${problem.message}: the event keeps its old time in Google Calendar` };
    if (problem.kind === 'gone') return fallBack(deps, link, 'The calendar event was deleted in Google Calendar', false);
    return { done: false, error: problem.message, retryInMs: problem.retryAfterMs };
  }
  if (problem.kind === 'not_connected' || problem.kind === 'broken') return wakeOthers(deps, link).then(() => fallBack(deps, link, problem.message, false));
  if (now >= deadline) return fallBack(deps, link, `Google failed for too long: ${problem.message}`, true);
  return { done: false, error: problem.message, retryInMs: problem.retryAfterMs, notAfter: deadline };
}

/** A grant Google refused during a call (not only on a refresh) breaks the connection too. */
async function brokenMarked(deps: Deps, owner: string, problem: GoogleProblem): Promise<GoogleProblem> {
  if (problem.kind === 'broken') await deps.google.markBroken(deps, owner, problem.message);
  return problem;
}

/** The other links waiting on a calendar that is no longer usable fall back at once too, not at their next try. */
async function wakeOthers(deps: Deps, link: repo.VideoLinkRow) {
  const waiting = (await repo.pendingOnCalendar(deps.db, link.calendar_owner!)).map((l) => l.appointment_id).filter((id) => id !== link.appointment_id);
  await dueNow(deps.db, 'video.sync', waiting, deps.clock.now().toISOString());
}

async function removeEvent(deps: Deps, job: JobRow): Promise<Outcome> {
  const { calendar, eventId } = JSON.parse(job.payload ?? '{}') as { calendar: string; eventId: string };
  try {
    await deleteEvent(await deps.google.authorised(deps, calendar), deps.google.endpoints.calendar, eventId);
    return { done: true };
  } catch (e) {
    const problem = await brokenMarked(deps, calendar, googleProblem(e));
    if (problem.kind === 'not_connected' || problem.kind === 'broken') {
      return { done: false, final: true, error: `${problem.message}: delete event ${eventId} in Google Calendar by hand` };
    }
    return { done: false, error: problem.message, retryInMs: problem.retryAfterMs };
  }
}

async function revoke(deps: Deps, job: JobRow): Promise<Outcome> {
  const { token } = JSON.parse(job.payload ?? '{}') as { token: string };
  const config = await clientConfig(deps.db, deps.keyring.secrets);
  try {
    await deps.google.oauthClient(config ?? { clientId: '', clientSecret: '' }).revokeToken(deps.keyring.secrets.open(token));
    return { done: true };
  } catch (e) {
    // Already revoked (the person removed MedLink's access at Google): what was wanted.
    if ((e as { response?: { data?: { error?: string } } }).response?.data?.error === 'invalid_token') return { done: true };
    const problem = googleProblem(e);
    return { done: false, error: problem.message, retryInMs: problem.retryAfterMs };
  }
}

export const videoJobHandlers = (deps: Deps): JobHandlers<'video.sync' | 'video.delete' | 'google.revoke'> => ({
  'video.sync': (job) => sync(deps, job.appointment_id!),
  'video.delete': (job) => removeEvent(deps, job),
  'google.revoke': (job) => revoke(deps, job),
});
