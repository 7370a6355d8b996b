import { z } from 'zod';
import { channel, ok } from './channel';
import { INVITATION_CODE_ALPHABET } from './invitation-code';

// The clinic key: enrolling a new seat with its recovery code, and showing that code to an administrator.

/** 56 characters in groups of four, as a person types or pastes them: case, spaces and dashes do not matter. */
const recoveryCode = z
  .string({ error: 'code_required' })
  .max(200, 'code_invalid')
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().min(1, 'code_required').regex(new RegExp(`^[${INVITATION_CODE_ALPHABET}]{56}$`), 'code_invalid'));

export const clinicKeyChannels = {
  'clinicKey.enrol': channel({ input: z.strictObject({ recoveryCode }), output: ok, roles: 'public' }),
  'clinicKey.recoveryCode': channel({
    input: z.strictObject({ password: z.string({ error: 'password_required' }).min(1, 'password_required').max(200, 'too_long') }),
    output: z.object({ recoveryCode: z.string() }),
    roles: ['admin'],
  }),
} as const;
