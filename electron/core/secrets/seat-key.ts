import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { writeFileAtomic } from '../files/atomic';

/**
 * How this seat protects the clinic key at rest. The Electron main process passes one backed by the operating
 * system's keychain (safeStorage); elsewhere the key file is readable by its owner only.
 */
export interface KeyProtection {
  name: 'safeStorage' | 'file';
  protect(key: Buffer): Buffer;
  unprotect(stored: Buffer): Buffer;
}

export const ownerOnlyFile: KeyProtection = { name: 'file', protect: (key) => key, unprotect: (stored) => stored };

/** The clinic key as this seat keeps it: one file outside the data folder (mode 0600), protected as `protection` says. */
export interface SeatKey {
  /** Where the key file is (shown to the administrator). */
  readonly path: string;
  readonly protection: KeyProtection['name'];
  /** Null when this seat holds no key it can open (never enrolled, or kept by a protection this run lacks). */
  read(): Buffer | null;
  write(key: Buffer): void;
}

/** Where seats kept the key before it moved out of the data folder. */
const OLD_KEY_FILE = 'clinic.key';

function readKeyFile(path: string, protection: KeyProtection): Buffer | null {
  if (!existsSync(path)) return null;
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { protection: KeyProtection['name']; key: string };
  const raw = Buffer.from(stored.key, 'base64');
  if (stored.protection === protection.name) return protection.unprotect(raw);
  // A key kept in a plain file is readable anywhere; a keychain-protected one only by its keychain.
  return stored.protection === 'file' ? raw : null;
}

export function seatKeyFile(path: string, protection: KeyProtection = ownerOnlyFile): SeatKey {
  return {
    path,
    protection: protection.name,
    read: () => readKeyFile(path, protection),
    write(key) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileAtomic(path, JSON.stringify({ protection: protection.name, key: protection.protect(key).toString('base64') }), 0o600);
    },
  };
}

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));

/**
 * The default key file of a data folder: in a folder of the user's own, away from the data folder (which is
 * what gets copied and backed up), named after the data folder so several clinics on one account do not meet.
 */
export function defaultKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  const folder =
    platform === 'win32'
      ? join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'MedLink Keys')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'MedLink Keys')
        : join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'medlink-keys');
  const name = createHash('sha256').update(real(dataDir)).digest('hex').slice(0, 16);
  return join(folder, `clinic-${name}.key`);
}

/** MEDLINK_KEY_FILE when set, else the default; refused inside the data folder, where a copy of the folder would take it along. */
export function keyFileFor(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = env.MEDLINK_KEY_FILE ? resolve(env.MEDLINK_KEY_FILE) : defaultKeyFile(dataDir, env);
  if (inside(real(dataDir), real(path))) {
    throw new Error(`MEDLINK_KEY_FILE (${path}) is inside the data folder (${dataDir}); choose a file in another folder, so that a copy of the data folder does not carry the key.`);
  }
  return path;
}

export class KeyMoveError extends Error {}

/**
 * A seat set up before the key left the data folder keeps it in `<dataDir>/clinic.key`: moved to `seat`'s file
 * (written and fsynced first), then removed. Both present and holding different keys: nothing is touched.
 */
export function moveOldKeyFile(dataDir: string, seat: SeatKey, protection: KeyProtection = ownerOnlyFile): void {
  const old = join(dataDir, OLD_KEY_FILE);
  if (!existsSync(old)) return;
  const key = readKeyFile(old, protection);
  if (!key) throw new KeyMoveError(`${old} holds a clinic key this computer's keychain cannot open; nothing was moved.`);
  const held = seat.read();
  if (held && !held.equals(key)) {
    throw new KeyMoveError(`${old} and ${seat.path} hold different clinic keys. Keep the one that opens this clinic and move the other away, then start MedLink again.`);
  }
  if (!held) seat.write(key);
  rmSync(old);
}
