import { z } from 'zod';
import * as f from '../fields';
import { channel } from './channel';
import { fileContent } from './records';

// The sheets the front desk and the doctors print, as PDFs made by the clinic's PDF module (English, like the
// receipts and prescriptions). Each is open to whoever sees the same on screen.

export const printChannels = {
  /** The desk's day list: every doctor with appointments that day, or the one named. */
  'print.dayList': channel({
    input: z.strictObject({ date: f.isoDate, doctorId: f.id.optional() }),
    output: fileContent,
    roles: ['front_desk'],
  }),
  /** A patient's appointment slip, as the desk hands it over. */
  'print.slip': channel({ input: z.strictObject({ appointmentId: f.id }), output: fileContent, roles: ['front_desk'] }),
  /** The signed-in doctor's own appointments over these days (a day or a week, as their schedule shows). */
  'print.myDay': channel({
    input: z.strictObject({ fromDate: f.isoDate, toDate: f.isoDate }),
    output: fileContent,
    roles: ['doctor'],
  }),
} as const;
