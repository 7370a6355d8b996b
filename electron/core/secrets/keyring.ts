import { DomainError } from '../context';
import { keySecretBox, type SecretBox } from './secret-box';

/** The keys the clinic key opens: the audit chain's, and the records key every stored file's key is wrapped under. */
export interface SealedKeys {
  audit: Buffer;
  records: Buffer;
}

/**
 * This seat's hold on the clinic's shared secrets. Every secret the seats share (the SMTP password, the audit
 * key, the records key, Google's client secret and tokens) is kept in the database sealed under the clinic key, which each seat
 * holds itself once an administrator has enrolled it. Until then nothing sealed can be read or written.
 */
export interface Keyring {
  readonly enrolled: boolean;
  /** Seals and opens the shared secrets under the clinic key; refuses until this seat is enrolled. */
  readonly secrets: SecretBox;
  auditKey(): Buffer;
  recordsKey(): Buffer;
  clinicKey(): Buffer;
  /** Takes the clinic key (already checked against the database) and the keys it opened. */
  adopt(clinicKey: Buffer, sealed: SealedKeys): void;
  /** Runs `fn` now if this seat is enrolled, else once it is. */
  whenEnrolled(fn: () => void): void;
}

export const notEnrolled = () =>
  new DomainError('NOT_ENROLLED', "This computer is not yet enrolled in the clinic. An administrator enrols it with the clinic's recovery code.");

export function createKeyring(): Keyring {
  let keys: (SealedKeys & { clinic: Buffer; box: SecretBox }) | null = null;
  const waiting: (() => void)[] = [];
  const held = () => {
    if (!keys) throw notEnrolled();
    return keys;
  };
  return {
    get enrolled() {
      return keys !== null;
    },
    secrets: { seal: (plain) => held().box.seal(plain), open: (sealed) => held().box.open(sealed) },
    auditKey: () => held().audit,
    recordsKey: () => held().records,
    clinicKey: () => held().clinic,
    adopt(clinic, sealed) {
      keys = { clinic, ...sealed, box: keySecretBox(clinic) };
      for (const fn of waiting.splice(0)) fn();
    },
    whenEnrolled(fn) {
      if (keys) fn();
      else waiting.push(fn);
    },
  };
}
