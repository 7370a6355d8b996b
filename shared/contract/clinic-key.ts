import { z } from 'zod';
import { channel, ok } from './channel';
import { groupedCode } from './invitation-code';

// The clinic key: enrolling a new seat with its recovery code, and showing that code to an administrator.

/** The clinic key's 32 bytes and a 3-byte checksum, 5 bits a character; written in groups of four. */
export const RECOVERY_CODE_LENGTH = 56;

export const clinicKeyChannels = {
  'clinicKey.enrol': channel({ input: z.strictObject({ recoveryCode: groupedCode(RECOVERY_CODE_LENGTH, 200) }), output: ok, roles: 'public' }),
  'clinicKey.recoveryCode': channel({
    input: z.strictObject({ password: z.string({ error: 'password_required' }).min(1, 'password_required').max(200, 'too_long') }),
    output: z.object({ recoveryCode: z.string() }),
    roles: ['admin'],
  }),
} as const;
