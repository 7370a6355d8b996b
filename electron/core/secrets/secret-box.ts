import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKey } from '../files/atomic';

/**
 * Keeps a secret (the SMTP password) unreadable at rest. The browser-mode server uses a key file in the data
 * folder; the Electron main process may pass a box backed by the operating system's keychain (safeStorage).
 */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the text was not sealed by this box (another key, or tampered with). */
  open(sealed: string): string;
}

const PREFIX = 'aes256gcm:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a random 32-byte key in `<dataDir>/secrets.key` (mode 0600), made on first use. It keeps
 * the password out of the database and its backups; someone who can read the data folder itself can still
 * open it, which is what the Electron keychain box improves on.
 */
export function fileKeySecretBox(dataDir: string): SecretBox {
  let key: Buffer | undefined;
  const getKey = () => (key ??= readOrCreateKey(join(dataDir, 'secrets.key'), 32));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was not sealed by the file-key box.');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('This sealed secret is damaged.');
      const decipher = createDecipheriv('aes-256-gcm', getKey(), raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
