import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import { googleProblem } from './google-client';

// The Calendar API calls a video link needs, through Google's own client: an event with a Meet conference
// (insert, read while the conference is pending, move, delete). MedLink sends its own emails (sendUpdates=none)
// and retries through its jobs queue, visibly, so the client's own silent retries are off.

const CALL = { retry: false, timeout: 20_000 } as const;
const CALENDAR_ID = 'primary';

export interface EventPlan {
  /** Chosen by MedLink before the event exists (see eventIdOf), so creating it twice is refused by Google (409). */
  eventId: string;
  /** The conference's request id: the same one for every retry, so no retry makes a second meeting. */
  requestId: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  timeZone: string;
  attendees: { email: string; displayName: string }[];
}

/** Where the event's meeting stands. */
export type Meeting = { state: 'pending' } | { state: 'ready'; url: string } | { state: 'failed' } | { state: 'deleted' };

const api = (auth: OAuth2Client, rootUrl: string) => calendar({ version: 'v3', auth, rootUrl });

const MEET = /^https:\/\/meet\.google\.com\/[a-z0-9-]+$/;

function meetingOf(event: calendar_v3.Schema$Event): Meeting {
  if (event.status === 'cancelled') return { state: 'deleted' };
  const status = event.conferenceData?.createRequest?.status?.statusCode;
  const url = event.hangoutLink ?? event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri ?? null;
  if (url && MEET.test(url)) return { state: 'ready', url };
  if (status === 'failure' || (status === 'success' && !url)) return { state: 'failed' };
  return { state: 'pending' };
}

const times = (p: Pick<EventPlan, 'start' | 'end' | 'timeZone'>) => ({
  start: { dateTime: p.start.toISOString(), timeZone: p.timeZone },
  end: { dateTime: p.end.toISOString(), timeZone: p.timeZone },
});

/** Google's answer, or a GoogleProblem saying what went wrong. */
async function call<T>(request: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await request()).data;
  } catch (e) {
    throw googleProblem(e);
  }
}

async function readEvent(auth: OAuth2Client, rootUrl: string, eventId: string): Promise<Meeting> {
  return meetingOf(await call(() => api(auth, rootUrl).events.get({ calendarId: CALENDAR_ID, eventId }, CALL)));
}

/** Creates the event with its Meet conference; an event this plan already made (an earlier try) is read instead. */
export async function createEvent(auth: OAuth2Client, rootUrl: string, plan: EventPlan): Promise<Meeting> {
  try {
    const event = await call(() =>
      api(auth, rootUrl).events.insert(
        {
          calendarId: CALENDAR_ID,
          conferenceDataVersion: 1,
          sendUpdates: 'none',
          requestBody: {
            id: plan.eventId,
            summary: plan.summary,
            description: plan.description,
            ...times(plan),
            attendees: plan.attendees,
            conferenceData: { createRequest: { requestId: plan.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
          },
        },
        CALL,
      ),
    );
    return meetingOf(event);
  } catch (e) {
    if (googleProblem(e).kind === 'conflict') return readEvent(auth, rootUrl, plan.eventId);
    throw e;
  }
}

/** Moves the event to the appointment's new time; its conference, and so its link, stay. */
export async function moveEvent(auth: OAuth2Client, rootUrl: string, eventId: string, when: Pick<EventPlan, 'start' | 'end' | 'timeZone'>): Promise<Meeting> {
  return meetingOf(await call(() => api(auth, rootUrl).events.patch({ calendarId: CALENDAR_ID, eventId, sendUpdates: 'none', requestBody: times(when) }, CALL)));
}

/** Deletes the event; one already gone (404, 410) is what was wanted. */
export async function deleteEvent(auth: OAuth2Client, rootUrl: string, eventId: string): Promise<void> {
  try {
    await call(() => api(auth, rootUrl).events.delete({ calendarId: CALENDAR_ID, eventId, sendUpdates: 'none' }, CALL));
  } catch (e) {
    if (googleProblem(e).kind !== 'gone') throw e;
  }
}
