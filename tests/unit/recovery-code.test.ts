import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeRecoveryCode, encodeRecoveryCode } from '../../electron/core/secrets/recovery-code';
import { RECOVERY_CODE_LENGTH } from '../../shared/contract/clinic-key';
import { INVITATION_CODE_ALPHABET } from '../../shared/contract/invitation-code';

const plain = (code: string) => code.replaceAll('-', '');

describe('the recovery code', () => {
  it('writes the 32-byte key as 14 groups of four and reads it back', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const code = encodeRecoveryCode(key);
      expect(code).toMatch(/^([A-Z2-9]{4}-){13}[A-Z2-9]{4}$/);
      // The length the contract accepts.
      expect(plain(code)).toHaveLength(RECOVERY_CODE_LENGTH);
      expect(decodeRecoveryCode(plain(code))!.equals(key)).toBe(true);
    }
  });

  it('catches any one character typed wrong, wherever it is', () => {
    const code = plain(encodeRecoveryCode(randomBytes(32)));
    for (let at = 0; at < code.length; at++) {
      const other = INVITATION_CODE_ALPHABET[(INVITATION_CODE_ALPHABET.indexOf(code[at]!) + 1 + (at % 31)) % 32]!;
      expect(decodeRecoveryCode(code.slice(0, at) + other + code.slice(at + 1)), `position ${at}`).toBeNull();
    }
  });

  it('catches two neighbouring characters swapped', () => {
    const code = plain(encodeRecoveryCode(randomBytes(32)));
    for (let at = 0; at < code.length - 1; at++) {
      if (code[at] === code[at + 1]) continue;
      const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
      expect(decodeRecoveryCode(swapped), `positions ${at}-${at + 1}`).toBeNull();
    }
  });
});
