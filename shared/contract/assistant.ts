import { z } from 'zod';
import * as f from '../fields';
import { LANGUAGES, SPECIALITIES } from '../specialities';
import { channel, none, ok } from './channel';
import { APPOINTMENT_STATUSES, appointmentView, MODES } from './scheduling';

// The health assistant: answers in English or Hindi, red flags first; the clinic's list of urgent alerts.

/** What a message was understood to ask. Each intent has its answerer (electron/core/assistant/intents.ts). */
export const ASSISTANT_INTENTS = [
  'emergency', 'condition', 'symptom', 'speciality', 'appointments', 'video_link', 'howto', 'greeting', 'thanks', 'help',
  'privacy', 'unknown',
] as const;
export type AssistantIntent = (typeof ASSISTANT_INTENTS)[number];

/** Parts of a condition's page; `seeDoctor` answers come with `redFlags`. */
export const CONDITION_SECTIONS = ['overview', 'symptoms', 'selfCare', 'prevention', 'seeDoctor', 'redFlags'] as const;
export type ConditionSection = (typeof CONDITION_SECTIONS)[number];

export const HOWTO_TOPICS = ['book', 'reschedule', 'cancel', 'upload'] as const;
export type HowtoTopic = (typeof HOWTO_TOPICS)[number];

/** Fixed replies, worded in the screens' catalogs (assistant.reply.*). */
export const ASSISTANT_REPLIES = [
  'greeting', 'thanks', 'help', 'unknown', 'privacy', 'signIn', 'howto_book', 'howto_reschedule', 'howto_cancel', 'howto_upload',
] as const;

const named = z.object({ id: z.string(), name: z.string() });

const visit = z.object({
  id: z.number(),
  number: z.number(),
  doctorName: z.string(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(MODES),
  status: z.enum(APPOINTMENT_STATUSES),
  hospital: z.string(),
});
export type AssistantVisit = z.infer<typeof visit>;

const doctor = z.object({
  id: z.number(),
  fullName: z.string(),
  speciality: z.enum(SPECIALITIES),
  specialityOther: z.string().optional(),
  hospital: z.string(),
  experienceYears: z.number(),
  languages: z.array(z.string()),
  nextSlot: z.object({ start: z.string(), date: z.string(), time: z.string() }).nullable(),
});
export type AssistantDoctor = z.infer<typeof doctor>;

const block = z.discriminatedUnion('kind', [
  /** Red flags: call the clinic's emergency number now; what to do meanwhile. */
  z.object({ kind: z.literal('emergency'), number: z.string(), advice: z.array(z.string()) }),
  z.object({
    kind: z.literal('condition'),
    id: z.string(),
    name: z.string(),
    sections: z.array(z.object({ section: z.enum(CONDITION_SECTIONS), text: z.string().nullable(), items: z.array(z.string()) })),
    sources: z.array(z.object({ name: z.string(), url: z.string() })),
  }),
  /** Symptoms described, with general advice and the conditions they are often part of. */
  z.object({ kind: z.literal('symptoms'), symptoms: z.array(named.extend({ advice: z.string() })), related: z.array(named) }),
  /** Verified doctors of the speciality asked for; `fallback` when there are none and general physicians are shown instead. */
  z.object({ kind: z.literal('doctors'), speciality: z.enum(SPECIALITIES), fallback: z.boolean(), doctors: z.array(doctor) }),
  /** The asking patient's own upcoming appointments. */
  z.object({ kind: z.literal('appointments'), appointments: z.array(visit) }),
  /** The asking patient's next online appointment, if any, with its video link as their appointment card shows it. */
  z.object({ kind: z.literal('video'), appointment: appointmentView.nullable() }),
  z.object({ kind: z.literal('reply'), reply: z.enum(ASSISTANT_REPLIES) }),
]);
export type AssistantBlock = z.infer<typeof block>;

const answer = z.object({
  /** The answer's language: Hindi when the screen is in Hindi or the message was. */
  language: z.enum(LANGUAGES),
  intent: z.enum(ASSISTANT_INTENTS),
  blocks: z.array(block),
  /** Health answers carry the note that this is general information, not a diagnosis. */
  healthNote: z.boolean(),
  /** Questions to offer next, in the answer's language. */
  suggestions: z.array(z.string()),
});
export type AssistantAnswer = z.infer<typeof answer>;

const alert = z.object({
  id: z.number(),
  at: z.string(),
  /** Null when asked without signing in (a kiosk). */
  patientId: z.number().nullable(),
  patientName: z.string().nullable(),
  patientPhone: z.string().nullable(),
  /** What the patient typed. */
  message: z.string(),
  flags: z.array(z.string()),
});
export type AssistantAlert = z.infer<typeof alert>;

export const assistantChannels = {
  'assistant.ask': channel({
    input: z.strictObject({
      text: z.string({ error: 'question_required' }).trim().min(1, 'question_required').max(500, 'too_long'),
      /** The screen's language. */
      language: z.enum(LANGUAGES).default('en'),
    }),
    output: answer,
    // General questions need no sign-in (a kiosk); questions about one's own data need a patient's session.
    roles: 'optional',
  }),
  'alerts.list': channel({ input: none, output: z.array(alert), roles: ['doctor', 'admin'] }),
  'alerts.count': channel({ input: none, output: z.object({ open: z.number() }), roles: ['doctor', 'admin'] }),
  'alerts.handle': channel({ input: z.strictObject({ alertId: f.id }), output: ok, roles: ['doctor', 'admin'] }),
} as const;
