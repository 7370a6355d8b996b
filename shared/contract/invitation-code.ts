import { z } from 'zod';

/**
 * An invitation code as a person types it ("k7qf 29xd-m3pa"): case, spaces and dashes do not matter. Twelve
 * characters of an alphabet without look-alikes (no 0/O, 1/I); kept as written here, compared by its hash.
 */
export const INVITATION_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 12;

/** A code of `length` characters of that alphabet, typed in at most `maxTyped` characters with spaces and dashes. */
export const groupedCode = (length: number, maxTyped: number) =>
  z
    .string({ error: 'code_required' })
    .max(maxTyped, 'code_invalid')
    .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().min(1, 'code_required').regex(new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${length}}$`), 'code_invalid'));

export const invitationCode = groupedCode(INVITATION_CODE_LENGTH, 40);
