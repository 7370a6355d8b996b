import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { keychainProtection } from '../../electron/main/key-protection';

/** Stands in for safeStorage: strings sealed (AES-GCM, so another key always fails) under a key only this "keychain" holds. */
function fakeKeychain(backend = 'gnome_libsecret', available = true) {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (plain: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe("the seat's clinic key under the keychain", () => {
  it('is stored only in the form the keychain sealed, and comes back whole', () => {
    const protection = keychainProtection(fakeKeychain(), 'linux', () => undefined)!;
    const clinicKey = randomBytes(32);
    const stored = protection.protect(clinicKey);
    expect(protection.name).toBe('safeStorage');
    expect(stored.includes(clinicKey)).toBe(false);
    expect(stored.toString('utf8')).not.toContain(clinicKey.toString('base64'));
    expect(protection.unprotect(stored).equals(clinicKey)).toBe(true);
    // Another keychain cannot open it.
    expect(() => keychainProtection(fakeKeychain(), 'linux', () => undefined)!.unprotect(stored)).toThrow();
  });

  it('falls back to the owner-only file, and says so, where there is no real keychain', () => {
    for (const [keychain, platform] of [[fakeKeychain('basic_text'), 'linux'], [fakeKeychain('unknown', false), 'win32']] as const) {
      const log = vi.fn();
      expect(keychainProtection(keychain, platform, log)).toBeUndefined();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('only this user can read'));
    }
    // On macOS and Windows the backend name is not Linux's: a working keychain is used.
    expect(keychainProtection(fakeKeychain('unknown'), 'darwin', () => undefined)?.name).toBe('safeStorage');
  });
});
