import { z } from 'zod';
import { channel, none, ok } from './channel';
import { groupedCode } from './invitation-code';

// The clinic key: enrolling a new seat with its recovery code, and showing that code to an administrator.

/** The clinic key's 32 bytes and a 3-byte checksum, 5 bits a character; written in groups of four. */
export const RECOVERY_CODE_LENGTH = 56;

export const clinicKeyChannels = {
  'clinicKey.enrol': channel({ input: z.strictObject({ recoveryCode: groupedCode(RECOVERY_CODE_LENGTH, 200) }), output: ok, roles: 'public' }),
  /** How this computer keeps the clinic key and the clinic's data, for the administrator's screen. */
  'clinicKey.protection': channel({
    input: none,
    output: z.object({
      /** safeStorage: sealed by the operating system's keychain; file: a file only this computer's user can read. */
      protection: z.enum(['safeStorage', 'file']),
      /** Where this computer keeps its copy of the key (outside the data folder). */
      keyFile: z.string(),
      /** this_computer: an encrypted database in the data folder; server: the clinic's PostgreSQL server. */
      database: z.enum(['this_computer', 'server']),
    }),
    roles: ['admin'],
  }),
  'clinicKey.recoveryCode': channel({
    input: z.strictObject({ password: z.string({ error: 'password_required' }).min(1, 'password_required').max(200, 'too_long') }),
    output: z.object({ recoveryCode: z.string() }),
    roles: ['admin'],
  }),
} as const;
