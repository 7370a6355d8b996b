import type { SafeStorage } from 'electron';
import type { KeyProtection } from '../core/secrets/seat-key';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * The clinic key under the operating system's keychain (Electron's safeStorage). Where there is no real
 * keychain (Linux without a secret service, where safeStorage falls back to a fixed password) it would add
 * nothing: the seat then keeps the key in its owner-only file, and the log says so.
 */
export function keychainProtection(safeStorage: Keychain, platform: NodeJS.Platform, log: (message: string) => void): KeyProtection | undefined {
  const fixedPassword = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || fixedPassword) {
    log("No keychain is available: the clinic key is kept in a file only this user can read.");
    return undefined;
  }
  return {
    name: 'safeStorage',
    protect: (key) => safeStorage.encryptString(key.toString('base64')),
    unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
  };
}
