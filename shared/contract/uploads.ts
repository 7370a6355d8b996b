import { z } from 'zod';
import { CHUNK_BYTES, UPLOAD_PURPOSES } from '../records';
import { isBase64 } from '../validation';
import { channel, ok } from './channel';

// Files on their way in, in chunks: begun with their name and size, sent chunk by chunk (base64), then taken whole
// by the channel that keeps them (records.add, doctors.addDocument) or cancelled.

/** A file's name as the person's computer gave it: shown only, so it must be a plain name (no folders, no control characters). */
export const fileName = z
  .string({ error: 'name_invalid' })
  .trim()
  .min(1, 'name_invalid')
  .max(200, 'name_too_long')
  .refine((v) => !/[\u0000-\u001f\u007f/\\]/.test(v) && v !== '.' && v !== '..', 'name_invalid');

export const uploadId = z.string({ error: 'invalid' }).uuid('invalid');

/** One chunk as base64: at most CHUNK_BYTES bytes. */
const chunkBase64 = z
  .string({ error: 'invalid' })
  .max(Math.ceil(CHUNK_BYTES / 3) * 4, 'chunk_too_large')
  .refine(isBase64, 'invalid');

export const uploadChannels = {
  'uploads.begin': channel({
    input: z.strictObject({
      purpose: z.enum(UPLOAD_PURPOSES, { error: 'invalid' }),
      name: fileName,
      size: z.number({ error: 'invalid' }).int('invalid').min(0, 'invalid').max(2 ** 40, 'invalid'),
    }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number() }),
    roles: ['patient', 'doctor'],
  }),
  'uploads.chunk': channel({
    input: z.strictObject({ uploadId, index: z.number({ error: 'invalid' }).int('invalid').min(0, 'invalid').max(1_000_000, 'invalid'), base64: chunkBase64 }),
    output: z.object({ received: z.number() }),
    roles: ['patient', 'doctor'],
  }),
  'uploads.cancel': channel({ input: z.strictObject({ uploadId }), output: ok, roles: ['patient', 'doctor'] }),
} as const;
