import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic';

/**
 * How this seat protects the clinic key at rest. The Electron main process passes one backed by the operating
 * system's keychain (safeStorage); browser mode relies on the key file being readable by its owner only.
 */
export interface KeyProtection {
  name: 'safeStorage' | 'file';
  protect(key: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

export const ownerOnlyFile: KeyProtection = { name: 'file', protect: (key) => key, unprotect: (stored) => stored };

/** The clinic key as this seat keeps it: `<dataDir>/clinic.key` (mode 0600), protected as `protection` says. */
export interface SeatKey {
  /** Null when this seat holds no key it can open (never enrolled, or kept by a protection this run lacks). */
  read(): Buffer | null;
  write(key: Buffer): void;
}

export function seatKeyFile(dataDir: string, protection: KeyProtection = ownerOnlyFile): SeatKey {
  const path = join(dataDir, 'clinic.key');
  return {
    read() {
      if (!existsSync(path)) return null;
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { protection: KeyProtection['name']; key: string };
      const raw = Buffer.from(stored.key, 'base64');
      if (stored.protection === protection.name) return protection.unprotect(raw);
      // A key kept in a plain file (browser mode) is readable anywhere; a keychain-protected one only by its keychain.
      return stored.protection === 'file' ? raw : null;
    },
    write(key) {
      writeFileAtomic(path, JSON.stringify({ protection: protection.name, key: protection.protect(key).toString('base64') }), 0o600);
    },
  };
}
