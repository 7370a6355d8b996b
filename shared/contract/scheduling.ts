import { z } from 'zod';
import * as f from '../fields';
import { VIDEO_PROVIDERS } from '../video';
import { channel, none, ok } from './channel';

// Doctors' availability, clinic holidays, appointments and their life.

export const MODES = ['online', 'in_person'] as const;
export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;

const hhmm = z.string({ error: 'time_invalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid');
const modes = z.array(z.enum(MODES, { error: 'mode_invalid' }), { error: 'modes_required' }).min(1, 'modes_required').max(2, 'modes_required');
const range = z
  .strictObject({ start: hhmm, end: hhmm, modes })
  .refine((r) => r.start < r.end, { path: ['end'], message: 'end_before_start' });
export type TimeRangeInput = z.infer<typeof range>;

/** A day's ranges: at most six, none overlapping. */
const ranges = z
  .array(range, { error: 'invalid' })
  .max(6, 'too_many')
  .refine((rs) => [...rs].sort((a, b) => a.start.localeCompare(b.start)).every((r, i, s) => i === 0 || s[i - 1]!.end <= r.start), {
    message: 'ranges_overlap',
  });

const weekly = z
  .array(z.strictObject({ weekday: z.number({ error: 'invalid' }).int('invalid').min(0, 'invalid').max(6, 'invalid'), ranges }), { error: 'invalid' })
  .max(7, 'too_many')
  .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, 'weekday_repeated');

const scheduleSettings = z.strictObject({
  slotMinutes: z.number({ error: 'slot_invalid' }).int('slot_invalid').refine((n) => [5, 10, 15, 20, 30, 45, 60].includes(n), 'slot_invalid'),
  bufferMinutes: z.number({ error: 'buffer_invalid' }).int('buffer_invalid').min(0, 'buffer_invalid').max(120, 'buffer_invalid'),
  minNoticeMinutes: z.number({ error: 'notice_invalid' }).int('notice_invalid').min(0, 'notice_invalid').max(10_080, 'notice_invalid'),
  horizonDays: z.number({ error: 'horizon_invalid' }).int('horizon_invalid').min(1, 'horizon_invalid').max(365, 'horizon_invalid'),
});

const exception = z.strictObject({
  date: f.isoDate,
  /** Empty: the day off. Otherwise these hours replace the weekly hours on that date. */
  ranges,
});

const availability = z.object({
  settings: scheduleSettings,
  weekly: z.array(z.object({ weekday: z.number(), ranges: z.array(z.object({ start: z.string(), end: z.string(), modes: z.array(z.enum(MODES)) })) })),
  exceptions: z.array(z.object({ date: z.string(), ranges: z.array(z.object({ start: z.string(), end: z.string(), modes: z.array(z.enum(MODES)) })) })),
});
export type AvailabilityView = z.infer<typeof availability>;

const slot = z.object({ start: z.string(), end: z.string(), date: z.string(), time: z.string(), modes: z.array(z.enum(MODES)) });
export type SlotView = z.infer<typeof slot>;

