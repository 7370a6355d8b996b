import { createHash } from 'node:crypto';
import { INVITATION_CODE_ALPHABET as ALPHABET } from '../../../shared/contract/invitation-code';

// The clinic key written for people: the 32 key bytes and 3 checksum bytes (280 bits) as 56 characters of an
// alphabet without look-alikes, in groups of four. The checksum tells a typing mistake from another clinic's key.

const KEY_BYTES = 32;
const CHECK_BYTES = 3;
const checksum = (key: Buffer) => createHash('sha256').update(key).digest().subarray(0, CHECK_BYTES);

export function encodeRecoveryCode(key: Buffer): string {
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** `code` as the contract normalised it (56 characters of the alphabet); null when its checksum is wrong (a typo). */
export function decodeRecoveryCode(code: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of code) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const key = Buffer.from(bytes.slice(0, KEY_BYTES));
  return checksum(key).equals(Buffer.from(bytes.slice(KEY_BYTES))) ? key : null;
}
