import bcrypt from 'bcryptjs';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DomainError } from '../context';
import { resourcePath } from '../resources';

export const BCRYPT_COST = 12;

let common: Set<string> | undefined;
/** The 1,000 most used passwords (zxcvbn's frequency list), loaded once: it never changes while running. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(resourcePath('common-passwords.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean),
  );
  return common;
}

/** Length and the common list only: composition rules make passwords worse, not better. */
export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < 10) {
    throw new DomainError('PASSWORD_WEAK', 'Use at least 10 characters.', { fields: { [field]: 'password_short' } });
  }
  if (commonPasswords().has(password.toLowerCase())) {
    throw new DomainError('PASSWORD_COMMON', 'This password is one of the most common and easy to guess. Choose another.', {
      fields: { [field]: 'password_common' },
    });
  }
}

export const hashPassword = (password: string, cost: number) => bcrypt.hash(password, cost);
export const passwordMatches = (password: string, hash: string) => bcrypt.compare(password, hash);

// Compared against when the email is unknown, so both answers take the same time.
let dummyHash: string | undefined;
export async function burnComparison(password: string, cost: number): Promise<void> {
  dummyHash ??= await bcrypt.hash('medlink-no-such-account', cost);
  await bcrypt.compare(password, dummyHash);
}

const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** A one-time password read aloud or copied by staff: no look-alike characters, grouped for reading. */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 12 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}