export const appointmentView = z.object({
  id: z.number(),
  /** The clinic-wide booking number patients and the desk quote (1, 2, 3, … without gaps). */
  number: z.number(),
  doctorId: z.number(),
  doctorName: z.string(),
  patientId: z.number(),
  patientName: z.string(),
  /** A family member's account holder, who books for them and is their contact; null for anyone else. */
  contactName: z.string().nullable(),
  /** Booked as one of a series of repeat visits. */
  seriesId: z.number().nullable(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(MODES),
  reason: z.string().nullable(),
  status: z.enum(APPOINTMENT_STATUSES),
  cancelReason: z.string().nullable(),
  hospital: z.string(),
  /** What the person asking may do now (the server checks again). */
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
  /** How long before the start a patient may still change it online (the clinic's setting). */
  cutoffMinutes: z.number(),
  /** Visit states the doctor or the front desk may set now (always false for the patient). */
  canCheckIn: z.boolean(),
  canComplete: z.boolean(),
  canMarkNoShow: z.boolean(),
  /** An online appointment's video link; url null while it is being made. */
  video: z
    .object({
      provider: z.enum(VIDEO_PROVIDERS),
      state: z.enum(['pending', 'ready']),
      url: z.string().nullable(),
      /** On the public meet.jit.si the first to join must sign in as moderator (the doctor is told). */
      moderatorSignIn: z.boolean(),
    })
    .nullable(),
  /** The doctor of this appointment may paste a link of their own or ask for a new one. */
  canChangeLink: z.boolean(),
  /** What the patient types or scans at the kiosk on the day; given to the patient (and the front desk, for the slip) while it is booked. */
  checkInCode: z.string().nullable(),
  /** The patient's place in the doctor's queue, once checked in. */
  queueNumber: z.number().nullable(),
});
export type AppointmentView = z.infer<typeof appointmentView>;

const reason = z.string({ error: 'cancel_reason_required' }).trim().min(3, 'cancel_reason_required').max(500, 'too_long');
const instant = f.instant('start_invalid');

export const schedulingChannels = {
  'availability.get': channel({ input: none, output: availability, roles: ['doctor'] }),
  'availability.save': channel({
    input: z.strictObject({ settings: scheduleSettings, weekly }),
    output: availability,
    roles: ['doctor'],
  }),
  'availability.setException': channel({ input: exception, output: availability, roles: ['doctor'] }),
  'availability.removeException': channel({ input: z.strictObject({ date: f.isoDate }), output: availability, roles: ['doctor'] }),
  'holidays.list': channel({
    input: none,
    output: z.array(z.object({ date: z.string(), name: z.string() })),
    roles: ['admin', 'front_desk', 'doctor'],
  }),
  'holidays.set': channel({
    input: z.strictObject({ date: f.isoDate, name: z.string({ error: 'holiday_name_required' }).trim().min(2, 'holiday_name_required').max(100, 'too_long') }),
    output: ok,
    roles: ['admin'],
  }),
  'holidays.remove': channel({ input: z.strictObject({ date: f.isoDate }), output: ok, roles: ['admin'] }),
  'doctors.slots': channel({
    input: z.strictObject({ doctorId: f.id, fromDate: f.isoDate, toDate: f.isoDate }),
    output: z.array(slot),
    roles: ['patient', 'front_desk', 'doctor', 'admin'],
  }),
  'appointments.book': channel({
    input: z.strictObject({
      doctorId: f.id,
      start: instant,
      mode: z.enum(MODES, { error: 'mode_invalid' }),
      reason: z.string().trim().max(500, 'too_long').optional(),
      /** Whom it is for: the front desk names the patient; a patient themselves (default) or a family member on their account. */
      patientId: f.id.optional(),
    }),
    output: appointmentView,
    roles: ['patient', 'front_desk'],
  }),
  'appointments.reschedule': channel({
    input: z.strictObject({ appointmentId: f.id, start: instant, mode: z.enum(MODES, { error: 'mode_invalid' }).optional() }),
    output: appointmentView,
    roles: ['patient', 'front_desk', 'doctor'],
  }),
  'appointments.cancel': channel({
    input: z.strictObject({ appointmentId: f.id, reason }),
    output: appointmentView,
    roles: ['patient', 'front_desk', 'doctor'],
  }),
  'appointments.setStatus': channel({
    input: z.strictObject({ appointmentId: f.id, status: z.enum(['checked_in', 'completed', 'no_show'], { error: 'status_invalid' }) }),
    output: appointmentView,
    roles: ['front_desk', 'doctor'],
  }),
  'appointments.mine': channel({
    input: none,
    output: z.object({ upcoming: z.array(appointmentView), past: z.array(appointmentView) }),
    roles: ['patient'],
  }),
  'appointments.schedule': channel({
    input: z.strictObject({ fromDate: f.isoDate, toDate: f.isoDate }),
    output: z.object({
      appointments: z.array(appointmentView),
      blocked: z.array(z.object({ id: z.number(), start: z.string(), end: z.string(), reason: z.string().nullable() })),
    }),
    roles: ['doctor'],
  }),
  'appointments.history': channel({
    input: z.strictObject({ appointmentId: f.id }),
    output: z.array(z.object({ at: z.string(), actorName: z.string().nullable(), change: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    roles: ['patient', 'front_desk', 'doctor', 'admin'],
  }),
  'appointments.blockTime': channel({
    input: z
      .strictObject({ start: instant, end: instant, reason: z.string().trim().max(200, 'too_long').optional() })
      .refine((b) => b.start < b.end, { path: ['end'], message: 'end_before_start' }),
    output: ok,
    roles: ['doctor'],
  }),
  'appointments.unblock': channel({ input: z.strictObject({ blockId: f.id }), output: ok, roles: ['doctor'] }),
} as const;
