import { createHash, randomInt } from 'node:crypto';
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '../../../shared/contract';
import { DomainError } from '../context';

// Invitation codes (a doctor invited by the administrator, a grown-up family member invited to take over their
// record): shown or mailed once, kept only as a hash, so the database alone cannot be used to sign up in
// someone's place.

/** Twelve characters of a 32-letter alphabet (60 bits), drawn without bias, shown as XXXX-XXXX-XXXX. */
export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** The hash kept of a code, however it was typed (case, spaces and dashes do not matter). */
export const invitationCodeHash = (code: string) =>
  createHash('sha256').update(`medlink-invitation:${code.toUpperCase().replace(/[\s-]/g, '')}`).digest('hex');

/**
 * An invitation found by its code, if it can still be used; refused, with the reason, when unknown, used or
 * expired: a problem with what the person typed, so a VALIDATION refusal naming the field.
 */
export function openOrRefuse<R extends { used_at: string | null; expires_at: string }>(row: R | undefined, nowIso: string, field: string): R {
  if (!row) {
    throw new DomainError('VALIDATION', 'This invitation code is not right. Check it against the email, or ask the clinic for a new one.', {
      fields: { [field]: 'code_unknown' },
    });
  }
  if (row.used_at) {
    throw new DomainError('VALIDATION', 'This invitation code was already used to sign up. Sign in instead, or ask the clinic for a new one.', {
      fields: { [field]: 'code_used' },
    });
  }
  if (row.expires_at <= nowIso) {
    throw new DomainError('VALIDATION', 'This invitation code has expired. Ask the clinic for a new one.', { fields: { [field]: 'code_expired' } });
  }
  return row;
}
